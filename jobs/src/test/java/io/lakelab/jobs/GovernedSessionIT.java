package io.lakelab.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.lakelab.catalog.LabCode;
import io.lakelab.catalog.LakeLabException;
import io.lakelab.catalog.TableRef;
import io.lakelab.catalog.policy.GrantSpec;
import io.lakelab.catalog.policy.MaskType;
import io.lakelab.catalog.policy.PolicyIds;
import io.lakelab.catalog.policy.PolicyJson;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.ranger.plugin.util.ServicePolicies;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The governed session on real Spark and a real Iceberg JDBC catalog: Ranger policies compiled from
 * grants decide every read; masks, row filters and column denials hold whatever the query shape;
 * expiry and revocation reach new statements within seconds; a lab writes only its workspace.
 */
class GovernedSessionIT {
    private static final String LAB = "govlab";
    private static final String OTHER = "otherlab";
    private static final TableRef REGISTRY = TableRef.of("datasets", "enterprise_registry");
    private static final TableRef CONSUMPTION = TableRef.of("datasets", "energy_consumption");
    private static final String ROW_FILTER = "district = '浦东新区'";
    /** Registry: four columns masked four ways, industry_code not granted, rows of one district. */
    private static final GrantSpec REGISTRY_GRANT = new GrantSpec(
            11,
            LabCode.of(LAB),
            REGISTRY,
            Set.of("credit_code", "name", "district", "registered_capital"),
            ROW_FILTER,
            Map.of(
                    "credit_code", MaskType.REDACT,
                    "name", MaskType.SHOW_LAST_4,
                    "district", MaskType.HASH,
                    "registered_capital", MaskType.NULLIFY),
            null,
            "tests");

    private static final GrantSpec CONSUMPTION_GRANT = new GrantSpec(
            12, LabCode.of(LAB), CONSUMPTION, Set.of(), null, Map.of("month", MaskType.YEAR), null, "tests");

    private static TestLake lake;
    private static long filteredRegistryRows;

    @BeforeAll
    static void start() {
        lake = TestLake.get();
        filteredRegistryRows = lake.spark
                .sql("SELECT count(*) FROM lakelab.datasets.enterprise_registry WHERE " + ROW_FILTER)
                .first()
                .getLong(0);
        assertThat(filteredRegistryRows).isPositive();
    }

    private static GovernedLab lab(List<GrantSpec> grants) {
        return new GovernedLab(lake, LAB, GovernedLab.json(GovernedLab.compile(List.of(LAB, OTHER), grants)), null);
    }

    @Test
    void everyMaskTypeIsAppliedAndCastBackToTheColumnType() {
        try (GovernedLab lab = lab(List.of(REGISTRY_GRANT, CONSUMPTION_GRANT))) {
            List<Row> rows = lab.rows(
                    "SELECT credit_code, name, district, registered_capital FROM datasets.enterprise_registry");
            assertThat(rows).hasSize((int) filteredRegistryRows);
            for (Row row : rows) {
                assertThat(row.getString(0)).matches("[Xx0]+");
                assertThat(row.getString(1)).matches("X*.{1,4}");
                assertThat(row.getString(2)).matches("[0-9A-F]{64}");
                assertThat(row.isNullAt(3)).isTrue();
            }
            List<Row> months = lab.rows("SELECT DISTINCT month FROM datasets.energy_consumption");
            assertThat(months).extracting(r -> r.getDate(0).toLocalDate()).containsExactly(LocalDate.of(2025, 1, 1));
            assertThat(lab.sql("SELECT month FROM datasets.energy_consumption")
                            .schema()
                            .apply("month")
                            .dataType())
                    .isEqualTo(org.apache.spark.sql.types.DataTypes.DateType);
            assertThat(lab.audit.events())
                    .extracting(AuditEvent::resource, AuditEvent::action, AuditEvent::policyId)
                    .contains(
                            org.assertj.core.groups.Tuple.tuple(
                                    "datasets.enterprise_registry.district", "mask", PolicyIds.grantMask(11, 1)),
                            org.assertj.core.groups.Tuple.tuple(
                                    "datasets.enterprise_registry", "rowfilter", PolicyIds.grantRowFilter(11)),
                            org.assertj.core.groups.Tuple.tuple(
                                    "datasets.energy_consumption.month", "mask", PolicyIds.grantMask(12, 0)));
            assertThat(lab.auditLines())
                    .isNotEmpty()
                    .allSatisfy(l -> assertThat(l)
                            .contains("\"runId\":\"" + lab.spec.runId() + "\"")
                            .contains("\"user\":\"alice\"")
                            .contains("\"lab\":\"" + LAB + "\""));
        }
    }

    @Test
    void demoFusionJobRunsGovernedAndReportsItsDecisions() throws Exception {
        GrantSpec registry = new GrantSpec(
                16, LabCode.of("govdemo"), REGISTRY, Set.of(), null, Map.of("name", MaskType.HASH), null, "demo");
        GrantSpec consumption =
                new GrantSpec(17, LabCode.of("govdemo"), CONSUMPTION, Set.of(), null, Map.of(), null, "demo");
        GrantSpec factors = new GrantSpec(
                18,
                LabCode.of("govdemo"),
                TableRef.of("datasets", "emission_factors"),
                Set.of(),
                null,
                Map.of(),
                null,
                "demo");
        JobSpec spec = lake.spec("govdemo", TestLake.SCENARIO.fusionStatements(), Set.of())
                .withPolicies(
                        GovernedLab.json(
                                GovernedLab.compile(List.of("govdemo"), List.of(registry, consumption, factors))),
                        null);
        java.io.ByteArrayOutputStream stdout = new java.io.ByteArrayOutputStream();
        JobResult result =
                new JobRunner(lake.spark, new java.io.PrintStream(stdout, true, StandardCharsets.UTF_8)).run(spec);
        assertThat(result.error()).isNull();
        assertThat(lake.spark
                        .sql("SELECT name FROM lakelab.lab_govdemo.registry_valid")
                        .collectAsList())
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.getString(0)).matches("[0-9A-F]{64}"));
        assertThat(result.audit())
                .extracting(AuditEvent::resource, AuditEvent::action, AuditEvent::allowed)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("datasets.enterprise_registry.name", "mask", true),
                        org.assertj.core.groups.Tuple.tuple("datasets.energy_consumption.gas_m3", "select", true),
                        org.assertj.core.groups.Tuple.tuple("lab_govdemo.registry_valid", "write", true));
        List<String> lines = stdout.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.stream().filter(l -> l.startsWith("LAKELAB-AUDIT ")).count())
                .isEqualTo(result.audit().size());
        assertThat(lines).anyMatch(l -> l.startsWith("LAKELAB-PROGRESS 4/4"));
        assertThat(java.nio.file.Files.readString(java.nio.file.Path.of(spec.runDir(), "result.json")))
                .contains("\"audit\"")
                .contains("\"policyId\" : " + PolicyIds.grantMask(16, 0));
    }

    @Test
    void monthMaskTruncatesToTheFirstOfTheMonth() {
        GrantSpec month = new GrantSpec(
                13, LabCode.of(LAB), CONSUMPTION, Set.of(), null, Map.of("month", MaskType.MONTH), null, "tests");
        try (GovernedLab lab = lab(List.of(month))) {
            List<Row> rows = lab.rows("SELECT DISTINCT month FROM datasets.energy_consumption");
            assertThat(rows)
                    .isNotEmpty()
                    .allSatisfy(r -> assertThat(r.getDate(0).toLocalDate().getDayOfMonth())
                            .isEqualTo(1));
            assertThat(lab.audit.events()).extracting(AuditEvent::reason).contains("CUSTOM");
        }
    }

    @Test
    void rowFilterAndMasksHoldWhateverTheQueryShape() {
        try (GovernedLab lab = lab(List.of(REGISTRY_GRANT, CONSUMPTION_GRANT))) {
            long snapshot = lake.catalog
                    .loadTable(REGISTRY.identifier())
                    .currentSnapshot()
                    .snapshotId();
            lab.sql("CREATE OR REPLACE TEMPORARY VIEW reg_view AS SELECT credit_code, district FROM"
                    + " datasets.enterprise_registry");
            lab.lake
                    .spark
                    .table("datasets.enterprise_registry")
                    .select("district")
                    .createOrReplaceTempView("df_view");
            List<String> counts = List.of(
                    "SELECT count(*) FROM datasets.enterprise_registry",
                    "SELECT count(*) FROM lakelab.datasets.enterprise_registry VERSION AS OF " + snapshot,
                    "SELECT count(*) FROM datasets.enterprise_registry TIMESTAMP AS OF '2999-01-01 00:00:00'",
                    "WITH r AS (SELECT * FROM datasets.enterprise_registry) SELECT count(*) FROM r",
                    "SELECT count(*) FROM reg_view",
                    "SELECT count(*) FROM df_view",
                    "SELECT (SELECT count(*) FROM datasets.enterprise_registry)",
                    "SELECT count(*) FROM (SELECT credit_code FROM datasets.enterprise_registry UNION ALL SELECT"
                            + " credit_code FROM datasets.enterprise_registry) u WHERE credit_code IS NOT NULL"
                            + " AND (SELECT count(*) FROM datasets.enterprise_registry) > 0",
                    "SELECT count(*) FROM datasets.enterprise_registry a LEFT SEMI JOIN datasets.enterprise_registry b"
                            + " ON a.credit_code = b.credit_code");
            for (String sql : counts) {
                long expected = sql.contains("UNION ALL") ? 2 * filteredRegistryRows : filteredRegistryRows;
                assertThat(lab.sql(sql).first().getLong(0)).as(sql).isEqualTo(expected);
            }
            assertThat(lab.lake.spark.table("datasets.enterprise_registry").count())
                    .isEqualTo(filteredRegistryRows);
            // Masked columns stay masked through views, CTEs, joins and the DataFrame API.
            List<String> districts = List.of(
                    "SELECT DISTINCT district FROM reg_view",
                    "SELECT DISTINCT district FROM df_view",
                    "WITH r AS (SELECT district FROM datasets.enterprise_registry) SELECT DISTINCT district FROM r",
                    "SELECT DISTINCT b.district FROM datasets.energy_consumption c JOIN datasets.enterprise_registry b"
                            + " ON length(b.credit_code) = 18 LIMIT 5",
                    "SELECT DISTINCT district FROM datasets.enterprise_registry WHERE district IN (SELECT district FROM"
                            + " datasets.enterprise_registry)");
            for (String sql : districts) {
                assertThat(lab.rows(sql))
                        .as(sql)
                        .isNotEmpty()
                        .allSatisfy(r -> assertThat(r.getString(0)).matches("[0-9A-F]{64}"));
            }
            // A predicate on a masked column sees the masked value, not the raw one.
            assertThat(lab.sql("SELECT count(*) FROM datasets.enterprise_registry WHERE " + ROW_FILTER)
                            .first()
                            .getLong(0))
                    .isZero();
        }
    }

    @Test
    void ungrantedColumnIsRefusedByNameWhileCountsStillWork() {
        try (GovernedLab lab = lab(List.of(REGISTRY_GRANT))) {
            assertThatThrownBy(() -> lab.rows("SELECT industry_code FROM datasets.enterprise_registry"))
                    .isInstanceOf(LakeLabException.class)
                    .hasMessageContaining("datasets.enterprise_registry.industry_code")
                    .hasMessageContaining("not granted");
            assertThatThrownBy(() -> lab.rows("SELECT * FROM datasets.enterprise_registry"))
                    .hasMessageContaining("industry_code");
            assertThatThrownBy(
                            () -> lab.rows("SELECT count(*) FROM datasets.enterprise_registry GROUP BY industry_code"))
                    .hasMessageContaining("industry_code");
            assertThat(lab.sql("SELECT count(*) FROM datasets.enterprise_registry")
                            .first()
                            .getLong(0))
                    .isEqualTo(filteredRegistryRows);
            assertThatThrownBy(() -> lab.rows("SELECT credit_code FROM datasets.emission_factors"))
                    .hasMessageContaining("no grant to read datasets.emission_factors");
            assertThat(lab.audit.events())
                    .filteredOn(e -> !e.allowed())
                    .extracting(AuditEvent::resource)
                    .contains("datasets.enterprise_registry.industry_code", "datasets.emission_factors");
        }
    }

    @Test
    void expiredGrantStopsWorkingByTimeAlone() {
        GrantSpec expiring = new GrantSpec(
                14,
                LabCode.of(LAB),
                TableRef.of("datasets", "emission_factors"),
                Set.of(),
                null,
                Map.of(),
                Instant.now().plusSeconds(2),
                "tests");
        try (GovernedLab lab = lab(List.of(expiring))) {
            assertThat(lab.rows("SELECT * FROM datasets.emission_factors")).isNotEmpty();
            await().atMost(Duration.ofSeconds(6))
                    .pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> assertThatThrownBy(() -> lab.rows("SELECT * FROM datasets.emission_factors"))
                            .hasMessageContaining("no grant to read datasets.emission_factors"));
        }
    }

    @Test
    void revokeReachesNewStatementsWithinFiveSeconds() throws Exception {
        GrantSpec grant = new GrantSpec(
                15, LabCode.of(LAB), TableRef.of("datasets", "emission_factors"), Set.of(), null, Map.of(), null, "t");
        ServicePolicies granted = GovernedLab.compile(List.of(LAB), List.of(grant));
        ServicePolicies revoked = GovernedLab.compile(List.of(LAB), List.of());
        AtomicReference<ServicePolicies> served = new AtomicReference<>(granted);
        AtomicReference<String> seenAuthorization = new AtomicReference<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/service/plugins/policies/download/lakelab_spark", exchange -> {
            seenAuthorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            ServicePolicies current = served.get();
            String query = exchange.getRequestURI().getQuery();
            if (query.contains("lastKnownVersion=" + current.getPolicyVersion() + "&")) {
                exchange.sendResponseHeaders(304, -1);
            } else {
                byte[] body = PolicyJson.write(current).getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        try (GovernedLab lab =
                new GovernedLab(lake, LAB, GovernedLab.json(granted), new PolicyRefresh(url, "tok-123", 1000))) {
            assertThat(lab.rows("SELECT * FROM datasets.emission_factors")).isNotEmpty();
            served.set(revoked);
            long revokedAt = System.nanoTime();
            await().atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> assertThatThrownBy(() -> lab.rows("SELECT * FROM datasets.emission_factors"))
                            .hasMessageContaining("no grant to read"));
            assertThat(Duration.ofNanos(System.nanoTime() - revokedAt)).isLessThan(Duration.ofSeconds(5));
            assertThat(seenAuthorization.get()).isEqualTo("Bearer tok-123");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void labWritesOnlyItsWorkspaceAndCannotSeeOthers() {
        // another lab's table, written without governance
        IcebergSetup.workspaceTable(lake, OTHER, "secret", "SELECT 42 AS answer");
        try (GovernedLab lab = lab(List.of(REGISTRY_GRANT))) {
            lab.sql("CREATE OR REPLACE TABLE mine USING iceberg AS SELECT credit_code, name FROM"
                    + " datasets.enterprise_registry");
            assertThat(lab.rows("SELECT credit_code FROM mine"))
                    .hasSize((int) filteredRegistryRows)
                    .allSatisfy(r -> assertThat(r.getString(0)).matches("[Xx0]+"));
            lab.sql("INSERT INTO mine SELECT 'a', 'b'");
            // row-level commands on the lab's own tables keep working under governance
            lab.sql("UPDATE mine SET name = 'c' WHERE credit_code = 'a'");
            lab.sql("MERGE INTO mine t USING (SELECT 'a' AS credit_code) s ON t.credit_code = s.credit_code"
                    + " WHEN MATCHED THEN UPDATE SET name = 'd'");
            assertThat(lab.rows("SELECT name FROM mine WHERE credit_code = 'a'"))
                    .extracting(r -> r.getString(0))
                    .containsExactly("d");
            lab.sql("DELETE FROM mine WHERE credit_code = 'a'");
            assertThat(lab.rows("SELECT credit_code FROM mine")).hasSize((int) filteredRegistryRows);
            assertThatThrownBy(() -> lab.rows("SELECT * FROM lab_" + OTHER + ".secret"))
                    .hasMessageContaining("another lab's workspace");
            assertThatThrownBy(() -> lab.sql("INSERT INTO lab_" + OTHER + ".secret SELECT 1"))
                    .hasMessageContaining("writes only into its workspace lab_" + LAB);
            assertThatThrownBy(() -> lab.sql("CREATE TABLE datasets.planted USING iceberg AS SELECT 1 AS x"))
                    .hasMessageContaining("writes only into its workspace");
            assertThatThrownBy(() -> lab.sql("DROP TABLE lab_" + OTHER + ".secret"))
                    .hasMessageContaining("writes only into its workspace");
            assertThatThrownBy(() -> lab.rows("SHOW TABLES IN lab_" + OTHER)).hasMessageContaining("not visible");
            assertThatThrownBy(() -> lab.sql("ALTER TABLE lab_" + OTHER + ".secret CREATE TAG mine"))
                    .hasMessageContaining("writes only into its workspace");
            // the lab's own tables: refs, partitioning, harmless properties and their statistics are its own
            lab.sql("ALTER TABLE mine CREATE TAG before_cleanup");
            lab.sql("ALTER TABLE mine ADD PARTITION FIELD bucket(4, credit_code)");
            lab.sql("ALTER TABLE mine SET TBLPROPERTIES ('lakelab.note' = 'fused registry')");
            assertThat(lab.rows("DESCRIBE TABLE EXTENDED mine"))
                    .extracting(r -> r.getString(0))
                    .contains("Statistics");
            assertThat(lake.catalog
                            .loadTable(TableRef.of("lab_" + LAB, "mine").identifier())
                            .refs())
                    .containsKey("before_cleanup");
            assertThatThrownBy(
                            () -> lab.sql("ALTER TABLE mine SET TBLPROPERTIES ('write.data.path' = '/tmp/elsewhere')"))
                    .hasMessageContaining("table property 'write.data.path' is not allowed");
            lab.sql("DROP TABLE mine");
        }
    }
}
