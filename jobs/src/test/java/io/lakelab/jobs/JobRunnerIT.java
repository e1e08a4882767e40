package io.lakelab.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakelab.jobs.JobResult.IndicatorValue;
import io.lakelab.jobs.JobResult.LineageEdge;
import io.lakelab.jobs.JobResult.OutputTable;
import io.lakelab.jobs.JobResult.TableVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The runner in-process on real Spark and a real Iceberg JDBC catalog: the demo job, failures, refusals. */
class JobRunnerIT {
    private static TestLake lake;
    private static JobSpec demoSpec;
    private static JobResult demo;

    @BeforeAll
    static void runDemo() {
        lake = TestLake.get();
        demoSpec = lake.spec(
                "lowcarbon",
                TestLake.SCENARIO.fusionStatements(),
                TestLake.demoTables(),
                TestLake.demoIndicators(),
                false);
        demo = lake.run(demoSpec);
    }

    @Test
    void demoJobWritesTheFusionTablesWithTheirSnapshots() {
        assertThat(demo.error()).isNull();
        assertThat(demo.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(demo.statementsRun()).isEqualTo(4);
        assertThat(demo.outputs())
                .extracting(OutputTable::table)
                .containsExactly(
                        "lab_lowcarbon.registry_valid",
                        "lab_lowcarbon.consumption_rejects",
                        "lab_lowcarbon.consumption_matched",
                        "lab_lowcarbon.emissions_by_district_industry");
        for (OutputTable output : demo.outputs()) {
            Snapshot current = lake.catalog.loadTable(id(output.table())).currentSnapshot();
            assertThat(output.snapshotId()).as(output.table()).isEqualTo(current.snapshotId());
            assertThat(output.rows()).isEqualTo(Long.parseLong(current.summary().get("total-records")));
            assertThat(output.rows()).isPositive();
            assertThat(current.summary()).containsEntry(JobRunner.RUN_ID_PROPERTY, demoSpec.runId());
        }
        assertThat(demo.outputs().get(0).schema())
                .extracting(JobResult.Column::name)
                .containsExactly("credit_code", "name", "district", "industry_code");
    }

    @Test
    void demoJobRecordsTheSourceSnapshotsItRead() {
        Map<String, Long> sources = TestLake.demoTables().stream()
                .collect(Collectors.toMap(
                        t -> t,
                        t -> lake.catalog.loadTable(id(t)).currentSnapshot().snapshotId()));
        assertThat(demo.inputs())
                .containsExactlyInAnyOrderElementsOf(sources.entrySet().stream()
                        .map(e -> new TableVersion(e.getKey(), e.getValue()))
                        .toList());
        Map<String, Long> outputs =
                demo.outputs().stream().collect(Collectors.toMap(OutputTable::table, OutputTable::snapshotId));
        assertThat(demo.edges())
                .contains(
                        new LineageEdge(
                                1,
                                "datasets.enterprise_registry",
                                sources.get("datasets.enterprise_registry"),
                                "lab_lowcarbon.registry_valid",
                                outputs.get("lab_lowcarbon.registry_valid")),
                        new LineageEdge(
                                2,
                                "lab_lowcarbon.registry_valid",
                                outputs.get("lab_lowcarbon.registry_valid"),
                                "lab_lowcarbon.consumption_rejects",
                                outputs.get("lab_lowcarbon.consumption_rejects")),
                        new LineageEdge(
                                4,
                                "datasets.emission_factors",
                                sources.get("datasets.emission_factors"),
                                "lab_lowcarbon.emissions_by_district_industry",
                                outputs.get("lab_lowcarbon.emissions_by_district_industry")));
        assertThat(demo.edges()).hasSize(7);
    }

    @Test
    void demoJobEmitsOpenLineageStartAndComplete() throws Exception {
        assertThat(demo.lineageEvents()).hasSize(2);
        assertThat(demo.lineageEvents().get(0).path("eventType").asText()).isEqualTo("START");
        var complete = demo.lineageEvents().get(1);
        assertThat(complete.path("eventType").asText()).isEqualTo("COMPLETE");
        assertThat(complete.path("job").path("namespace").asText()).isEqualTo("lakelab://lab_lowcarbon");
        assertThat(complete.path("job").path("name").asText()).isEqualTo("fusion");
        var output = complete.path("outputs").get(3);
        assertThat(output.path("namespace").asText()).isEqualTo("iceberg://lakelab");
        assertThat(output.path("name").asText()).isEqualTo("lab_lowcarbon.emissions_by_district_industry");
        assertThat(output.path("facets").path("version").path("datasetVersion").asText())
                .isEqualTo(String.valueOf(demo.outputs().get(3).snapshotId()));
        assertThat(output.path("facets").path("schema").path("fields")).hasSize(6);
        assertThat(complete.path("inputs")).hasSize(3);
        Path runDir = Path.of(demoSpec.runDir());
        assertThat(runDir.resolve("lineage/1-START.json")).exists();
        assertThat(runDir.resolve("lineage/2-COMPLETE.json")).exists();
        JobResult fromFile = JobJson.readResult(runDir.resolve("result.json"));
        assertThat(fromFile.outputs()).isEqualTo(demo.outputs());
        assertThat(Files.readString(runDir.resolve("result.json"))).doesNotContain(TestLake.PASSWORD);
    }

    @Test
    void indicatorValuesMatchADirectQuery() {
        assertThat(demo.indicators()).hasSize(4);
        lake.spark.sql("USE lakelab.lab_lowcarbon");
        for (IndicatorValue indicator : demo.indicators()) {
            String sql = TestLake.demoIndicators().stream()
                    .filter(i -> i.code().equals(indicator.code()))
                    .findFirst()
                    .orElseThrow()
                    .sql();
            double direct = ((Number) lake.spark.sql(sql).first().get(0)).doubleValue();
            assertThat(indicator.error()).isNull();
            assertThat(indicator.value()).as(indicator.code()).isEqualTo(direct);
            assertThat(indicator.tables())
                    .isNotEmpty()
                    .allSatisfy(t -> assertThat(t.snapshotId())
                            .isEqualTo(lake.catalog
                                    .loadTable(id(t.table()))
                                    .currentSnapshot()
                                    .snapshotId()));
        }
        assertThat(value(demo, "total_emissions_t")).isCloseTo(TestLake.SCENARIO.expectedEmissionsTonnes(), within());
    }

    @Test
    void indicatorOnlyRunRecomputesWithoutStatements() {
        JobResult all = lake.run(lake.spec("lowcarbon", List.of(), Set.of(), TestLake.demoIndicators(), true));
        assertThat(all.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(all.statementsRun()).isZero();
        assertThat(all.outputs()).isEmpty();
        assertThat(all.indicators()).extracting(IndicatorValue::code).hasSize(4);
        assertThat(value(all, "match_rate")).isEqualTo(value(demo, "match_rate"));

        JobResult none = lake.run(lake.spec("lowcarbon", List.of(), Set.of(), TestLake.demoIndicators(), false));
        assertThat(none.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(none.indicators()).isEmpty();
    }

    @Test
    void anIndicatorReturningNullFailsOnlyThatIndicator() {
        JobResult result = lake.run(lake.spec(
                "nullind",
                List.of("CREATE OR REPLACE TABLE t USING iceberg AS SELECT CAST(NULL AS DOUBLE) AS v"),
                Set.of(),
                List.of(
                        new IndicatorSpec("empty", "SELECT max(v) FROM t"),
                        new IndicatorSpec("n", "SELECT count(*) FROM t")),
                false));
        assertThat(result.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(result.indicators().get(0).value()).isNull();
        assertThat(result.indicators().get(0).error()).contains("Indicator empty returned NULL");
        assertThat(result.indicators().get(1).value()).isEqualTo(1.0);
    }

    @Test
    void aFailingStatementFailsTheJobWithItsMessage() {
        JobResult result = lake.run(lake.spec(
                "failing",
                List.of(
                        "CREATE OR REPLACE TABLE first_step USING iceberg AS SELECT 1 AS x",
                        "SELECT * FROM missing_table"),
                Set.of()));
        assertThat(result.state()).isEqualTo(JobState.FAILED);
        assertThat(result.error()).startsWith("Statement 2 failed:").contains("missing_table");
        assertThat(result.statementsRun()).isEqualTo(1);
        assertThat(result.outputs()).extracting(OutputTable::table).containsExactly("lab_failing.first_step");
        assertThat(result.lineageEvents().get(1).path("eventType").asText()).isEqualTo("FAIL");
        assertThat(result.lineageEvents()
                        .get(1)
                        .path("run")
                        .path("facets")
                        .path("errorMessage")
                        .path("message")
                        .asText())
                .isEqualTo(result.error());
    }

    @Test
    void anUngrantedDatasetIsRefusedBeforeAnythingRuns() {
        JobResult result = lake.run(lake.spec(
                "nogrant",
                TestLake.SCENARIO.fusionStatements(),
                Set.of("datasets.enterprise_registry", "datasets.emission_factors")));
        assertThat(result.state()).isEqualTo(JobState.FAILED);
        assertThat(result.error())
                .isEqualTo(
                        "Statement 2 was refused: lab nogrant has no grant to read datasets.energy_consumption; ask a"
                                + " platform administrator to grant the dataset to the lab.");
        assertThat(result.statementsRun()).isZero();
        assertThat(lake.catalog.tableExists(TableIdentifier.of("lab_nogrant", "registry_valid")))
                .isFalse();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "SELECT * FROM parquet.`/tmp/secret`|path-based read parquet./tmp/secret is not allowed",
                "SELECT * FROM spark_catalog.default.t|catalog spark_catalog",
                "SET spark.sql.catalog.raw=org.apache.iceberg.spark.SparkCatalog|SET spark.sql.catalog.raw is not allowed",
                "SET spark.sql.defaultCatalog=spark_catalog|is not allowed",
                "ADD JAR /tmp/evil.jar|ADD JAR is not allowed",
                "CREATE FUNCTION f AS 'com.example.F'|CREATE FUNCTION is not allowed",
                "CREATE TABLE datasets.mine AS SELECT 1 AS x|may write only into its workspace lab_refused, not datasets.mine",
                "SELECT reflect('java.lang.System', 'getenv', 'HOME')|reflect() is not allowed",
                "SELECT * FROM lab_other.t|has no grant to read lab_other.t",
                "SELECT * FROM t WHERE x IN (SELECT credit_code FROM datasets.energy_consumption)|no grant to read datasets.energy_consumption",
                "USE datasets|USE is not allowed",
                "ALTER TABLE datasets.enterprise_registry CREATE BRANCH b|CREATE/REPLACE BRANCH on datasets.enterprise_registry is not allowed",
                "ALTER TABLE datasets.enterprise_registry RENAME TO lab_refused.mine|may write only into its workspace lab_refused, not datasets.enterprise_registry",
                "ALTER TABLE before_refusal RENAME TO datasets.planted|may write only into its workspace lab_refused, not datasets.planted",
                "CREATE TABLE placed (x STRING) TBLPROPERTIES ('write.data.path'='/tmp/x')|table property 'write.data.path' is not allowed",
                "ALTER TABLE before_refusal SET TBLPROPERTIES ('write.metadata.path'='/tmp/x')|table property 'write.metadata.path' is not allowed",
                "CREATE VIEW datasets.v AS SELECT 1 AS x|may write only into its workspace lab_refused, not datasets.v",
                "SET spark.sql.variable.substitute=true|SET spark.sql.variable.substitute is not allowed",
                "SET|SET without a key is not allowed",
                "EXPLAIN SELECT * FROM datasets.energy_consumption|no grant to read datasets.energy_consumption"
            })
    void forbiddenStatementsAreRefusedAndNothingRuns(String statement, String expected) {
        JobResult result = lake.run(lake.spec(
                "refused",
                List.of("CREATE OR REPLACE TABLE before_refusal USING iceberg AS SELECT 1 AS x", statement),
                Set.of("datasets.enterprise_registry")));
        assertThat(result.state()).isEqualTo(JobState.FAILED);
        assertThat(result.error()).startsWith("Statement 2 was refused: ").contains(expected);
        assertThat(result.statementsRun()).isZero();
        assertThat(lake.catalog.tableExists(TableIdentifier.of("lab_refused", "before_refusal")))
                .isFalse();
    }

    @Test
    void aSyntaxErrorIsReportedWithoutRunning() {
        JobResult result = lake.run(lake.spec("syntax", List.of("SELEC 1"), Set.of()));
        assertThat(result.state()).isEqualTo(JobState.FAILED);
        assertThat(result.error()).startsWith("Statement 1 has a syntax error:");
    }

    static double value(JobResult result, String code) {
        return result.indicators().stream()
                .filter(i -> i.code().equals(code))
                .findFirst()
                .orElseThrow()
                .value();
    }

    static org.assertj.core.data.Offset<Double> within() {
        // emissions are rounded to 3 decimals per district and industry group
        return org.assertj.core.data.Offset.offset(0.05);
    }

    static TableIdentifier id(String qualified) {
        String[] parts = qualified.split("\\.");
        return TableIdentifier.of(Namespace.of(parts[0]), parts[1]);
    }
}
