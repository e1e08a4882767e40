package io.lakelab.platform.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lakelab.catalog.ColumnSpec;
import io.lakelab.catalog.demo.DemoDataset;
import io.lakelab.catalog.demo.DemoIndicator;
import io.lakelab.catalog.demo.DemoScenario;
import io.lakelab.platform.support.PlatformTestSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Base for tests that need the demo low-carbon lab, set up through the API once per test JVM (the
 * Spring context and its database are shared): lab {@code lowcarbon}, the three demo datasets (200
 * enterprises) ingested and granted, the demo indicators defined by {@code alice}, and one
 * successful fusion run that job and lineage tests share instead of each paying for a runner JVM.
 */
public abstract class DemoLabSupport extends PlatformTestSupport {

    public static final String LAB = "lowcarbon";
    public static final String WORKSPACE = "lab_lowcarbon";
    public static final DemoScenario SCENARIO = new DemoScenario(200, 2025L);
    private static boolean ready;
    private static String fusionRunId;

    protected void ensureDemoLab() {
        synchronized (DemoLabSupport.class) {
            if (ready) {
                return;
            }
            ensureDemoLabExists();
            Path dir;
            try {
                dir = Files.createTempDirectory("demo-lab-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            SCENARIO.writeFiles(dir);
            for (DemoDataset d : SCENARIO.datasets()) {
                String name = d.name().value();
                if (get("admin", "/api/v1/datasets/" + name).status() == 404) {
                    Response registered = post("admin", "/api/v1/datasets", register(d));
                    assertThat(registered.status()).as(registered.body()).isEqualTo(201);
                }
                Response ingested = upload(
                        "admin", "/api/v1/datasets/" + name + "/ingestions?mode=REPLACE", dir.resolve(d.fileName()));
                assertThat(ingested.status()).as(ingested.body()).isEqualTo(201);
                Response granted = post("admin", "/api/v1/grants", Map.of("lab", LAB, "dataset", name));
                assertThat(granted.status()).as(granted.body()).isIn(201, 409);
            }
            for (DemoIndicator i : SCENARIO.indicators()) {
                Response defined = post(
                        "alice",
                        "/api/v1/labs/" + LAB + "/indicators",
                        Map.of(
                                "code", i.code(),
                                "nameZh", i.nameZh(),
                                "nameEn", i.nameEn(),
                                "unit", i.unit(),
                                "target", i.target(),
                                "direction", i.direction(),
                                "sql", i.sql()));
                assertThat(defined.status()).as(defined.body()).isEqualTo(201);
            }
            ready = true;
        }
    }

    /** The id of a SUCCEEDED run of the demo fusion job, running it on first use. */
    protected String fusionRun() {
        synchronized (DemoLabSupport.class) {
            ensureDemoLab();
            if (fusionRunId == null) {
                JsonNode run = awaitTerminal(submit("alice", "low-carbon-fusion", SCENARIO.fusionStatements()));
                assertThat(run.get("state").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
                fusionRunId = run.get("id").asString();
            }
            return fusionRunId;
        }
    }

    /** Submits a job in the demo lab and returns its id. */
    protected String submit(String user, String name, List<String> statements) {
        Response submitted = post(user, "/api/v1/jobs", Map.of("lab", LAB, "name", name, "statements", statements));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        return submitted.json().get("id").asString();
    }

    protected JsonNode job(String id) {
        Response response = get("alice", "/api/v1/jobs/" + id);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    protected JsonNode awaitTerminal(String id) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofMinutes(4))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    last[0] = job(id);
                    return List.of("SUCCEEDED", "FAILED", "CANCELLED")
                            .contains(last[0].get("state").asString());
                });
        return last[0];
    }

    private static Map<String, Object> register(DemoDataset d) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("name", d.name().value());
        request.put("titleZh", d.titleZh());
        request.put("titleEn", d.titleEn());
        request.put("description", d.description());
        request.put("kind", d.kind());
        request.put("provider", d.provider());
        request.put("openCategory", d.openCategory());
        request.put("grade", d.grade());
        request.put("tags", d.tags());
        request.put(
                "columns",
                d.schema().columns().stream().map(DemoLabSupport::column).toList());
        return request;
    }

    private static Map<String, Object> column(ColumnSpec c) {
        return Map.of(
                "name", c.name(),
                "type", c.type(),
                "description", c.description(),
                "required", c.required(),
                "tags", c.tags());
    }
}
