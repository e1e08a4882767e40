package io.lakelab.platform.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lakelab.catalog.iceberg.WorkspaceSnapshot;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The life of job runs on the real platform: embedded PostgreSQL, a real Iceberg catalog and the
 * real runner JVM in Spark local mode. Success registers outputs, lineage and indicator values;
 * failure, cancel, a killed runner and a restart all leave the workspace as it was before the run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JobLifecycleIT extends DemoLabSupport {

    /** Long enough to cancel or kill while it runs; it never finishes in a test. */
    static final String SLOW =
            "CREATE TABLE slow_output USING iceberg AS SELECT sum(id % 7) AS s FROM range(0, 1000000000000)";

    @Autowired
    Catalog catalog;

    @Autowired
    JobRepository runs;

    @Autowired
    JobExecutor executor;

    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    void setUp() {
        ensureDemoLab();
    }

    @Test
    @Order(1)
    void fusionJobRegistersOutputsLineageAndIndicators() {
        String id = fusionRun();
        JsonNode run = job(id);
        assertThat(run.get("progress").get("done").asInt())
                .isEqualTo(run.get("progress").get("total").asInt());
        assertThat(run.get("startedAt").isNull()).isFalse();
        assertThat(run.get("finishedAt").isNull()).isFalse();

        Map<String, Long> outputs = new HashMap<>();
        run.get("outputs")
                .forEach(o -> outputs.put(
                        o.get("table").asString(), o.get("snapshotId").asLong()));
        assertThat(outputs)
                .containsOnlyKeys(
                        WORKSPACE + ".registry_valid",
                        WORKSPACE + ".consumption_rejects",
                        WORKSPACE + ".consumption_matched",
                        WORKSPACE + ".emissions_by_district_industry");
        outputs.forEach((table, snapshot) -> assertThat(snapshot).as(table).isEqualTo(currentSnapshot(table)));
        List<String> inputs = run.get("inputs").findValuesAsString("table");
        assertThat(inputs)
                .contains("datasets.enterprise_registry", "datasets.energy_consumption", "datasets.emission_factors");

        // 就高从严: each output takes the highest grade of the sources it was computed from
        JsonNode registry =
                get("bob", "/api/v1/datasets/lowcarbon__registry_valid").json();
        assertThat(registry.get("kind").asString()).isEqualTo("DERIVED");
        assertThat(registry.get("ownerLab").asString()).isEqualTo(LAB);
        assertThat(registry.get("grade").asString()).isEqualTo("GENERAL");
        JsonNode emissions = get("bob", "/api/v1/datasets/lowcarbon__emissions_by_district_industry")
                .json();
        assertThat(emissions.get("kind").asString()).isEqualTo("DERIVED");
        assertThat(emissions.get("grade").asString()).isEqualTo("IMPORTANT");
        assertThat(emissions.get("snapshotId").asLong())
                .isEqualTo(currentSnapshot(WORKSPACE + ".emissions_by_district_industry"));
        assertThat(emissions.get("rowCount").asLong()).isPositive();

        JsonNode events = get("rita", "/api/v1/jobs/" + id + "/lineage").json();
        assertThat(events.size()).isGreaterThanOrEqualTo(2);
        assertThat(events.toString()).contains("COMPLETE", "emissions_by_district_industry");

        JsonNode indicators = get("bob", "/api/v1/labs/" + LAB + "/indicators").json();
        assertThat(indicators.size()).isEqualTo(SCENARIO.indicators().size());
        for (JsonNode i : indicators) {
            assertThat(i.get("value").isNumber()).as(i.toString()).isTrue();
            assertThat(i.get("met").isBoolean()).as(i.toString()).isTrue();
            assertThat(i.get("provenance").get("runId").asString()).isEqualTo(id);
            assertThat(i.get("provenance").get("tables").toString()).contains(WORKSPACE + ".");
        }
        JsonNode total = indicators.findParents("code").stream()
                .filter(i -> i.get("code").asString().equals("total_emissions_t"))
                .findFirst()
                .orElseThrow();
        assertThat(total.get("value").asDouble())
                .isCloseTo(SCENARIO.expectedEmissionsTonnes(), org.assertj.core.data.Offset.offset(1.0));
        assertThat(total.get("met").asBoolean()).isFalse(); // the demo target is set 5% below the data

        JsonNode log = get("alice", "/api/v1/jobs/" + id + "/logs").json();
        assertThat(log.get("text").asString()).contains("LAKELAB-PROGRESS");
        assertThat(log.get("complete").asBoolean()).isTrue();
        JsonNode rest = get(
                        "alice",
                        "/api/v1/jobs/" + id + "/logs?offset="
                                + log.get("nextOffset").asLong())
                .json();
        assertThat(rest.get("text").asString()).isEmpty();
    }

    @Test
    @Order(2)
    void failedStatementRollsBackEarlierStatementsOfTheRun() {
        fusionRun();
        String emissions = WORKSPACE + ".emissions_by_district_industry";
        long before = currentSnapshot(emissions);
        String id = submit(
                "alice",
                "fails-at-the-end",
                List.of(
                        "CREATE OR REPLACE TABLE emissions_by_district_industry USING iceberg AS SELECT 'x' AS district",
                        "CREATE TABLE created_then_rolled_back USING iceberg AS SELECT 1 AS a",
                        "SELECT raise_error('deliberate failure in statement 3')"));
        JsonNode run = awaitTerminal(id);
        assertThat(run.get("state").asString()).isEqualTo("FAILED");
        assertThat(run.get("error").asString()).contains("deliberate failure in statement 3");
        assertThat(catalog.tableExists(TableIdentifier.of(WORKSPACE, "created_then_rolled_back")))
                .isFalse();
        assertThat(currentSnapshot(emissions)).isEqualTo(before);
        assertThat(get("bob", "/api/v1/datasets/lowcarbon__created_then_rolled_back")
                        .status())
                .isEqualTo(404);
        assertThat(get("bob", "/api/v1/datasets/lowcarbon__emissions_by_district_industry")
                        .json()
                        .get("snapshotId")
                        .asLong())
                .isEqualTo(before);
    }

    @Test
    @Order(3)
    void ungrantedDatasetIsRefusedAtSubmitNamingIt() {
        String secret = unique("secret_");
        assertThat(post("admin", "/api/v1/datasets", socialDataset(secret)).status())
                .isEqualTo(201);
        Response refused = post(
                "alice",
                "/api/v1/jobs",
                Map.of(
                        "lab",
                        LAB,
                        "name",
                        "reads-ungranted",
                        "statements",
                        List.of("CREATE OR REPLACE TABLE copy USING iceberg AS SELECT * FROM datasets." + secret)));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("detail").asString())
                .contains("dataset '" + secret + "'", "no grant", "POST /api/v1/grants");

        Response otherLab = post(
                "alice",
                "/api/v1/jobs",
                Map.of(
                        "lab",
                        LAB,
                        "name",
                        "reads-other-lab",
                        "statements",
                        List.of("SELECT * FROM lab_shipping.routes")));
        assertThat(otherLab.status()).isEqualTo(403);
        assertThat(otherLab.json().get("detail").asString()).contains("lab_shipping.routes", "another lab");
    }

    @Test
    @Order(4)
    void revokedGrantIsRefused() {
        String name = unique("revoked_");
        assertThat(post("admin", "/api/v1/datasets", socialDataset(name)).status())
                .isEqualTo(201);
        Response grant = post("admin", "/api/v1/grants", Map.of("lab", LAB, "dataset", name));
        assertThat(grant.status()).isEqualTo(201);
        assertThat(delete("admin", "/api/v1/grants/" + grant.json().get("id").asLong())
                        .status())
                .isEqualTo(200);
        Response refused = post(
                "alice",
                "/api/v1/jobs",
                Map.of(
                        "lab",
                        LAB,
                        "name",
                        "reads-revoked",
                        "statements",
                        List.of("SELECT count(*) FROM datasets." + name)));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("detail").asString()).contains("dataset '" + name + "'");
    }

    @Test
    @Order(5)
    void runsQueuePerLabAndCancelStopsTheProcess() {
        String slow = submit("alice", "slow", List.of(SLOW));
        awaitRunningStatement(slow);
        String second = submit("alice", "waits-its-turn", List.of("SELECT 1"));
        assertThat(job(second).get("state").asString()).isEqualTo("QUEUED");
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> job(second).get("state").asString().equals("QUEUED"));

        JsonNode dequeued =
                post("alice", "/api/v1/jobs/" + second + "/cancel", "").json();
        assertThat(dequeued.get("state").asString()).isEqualTo("CANCELLED");
        assertThat(dequeued.get("error").asString()).contains("before it started");

        long pid = runs.find(slow).orElseThrow().pid();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);
        Response cancelled = post("alice", "/api/v1/jobs/" + slow + "/cancel", "");
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        JsonNode run = awaitTerminal(slow);
        assertThat(run.get("state").asString()).isEqualTo("CANCELLED");
        assertThat(run.get("error").asString()).contains("Cancelled by alice");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), alive -> !alive);
        assertThat(catalog.tableExists(TableIdentifier.of(WORKSPACE, "slow_output")))
                .isFalse();

        Response again = post("alice", "/api/v1/jobs/" + slow + "/cancel", "");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("detail").asString()).contains("already finished");
    }

    @Test
    @Order(6)
    void killedRunnerFailsAndRollsBack() {
        String id = submit(
                "alice", "killed", List.of("CREATE TABLE written_before_kill USING iceberg AS SELECT 1 AS a", SLOW));
        await().atMost(Duration.ofMinutes(3))
                .until(() -> catalog.tableExists(TableIdentifier.of(WORKSPACE, "written_before_kill")));
        awaitRunningStatement(id);
        long pid = runs.find(id).orElseThrow().pid();
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        JsonNode run = awaitTerminal(id);
        assertThat(run.get("state").asString()).isEqualTo("FAILED");
        assertThat(run.get("error").asString()).contains("exited with code 137", "see the logs");
        assertThat(catalog.tableExists(TableIdentifier.of(WORKSPACE, "written_before_kill")))
                .isFalse();
    }

    @Test
    @Order(7)
    void restartReconciliationFailsOrphanedRunsAndRollsThemBack() throws Exception {
        long labId = runs.find(fusionRun()).orElseThrow().labId();
        WorkspaceSnapshot before = WorkspaceSnapshot.capture(catalog, WORKSPACE);
        String id = "run-orphan" + unique("");
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        // as a crashed platform left it: RUNNING, with the pid of a runner that no longer exists
        jdbc.sql("INSERT INTO job_runs (id, lab_id, name, kind, statements, state, submitted_by, started_at, pid,"
                        + " workspace_snapshot) VALUES (?, ?, 'orphan', 'SQL', '[\"SELECT 1\"]', 'RUNNING', 'alice',"
                        + " now(), ?, ?::jsonb)")
                .params(id, labId, gone.pid(), json.writeValueAsString(before))
                .update();
        // the partial output a run cut short by a crash would leave
        catalog.createTable(
                TableIdentifier.of(Namespace.of(WORKSPACE), "orphan_partial"),
                new org.apache.iceberg.Schema(Types.NestedField.optional(1, "a", Types.IntegerType.get())));

        assertThat(executor.reconcileOrphans()).isEqualTo(1);

        JsonNode run = job(id);
        assertThat(run.get("state").asString()).isEqualTo("FAILED");
        assertThat(run.get("error").asString()).contains("platform restarted", "rolled back");
        assertThat(catalog.tableExists(TableIdentifier.of(WORKSPACE, "orphan_partial")))
                .isFalse();
        assertThat(executor.reconcileOrphans()).isZero();
    }

    @Test
    @Order(8)
    void indicatorRefreshRecomputesWithProvenance() {
        String fusion = fusionRun();
        Response refresh = post("alice", "/api/v1/labs/" + LAB + "/indicators/refresh", "");
        assertThat(refresh.status()).as(refresh.body()).isEqualTo(202);
        JsonNode run = awaitTerminal(refresh.json().get("id").asString());
        assertThat(run.get("state").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(run.get("kind").asString()).isEqualTo("INDICATOR_REFRESH");

        JsonNode values = get("bob", "/api/v1/labs/" + LAB + "/indicators/match_rate/values")
                .json();
        assertThat(values.findValuesAsString("runId")).contains(run.get("id").asString(), fusion);
        JsonNode latest = values.get(0);
        assertThat(latest.get("runId").asString()).isEqualTo(run.get("id").asString());
        long matched = currentSnapshot(WORKSPACE + ".consumption_matched");
        assertThat(latest.get("tables").toString()).contains(String.valueOf(matched));
        assertThat(latest.get("computedAt").isNull()).isFalse();
    }

    @Test
    @Order(9)
    void whoMayDoWhat() {
        String fusion = fusionRun();
        Response bob = post(
                "bob", "/api/v1/jobs", Map.of("lab", LAB, "name", "analyst-job", "statements", List.of("SELECT 1")));
        assertThat(bob.status()).isEqualTo(403);
        assertThat(bob.json().get("detail").asString()).contains("submit jobs", "lab-engineer");

        // Another lab's run is answered like an unknown id: nothing confirms it exists or names its lab.
        Response eve = get("eve", "/api/v1/jobs/" + fusion);
        assertThat(eve.status()).isEqualTo(404);
        assertThat(eve.json().get("detail").asString())
                .isEqualTo(get("eve", "/api/v1/jobs/run-nope")
                        .json()
                        .get("detail")
                        .asString()
                        .replace("run-nope", fusion))
                .doesNotContain(LAB);
        assertThat(get("eve", "/api/v1/jobs?lab=" + LAB).status()).isEqualTo(403);
        assertThat(get("eve", "/api/v1/jobs/" + fusion + "/logs").status()).isEqualTo(404);
        assertThat(get("eve", "/api/v1/jobs/" + fusion + "/lineage").status()).isEqualTo(404);
        assertThat(post("eve", "/api/v1/jobs/" + fusion + "/cancel", "").status())
                .isEqualTo(404);
        assertThat(post("eve", "/api/v1/labs/" + LAB + "/indicators/refresh", "")
                        .status())
                .isEqualTo(403);
        assertThat(get("eve", "/api/v1/labs/" + LAB + "/indicators").status()).isEqualTo(403);
        assertThat(get("eve", "/api/v1/jobs").json().toString()).doesNotContain(fusion);

        assertThat(get("rita", "/api/v1/jobs/" + fusion).status()).isEqualTo(200);
        assertThat(get("admin", "/api/v1/jobs?lab=" + LAB).json().toString()).contains(fusion);
        assertThat(get("bob", "/api/v1/jobs/" + fusion).status()).isEqualTo(403);
        assertThat(post(
                                "bob",
                                "/api/v1/labs/" + LAB + "/indicators",
                                Map.of(
                                        "code",
                                        "x",
                                        "nameZh",
                                        "x",
                                        "nameEn",
                                        "x",
                                        "unit",
                                        "x",
                                        "target",
                                        1,
                                        "direction",
                                        "AT_LEAST",
                                        "sql",
                                        "SELECT 1 FROM registry_valid"))
                        .status())
                .isEqualTo(403);
        assertThat(get("alice", "/api/v1/jobs/run-nope").status()).isEqualTo(404);
        assertThat(send(request(null, "/api/v1/jobs").GET().build()).status()).isEqualTo(401);
    }

    @Test
    @Order(10)
    void indicatorSqlIsValidated() {
        Map<String, Object> base = Map.of(
                "code", "bad", "nameZh", "坏", "nameEn", "Bad", "unit", "x", "target", 1, "direction", "AT_LEAST");
        Response write = post("alice", "/api/v1/labs/" + LAB + "/indicators", with(base, "DROP TABLE registry_valid"));
        assertThat(write.status()).isEqualTo(400);
        assertThat(write.json().get("detail").asString()).contains("not a single SELECT");
        Response two =
                post("alice", "/api/v1/labs/" + LAB + "/indicators", with(base, "SELECT 1 FROM a; SELECT 2 FROM b"));
        assertThat(two.json().get("detail").asString()).contains("more than one statement");
        Response outside = post(
                "alice",
                "/api/v1/labs/" + LAB + "/indicators",
                with(base, "SELECT count(*) FROM datasets.energy_consumption"));
        assertThat(outside.status()).isEqualTo(400);
        assertThat(outside.json().get("detail").asString())
                .contains("datasets.energy_consumption", "not a table of the lab's workspace");
    }

    private static Map<String, Object> with(Map<String, Object> base, String sql) {
        Map<String, Object> m = new HashMap<>(base);
        m.put("sql", sql);
        return m;
    }

    private void awaitRunningStatement(String id) {
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    JsonNode run = job(id);
                    String message = run.get("progress").get("message").asString("");
                    return run.get("state").asString().equals("RUNNING") && message.contains("slow_output");
                });
        assertThat(Files.exists(executor.logFile(id))).isTrue();
    }

    private long currentSnapshot(String qualified) {
        String[] parts = qualified.split("\\.");
        Snapshot snapshot =
                catalog.loadTable(TableIdentifier.of(parts[0], parts[1])).currentSnapshot();
        return snapshot.snapshotId();
    }

    private static Map<String, Object> socialDataset(String name) {
        return Map.of(
                "name", name,
                "titleZh", "保密数据",
                "titleEn", "Restricted data",
                "kind", "SOCIAL",
                "provider", "Test Co.",
                "grade", "CORE",
                "columns", List.of(Map.of("name", "a", "type", "string", "required", false)));
    }
}
