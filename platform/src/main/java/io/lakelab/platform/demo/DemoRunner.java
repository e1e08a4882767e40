package io.lakelab.platform.demo;

import io.lakelab.catalog.ColumnSpec;
import io.lakelab.catalog.LabCode;
import io.lakelab.catalog.Workspaces;
import io.lakelab.catalog.demo.DemoDataset;
import io.lakelab.catalog.demo.DemoIndicator;
import io.lakelab.catalog.demo.DemoScenario;
import io.lakelab.platform.identity.DemoUserDirectory;
import io.lakelab.platform.infra.StorageProperties;
import io.lakelab.platform.trino.TrinoServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the built-in low-carbon demo end to end through the public API: creates the lab,
 * registers and ingests the public and social datasets, grants them, defines the indicators, runs
 * the fusion job as the lab's engineer and reports what came out (job state, lineage, indicators,
 * how the dirty rows were handled). Idempotent: a second run on the same home reuses what exists.
 */
@Component
@ConditionalOnProperty(name = "lakelab.demo.enabled", havingValue = "true")
class DemoRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoRunner.class);
    private static final String ADMIN = "admin";
    private static final String ENGINEER = "alice";

    private final DemoProperties properties;
    private final StorageProperties storage;
    private final DemoUserDirectory users;
    private final JsonMapper json;
    private final Catalog catalog;
    private final ObjectProvider<TrinoServer> trino;

    DemoRunner(
            DemoProperties properties,
            StorageProperties storage,
            Optional<DemoUserDirectory> users,
            JsonMapper json,
            Catalog catalog,
            ObjectProvider<TrinoServer> trino) {
        this.properties = properties;
        this.storage = storage;
        this.users = users.orElseThrow(() -> new IllegalStateException(
                "The demo runs on the embedded identity provider: unset lakelab.identity.issuer-uri"));
        this.json = json;
        this.catalog = catalog;
        this.trino = trino;
    }

    @EventListener
    void onReady(ApplicationReadyEvent event) {
        WebServerApplicationContext context = (WebServerApplicationContext) event.getApplicationContext();
        DemoClient api = new DemoClient(context.getWebServer().getPort(), users, json);
        Map<String, Object> summary;
        boolean ok;
        try {
            summary = run(api);
            ok = Boolean.TRUE.equals(summary.get("ok"));
        } catch (RuntimeException e) {
            log.error("The demo failed", e);
            summary = new LinkedHashMap<>();
            summary.put("ok", false);
            summary.put("error", e.getMessage());
            ok = false;
        }
        print(summary, api);
        if (properties.exit()) {
            int code = ok ? 0 : 1;
            // Print after logging stops interleaving: the JSON must be the last stdout line.
            String line = json.writeValueAsString(summary);
            int exit = SpringApplication.exit(event.getApplicationContext(), () -> code);
            System.out.println(line);
            System.out.flush();
            System.exit(exit);
        }
    }

    private Map<String, Object> run(DemoClient api) {
        DemoScenario scenario = new DemoScenario(properties.enterprises(), properties.seed());
        Path files =
                storage.home().resolve("demo").resolve("data-" + properties.enterprises() + "-" + properties.seed());
        scenario.writeFiles(files);
        step("lab " + scenario.lab().code().value());
        ensureLab(api, scenario);
        List<Map<String, Object>> datasets = new ArrayList<>();
        for (DemoDataset dataset : scenario.datasets()) {
            step("dataset " + dataset.name().value() + " (" + dataset.kind() + ", " + dataset.grade() + ")");
            datasets.add(ensureDataset(api, scenario, dataset, files.resolve(dataset.fileName())));
        }
        for (DemoIndicator indicator : scenario.indicators()) {
            ensureIndicator(api, scenario, indicator);
        }
        step("fusion job as " + ENGINEER);
        Map<String, Object> job = runJob(api, scenario);
        String lab = scenario.lab().code().value();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("ok", "SUCCEEDED".equals(job.get("state")));
        summary.put(
                "labs",
                List.of(Map.of(
                        "code", lab, "workspace", Workspaces.of(scenario.lab().code()))));
        summary.put("datasets", datasets);
        summary.put("jobs", List.of(job));
        if ("SUCCEEDED".equals(job.get("state"))) {
            JsonNode graph = api.get(
                    ADMIN, "/api/v1/lineage/datasets/" + lab + "__emissions_by_district_industry?direction=upstream");
            summary.put("lineageEdges", graph.path("edges").size());
            summary.put("lineageNodes", graph.path("nodes").size());
            summary.put("outputs", outputs(api, lab));
            summary.put("rejects", rejectsByReason(scenario));
        } else {
            summary.put("lineageEdges", 0);
        }
        summary.put("indicators", indicators(api, lab));
        summary.put("report", monthlyReport(api, lab));
        trino.ifAvailable(server -> summary.put("trino", trinoQuery(api, server, lab)));
        summary.put("api", api.apiUrl());
        return summary;
    }

    /** The lab's fusion output (or, without it, the granted source rows) read back through Trino as the engineer. */
    private Map<String, Object> trinoQuery(DemoClient api, TrinoServer server, String lab) {
        step("query through Trino as " + ENGINEER);
        try {
            server.awaitReady(Duration.ofMinutes(3));
            boolean fused = catalog.tableExists(
                    TableIdentifier.of(Workspaces.of(LabCode.of(lab)), "emissions_by_district_industry"));
            String sql = fused
                    ? "SELECT * FROM lakelab." + Workspaces.of(LabCode.of(lab)) + ".emissions_by_district_industry"
                    : "SELECT * FROM lakelab.datasets.emission_factors";
            JsonNode result = api.post(ENGINEER, "/api/v1/query", Map.of("sql", sql, "maxRows", 10000));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("rows", result.path("rows").size());
            out.put("sql", sql);
            out.put("jdbcUrl", server.awaitReady(Duration.ofSeconds(1)).jdbcUrl());
            return out;
        } catch (RuntimeException e) {
            log.warn("The Trino step of the demo failed: {}", e.getMessage());
            return Map.of("rows", 0, "error", String.valueOf(e.getMessage()));
        }
    }

    private void ensureLab(DemoClient api, DemoScenario scenario) {
        String code = scenario.lab().code().value();
        if (api.getOrNull(ADMIN, "/api/v1/labs/" + code) == null) {
            var lab = scenario.lab();
            api.post(
                    ADMIN,
                    "/api/v1/labs",
                    Map.of(
                            "code", code,
                            "nameZh", lab.nameZh(),
                            "nameEn", lab.nameEn(),
                            "direction", lab.direction(),
                            "leadUnit", lab.leadUnit(),
                            "coBuilders", lab.coBuilders()));
        }
    }

    private Map<String, Object> ensureDataset(DemoClient api, DemoScenario scenario, DemoDataset d, Path file) {
        String name = d.name().value();
        if (api.getOrNull(ADMIN, "/api/v1/datasets/" + name) == null) {
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("name", name);
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
                    d.schema().columns().stream().map(DemoRunner::column).toList());
            api.post(ADMIN, "/api/v1/datasets", request);
        }
        JsonNode ingestion = api.post(
                ADMIN,
                "/api/v1/datasets/" + name + "/ingestions",
                Map.of("path", file.toAbsolutePath().toString(), "mode", "REPLACE"));
        JsonNode grants =
                api.get(ADMIN, "/api/v1/grants?lab=" + scenario.lab().code().value());
        boolean granted = false;
        for (JsonNode g : grants) {
            granted |= name.equals(g.path("dataset").asString());
        }
        if (!granted) {
            api.post(
                    ADMIN, "/api/v1/grants", Map.of("lab", scenario.lab().code().value(), "dataset", name));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("kind", d.kind().name());
        out.put("grade", d.grade().name());
        out.put("rows", ingestion.path("totalRows").asLong());
        out.put("snapshotId", ingestion.path("snapshotId").asLong());
        return out;
    }

    private static Map<String, Object> column(ColumnSpec c) {
        return Map.of(
                "name",
                c.name(),
                "type",
                c.type(),
                "description",
                c.description(),
                "required",
                c.required(),
                "tags",
                c.tags());
    }

    private void ensureIndicator(DemoClient api, DemoScenario scenario, DemoIndicator indicator) {
        String lab = scenario.lab().code().value();
        for (JsonNode existing : api.get(ADMIN, "/api/v1/labs/" + lab + "/indicators")) {
            if (indicator.code().equals(existing.path("code").asString())) {
                return;
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", indicator.code());
        body.put("nameZh", indicator.nameZh());
        body.put("nameEn", indicator.nameEn());
        body.put("unit", indicator.unit());
        body.put("target", indicator.target());
        body.put("direction", indicator.direction());
        body.put("sql", indicator.sql());
        api.post(ENGINEER, "/api/v1/labs/" + lab + "/indicators", body);
    }

    private Map<String, Object> runJob(DemoClient api, DemoScenario scenario) {
        long started = System.nanoTime();
        JsonNode job = api.post(
                ENGINEER,
                "/api/v1/jobs",
                Map.of(
                        "lab", scenario.lab().code().value(),
                        "name", "low-carbon-fusion",
                        "statements", scenario.fusionStatements()));
        String id = job.path("id").asString();
        String lastProgress = "";
        long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
        while (!terminal(job.path("state").asString()) && System.nanoTime() < deadline) {
            sleep();
            job = api.get(ENGINEER, "/api/v1/jobs/" + id);
            String progress = job.path("state").asString() + " "
                    + job.path("progress").path("done").asInt() + "/"
                    + job.path("progress").path("total").asInt() + " "
                    + job.path("progress").path("message").asString("");
            if (!progress.equals(lastProgress)) {
                step("  job " + progress.strip());
                lastProgress = progress;
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("name", "low-carbon-fusion");
        out.put("state", job.path("state").asString());
        out.put("seconds", Math.round((System.nanoTime() - started) / 1e8) / 10.0);
        if (!job.path("error").isMissingNode() && !job.path("error").isNull()) {
            out.put("error", job.path("error").asString());
        }
        out.put("logs", "/api/v1/jobs/" + id + "/logs");
        return out;
    }

    /** Issues the lab's report for this month (or gets the archived one) and saves both documents. */
    private Map<String, Object> monthlyReport(DemoClient api, String lab) {
        String month =
                java.time.YearMonth.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
        step("monthly report " + lab + " " + month);
        JsonNode report = api.post(ENGINEER, "/api/v1/labs/" + lab + "/reports/monthly/" + month, Map.of());
        Path dir = storage.home().resolve("reports");
        Path html = dir.resolve(lab + "-" + month + ".html");
        Path pdf = dir.resolve(lab + "-" + month + ".pdf");
        api.download(ENGINEER, report.path("html").asString(), html);
        api.download(ENGINEER, report.path("pdf").asString(), pdf);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("html", html.toAbsolutePath().toString());
        out.put("pdf", pdf.toAbsolutePath().toString());
        return out;
    }

    private static boolean terminal(String state) {
        return state.equals("SUCCEEDED") || state.equals("FAILED") || state.equals("CANCELLED");
    }

    private List<Map<String, Object>> outputs(DemoClient api, String lab) {
        List<Map<String, Object>> outputs = new ArrayList<>();
        for (JsonNode d : api.get(ENGINEER, "/api/v1/datasets?kind=DERIVED")) {
            if (lab.equals(d.path("ownerLab").asString())) {
                outputs.add(Map.of(
                        "name", d.path("name").asString(),
                        "grade", d.path("grade").asString(),
                        "rows", d.path("rowCount").asLong()));
            }
        }
        return outputs;
    }

    private List<Map<String, Object>> indicators(DemoClient api, String lab) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (JsonNode i : api.get(ENGINEER, "/api/v1/labs/" + lab + "/indicators")) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("code", i.path("code").asString());
            JsonNode value = i.path("value");
            m.put("value", value.isNumber() ? value.asDouble() : null);
            m.put("target", i.path("target").asDouble());
            m.put("direction", i.path("direction").asString());
            m.put("met", i.path("met").isBoolean() ? i.path("met").asBoolean() : null);
            out.add(m);
        }
        return out;
    }

    /** How the dirty source rows were handled, read straight from the output Iceberg table. */
    private Map<String, Long> rejectsByReason(DemoScenario scenario) {
        TableIdentifier id =
                TableIdentifier.of(Namespace.of(Workspaces.of(scenario.lab().code())), "consumption_rejects");
        Map<String, Long> counts = new TreeMap<>();
        try (CloseableIterable<Record> rows =
                IcebergGenerics.read(catalog.loadTable(id)).select("reason").build()) {
            for (Record r : rows) {
                counts.merge(String.valueOf(r.getField("reason")), 1L, Long::sum);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return counts;
    }

    private static void step(String message) {
        System.out.println("[demo] " + message);
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void print(Map<String, Object> summary, DemoClient api) {
        System.out.println();
        System.out.println("[demo] ==== LakeLab demo summary ====");
        System.out.println(
                "[demo] ok: " + summary.get("ok") + (summary.containsKey("error") ? " — " + summary.get("error") : ""));
        System.out.println("[demo] jobs: " + summary.get("jobs"));
        System.out.println("[demo] outputs: " + summary.get("outputs"));
        System.out.println("[demo] dirty rows handled (consumption_rejects by reason): " + summary.get("rejects"));
        System.out.println("[demo] lineage edges upstream of the emissions output: " + summary.get("lineageEdges"));
        System.out.println("[demo] indicators: " + summary.get("indicators"));
        System.out.println("[demo] monthly construction report (HTML and PDF): " + summary.get("report"));
        if (!properties.exit()) {
            System.out.println("[demo] The API keeps serving at " + api.apiUrl()
                    + " — get a token with ./lakelab token alice; Ctrl-C stops everything.");
        }
    }
}
