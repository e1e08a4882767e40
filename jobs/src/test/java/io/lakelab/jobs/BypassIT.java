package io.lakelab.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakelab.catalog.LabCode;
import io.lakelab.catalog.TableRef;
import io.lakelab.catalog.policy.GrantSpec;
import io.lakelab.catalog.policy.MaskType;
import io.lakelab.jobs.governance.AuditLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.iceberg.Table;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Attempts to read what the lab was not granted: an ungranted table (energy_consumption), ungranted
 * columns of a granted one (industry_code, registered_capital of enterprise_registry, which is also
 * row-filtered and masked) and another lab's workspace. Every attempt must fail and leave a denied
 * decision in the audit. SQL attempts run as real jobs (pre-flight check + governed session);
 * DataFrame attempts, which no pre-flight ever sees, run in the governed session directly.
 */
class BypassIT {
    private static final String LAB = "bypasslab";
    private static final String VICTIM = "victimlab";
    private static final TableRef REGISTRY = TableRef.of("datasets", "enterprise_registry");
    private static final GrantSpec REGISTRY_GRANT = new GrantSpec(
            21,
            LabCode.of(LAB),
            REGISTRY,
            Set.of("credit_code", "name", "district"),
            "district = '浦东新区'",
            Map.of("name", MaskType.HASH),
            null,
            "bypass tests");
    private static final GrantSpec FACTORS_GRANT = new GrantSpec(
            22, LabCode.of(LAB), TableRef.of("datasets", "emission_factors"), Set.of(), null, Map.of(), null, "t");

    private static TestLake lake;
    private static com.fasterxml.jackson.databind.JsonNode policies;
    private static long consumptionSnapshot;
    private static String warehouse;

    @BeforeAll
    static void start() {
        lake = TestLake.get();
        policies = GovernedLab.json(GovernedLab.compile(List.of(LAB, VICTIM), List.of(REGISTRY_GRANT, FACTORS_GRANT)));
        consumptionSnapshot = lake.catalog
                .loadTable(TableRef.of("datasets", "energy_consumption").identifier())
                .currentSnapshot()
                .snapshotId();
        warehouse = lake.settings.warehouse();
        IcebergSetup.workspaceTable(lake, VICTIM, "secret", "SELECT 'classified' AS payload");
        rawCatalog(true);
        lake.spark.sql("CREATE TABLE IF NOT EXISTS raw.db.copy USING iceberg AS SELECT * FROM"
                + " lakelab.datasets.energy_consumption");
        rawCatalog(false);
    }

    /** A Hadoop catalog outside the platform's control, as spark.conf().set can define one. */
    private static void rawCatalog(boolean defined) {
        Map<String, String> conf = Map.of(
                "spark.sql.catalog.raw", "org.apache.iceberg.spark.SparkCatalog",
                "spark.sql.catalog.raw.type", "hadoop",
                "spark.sql.catalog.raw.warehouse",
                        lake.root.resolve("raw-warehouse").toString());
        conf.forEach((k, v) -> {
            if (defined) {
                lake.spark.conf().set(k, v);
            } else {
                lake.spark.conf().unset(k);
            }
        });
    }

    static Stream<Arguments> sqlAttempts() {
        String consumption = "datasets.energy_consumption";
        return Stream.of(
                attempt("ungranted table", "SELECT * FROM " + consumption),
                attempt("count of an ungranted table", "SELECT count(*) FROM " + consumption),
                attempt("ungranted column", "SELECT industry_code FROM datasets.enterprise_registry"),
                attempt("star over an ungranted column", "SELECT * FROM datasets.enterprise_registry"),
                attempt(
                        "ungranted column in a predicate",
                        "SELECT count(*) FROM datasets.enterprise_registry WHERE industry_code = 'C'"),
                attempt(
                        "ungranted column in an aggregate",
                        "SELECT max(registered_capital) FROM datasets.enterprise_registry"),
                attempt("scalar subquery", "SELECT (SELECT max(electricity_kwh) FROM " + consumption + ")"),
                attempt(
                        "IN subquery",
                        "SELECT name FROM datasets.enterprise_registry WHERE credit_code IN (SELECT credit_code FROM "
                                + consumption + ")"),
                attempt("CTE", "WITH c AS (SELECT * FROM " + consumption + ") SELECT count(*) FROM c"),
                attempt(
                        "temporary view",
                        "CREATE TEMPORARY VIEW v AS SELECT industry_code FROM datasets.enterprise_registry",
                        "SELECT * FROM v"),
                attempt(
                        "time travel by version",
                        "SELECT * FROM lakelab." + consumption + " VERSION AS OF " + "%SNAP%"),
                attempt(
                        "time travel by timestamp",
                        "SELECT industry_code FROM datasets.enterprise_registry TIMESTAMP AS OF '2999-01-01 00:00:00'"),
                attempt("branch", "SELECT * FROM " + consumption + ".branch_main"),
                attempt("metadata table files", "SELECT * FROM datasets.enterprise_registry.files"),
                attempt(
                        "readable_metrics of a restricted table",
                        "SELECT readable_metrics FROM datasets.enterprise_registry.files"),
                attempt("metadata table snapshots", "SELECT * FROM " + consumption + ".snapshots"),
                attempt("metadata table entries", "SELECT * FROM datasets.enterprise_registry.all_entries"),
                attempt("change log", "SELECT * FROM datasets.enterprise_registry.changes"),
                attempt(
                        "changelog procedure",
                        "CALL lakelab.system.create_changelog_view(table => 'datasets.enterprise_registry')"),
                attempt("path read", "SELECT * FROM parquet.`%WH%/datasets/energy_consumption/data`"),
                attempt(
                        "temporary view over files",
                        "CREATE TEMPORARY VIEW f USING parquet OPTIONS (path '%WH%/datasets/energy_consumption/data')"),
                attempt("reflect", "SELECT reflect('java.lang.System', 'getProperty', 'user.home')"),
                attempt(
                        "script transform",
                        "SELECT TRANSFORM(name) USING 'cat' AS (x) FROM datasets.enterprise_registry"),
                attempt("java_method", "SELECT java_method('java.lang.System', 'getenv', 'HOME')"),
                attempt(
                        "catalog definition",
                        "SET spark.sql.catalog.raw=org.apache.iceberg.spark.SparkCatalog",
                        "SELECT * FROM raw.datasets.energy_consumption"),
                attempt("default catalog switch", "SET spark.sql.defaultCatalog=spark_catalog"),
                attempt("file SQL switch", "SET spark.sql.runSQLOnFiles=true"),
                attempt("legacy switch", "SET spark.sql.legacy.storeAnalyzedPlanForView=true"),
                attempt("cache table", "CACHE TABLE c AS SELECT industry_code FROM datasets.enterprise_registry"),
                attempt(
                        "union with an ungranted table",
                        "SELECT name FROM datasets.enterprise_registry UNION ALL SELECT credit_code FROM "
                                + consumption),
                attempt(
                        "join with an ungranted table",
                        "SELECT r.name, c.electricity_kwh FROM datasets.enterprise_registry r JOIN " + consumption
                                + " c ON r.credit_code = c.credit_code"),
                attempt("copy into the workspace", "CREATE TABLE stolen USING iceberg AS SELECT * FROM " + consumption),
                attempt(
                        "insert into the workspace",
                        "CREATE TABLE IF NOT EXISTS sink (x STRING) USING iceberg",
                        "INSERT INTO sink SELECT industry_code FROM datasets.enterprise_registry"),
                attempt("write into the source datasets", "INSERT INTO datasets.emission_factors SELECT 'x', 'y', 1.0"),
                attempt("delete from a granted dataset", "DELETE FROM datasets.enterprise_registry WHERE true"),
                attempt("update a granted dataset", "UPDATE datasets.enterprise_registry SET name = 'x'"),
                attempt(
                        "merge into a granted dataset",
                        "MERGE INTO datasets.enterprise_registry t USING (SELECT 'x' AS credit_code) s"
                                + " ON t.credit_code = s.credit_code WHEN MATCHED THEN DELETE"),
                attempt("another lab's workspace", "SELECT * FROM lab_" + VICTIM + ".secret"),
                attempt("another lab's tables listed", "SHOW TABLES IN lab_" + VICTIM),
                attempt("dynamic SQL", "EXECUTE IMMEDIATE 'SELECT * FROM " + consumption + "'"),
                attempt("metadata column of a restricted table", "SELECT _partition FROM datasets.enterprise_registry"),
                attempt(
                        "table location pointing at a dataset",
                        "CREATE TABLE located (x STRING) USING iceberg LOCATION '%WH%/datasets/energy_consumption'"));
    }

    /** Every job attempt: the ones above and the gaps of issue 15 with their neighbours. */
    static Stream<Arguments> jobAttempts() {
        return Stream.concat(sqlAttempts(), gapAttempts());
    }

    /**
     * Writes outside the workspace that name their table without a child plan (Iceberg's branch, tag,
     * partition, order and identifier commands), table properties that place files elsewhere, renames
     * across namespaces, ${...} substitution and settings listings, and statistics of a table the lab
     * sees only in part. Each runs as a job (pre-flight first) and directly in the governed session
     * (the guard alone), and must fail and be audited both ways.
     */
    static Stream<Arguments> gapAttempts() {
        String consumption = "datasets.energy_consumption";
        String victimData = "%WH%/lab_" + VICTIM + "/secret/data";
        return Stream.of(
                attempt("branch created on a dataset", "ALTER TABLE " + consumption + " CREATE BRANCH planted"),
                attempt(
                        "branch created on a dataset, catalog-qualified",
                        "ALTER TABLE lakelab." + consumption + " CREATE OR REPLACE BRANCH planted"),
                attempt("tag created on a dataset", "ALTER TABLE " + consumption + " CREATE TAG planted"),
                attempt(
                        "main branch of a dataset rolled back",
                        "ALTER TABLE " + consumption + " REPLACE BRANCH main AS OF VERSION %SNAP%"),
                attempt("branch of a dataset dropped", "ALTER TABLE " + consumption + " DROP BRANCH IF EXISTS audit"),
                attempt("tag of a dataset dropped", "ALTER TABLE " + consumption + " DROP TAG IF EXISTS release"),
                attempt(
                        "tag replaced on a dataset",
                        "ALTER TABLE " + consumption + " CREATE OR REPLACE TAG release AS OF VERSION %SNAP%"),
                attempt(
                        "branch created on another lab's table",
                        "ALTER TABLE lab_" + VICTIM + ".secret CREATE BRANCH planted"),
                attempt(
                        "partition field added to a dataset",
                        "ALTER TABLE " + consumption + " ADD PARTITION FIELD month"),
                attempt(
                        "partition field dropped from a dataset",
                        "ALTER TABLE " + consumption + " DROP PARTITION FIELD month"),
                attempt(
                        "partition field replaced on a dataset",
                        "ALTER TABLE " + consumption + " REPLACE PARTITION FIELD month WITH days(month)"),
                attempt("write order of a dataset", "ALTER TABLE " + consumption + " WRITE ORDERED BY credit_code"),
                attempt(
                        "write distribution of a dataset",
                        "ALTER TABLE " + consumption + " WRITE DISTRIBUTED BY PARTITION"),
                attempt(
                        "identifier fields of a dataset",
                        "ALTER TABLE " + consumption + " SET IDENTIFIER FIELDS credit_code"),
                attempt(
                        "identifier fields of a dataset dropped",
                        "ALTER TABLE " + consumption + " DROP IDENTIFIER FIELDS credit_code"),
                attempt(
                        "SQL script writing a dataset",
                        "BEGIN INSERT INTO datasets.emission_factors SELECT 'x', 'y', 1.0; END"),
                attempt(
                        "SQL script placing a table's files",
                        "BEGIN CREATE TABLE placed (x STRING) USING iceberg TBLPROPERTIES ('write.data.path'='"
                                + victimData + "'); END"),
                attempt(
                        "dynamic SQL creating a branch on a dataset",
                        "EXECUTE IMMEDIATE 'ALTER TABLE " + consumption + " CREATE BRANCH dynamic'"),
                attempt(
                        "data path into another lab's table",
                        "CREATE TABLE placed (x STRING) USING iceberg TBLPROPERTIES ('write.data.path'='" + victimData
                                + "')",
                        "INSERT INTO placed SELECT 'x'"),
                attempt(
                        "metadata path into a dataset's directory",
                        "CREATE TABLE placed (x STRING) USING iceberg TBLPROPERTIES"
                                + " ('write.metadata.path'='%WH%/datasets/energy_consumption/metadata')"),
                attempt(
                        "object-storage path on CTAS",
                        "CREATE TABLE placed USING iceberg TBLPROPERTIES ('write.object-storage.enabled'='true',"
                                + " 'write.object-storage.path'='%WH%/datasets/energy_consumption/data') AS SELECT 1 AS x"),
                attempt(
                        "folder-storage path on REPLACE",
                        "CREATE OR REPLACE TABLE placed (x STRING) USING iceberg TBLPROPERTIES"
                                + " ('write.folder-storage.path'='%WH%/datasets/energy_consumption/data')"),
                attempt(
                        "own location provider",
                        "CREATE TABLE placed (x STRING) USING iceberg TBLPROPERTIES"
                                + " ('write.location-provider.impl'='org.example.Anywhere')"),
                attempt(
                        "path option",
                        "CREATE TABLE placed (x STRING) USING iceberg OPTIONS ('path'='%WH%/datasets/energy_consumption')"),
                attempt(
                        "data path set on an existing table",
                        "CREATE TABLE IF NOT EXISTS sink2 (x STRING) USING iceberg",
                        "ALTER TABLE sink2 SET TBLPROPERTIES ('write.data.path'='" + victimData + "')"),
                attempt(
                        "metadata path set on an existing table",
                        "CREATE TABLE IF NOT EXISTS sink2 (x STRING) USING iceberg",
                        "ALTER TABLE sink2 SET TBLPROPERTIES ('write.metadata.path'='" + victimData + "')"),
                attempt(
                        "location moved",
                        "CREATE TABLE IF NOT EXISTS sink2 (x STRING) USING iceberg",
                        "ALTER TABLE sink2 SET LOCATION '%WH%/datasets/energy_consumption'"),
                attempt(
                        "workspace table renamed into the datasets",
                        "CREATE TABLE IF NOT EXISTS sink3 (x STRING) USING iceberg",
                        "ALTER TABLE sink3 RENAME TO datasets.planted"),
                attempt(
                        "dataset renamed into the workspace",
                        "ALTER TABLE datasets.emission_factors RENAME TO lab_" + LAB + ".factors"),
                attempt("view planted among the datasets", "CREATE VIEW datasets.planted_view AS SELECT 1 AS x"),
                attempt(
                        "view planted among the datasets, catalog-qualified",
                        "CREATE OR REPLACE VIEW lakelab.datasets.planted_view AS SELECT 1 AS x"),
                attempt("view dropped among the datasets", "DROP VIEW IF EXISTS datasets.planted_view"),
                attempt("views of another lab listed", "SHOW VIEWS IN lab_" + VICTIM),
                attempt("every lab's workspace listed", "SHOW NAMESPACES"),
                attempt("every lab's workspace listed by pattern", "SHOW DATABASES LIKE 'lab_*'"),
                attempt("table created like a dataset", "CREATE TABLE planted LIKE datasets.emission_factors"),
                attempt("comment on a dataset", "COMMENT ON TABLE datasets.emission_factors IS 'changed'"),
                attempt(
                        "statistics computed on a dataset",
                        "ANALYZE TABLE datasets.enterprise_registry COMPUTE STATISTICS FOR COLUMNS name"),
                attempt("variable substitution switched on", "SET spark.sql.variable.substitute=true"),
                attempt("variable substitution reset", "RESET spark.sql.variable.substitute"),
                attempt("every setting listed", "SET"),
                attempt("every setting listed with documentation", "SET -v"),
                attempt("catalog setting read", "SET spark.sql.catalog.lakelab.uri"),
                attempt("redaction changed", "SET spark.sql.redaction.string.regex=nothing"),
                attempt("file names of a dataset", "SELECT input_file_name() FROM datasets.emission_factors"),
                attempt(
                        "file sizes of a filtered dataset",
                        "SELECT input_file_block_length() FROM datasets.enterprise_registry"),
                attempt(
                        "column statistics of a filtered table",
                        "DESCRIBE EXTENDED datasets.enterprise_registry credit_code"),
                attempt("table statistics of a filtered table", "DESCRIBE TABLE EXTENDED datasets.enterprise_registry"),
                attempt(
                        "table statistics of an ungranted table",
                        "DESCRIBE TABLE EXTENDED datasets.energy_consumption"),
                attempt("statistics as JSON", "DESCRIBE EXTENDED datasets.enterprise_registry AS JSON"),
                attempt("table details of every dataset", "SHOW TABLE EXTENDED IN datasets LIKE '*'"),
                attempt("partition values of a filtered table", "SHOW PARTITIONS datasets.enterprise_registry"),
                attempt(
                        "cost of a filtered table",
                        "EXPLAIN COST SELECT credit_code FROM datasets.enterprise_registry"),
                attempt(
                        "cost of a filtered table in a subquery",
                        "EXPLAIN COST SELECT * FROM datasets.emission_factors WHERE EXISTS (SELECT 1 FROM"
                                + " datasets.enterprise_registry)"),
                attempt("partition statistics", "SELECT * FROM datasets.enterprise_registry.partitions"),
                attempt("manifest statistics", "SELECT * FROM datasets.enterprise_registry.manifests"),
                attempt(
                        "manifest statistics of all snapshots",
                        "SELECT * FROM datasets.enterprise_registry.all_manifests"));
    }

    private static Arguments attempt(String name, String... statements) {
        return Arguments.of(name, List.of(statements));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jobAttempts")
    void sqlAttemptFailsAndIsAudited(String name, List<String> statements) {
        List<String> sql = fill(statements);
        Set<Path> sourceFiles = files("datasets");
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        JobSpec spec = lake.spec(LAB, sql, Set.of()).withPolicies(policies, null);
        JobResult result = new JobRunner(lake.spark, new PrintStream(stdout, true, StandardCharsets.UTF_8)).run(spec);
        assertThat(result.state()).as(name + ": " + result.error()).isEqualTo(JobState.FAILED);
        System.err.println(name + " refused with: " + result.error());
        assertThat(result.error()).as(name).containsAnyOf("denied", "not allowed", "refused", "not granted");
        assertThat(result.audit())
                .as(name)
                .anySatisfy(e -> assertThat(e.allowed()).isFalse());
        assertThat(stdout.toString(StandardCharsets.UTF_8).lines())
                .as(name)
                .anySatisfy(l -> assertThat(l).startsWith(AuditLog.PREFIX).contains("\"allowed\":false"));
        assertThat(lake.catalog.tableExists(TableRef.of("lab_" + LAB, "stolen").identifier()))
                .isFalse();
        assertThat(files("datasets"))
                .as(name + ": files of the source datasets")
                .isEqualTo(sourceFiles);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gapAttempts")
    void sessionAttemptFailsAndIsAudited(String name, List<String> statements) {
        // no pre-flight here: the governed session's own checks must refuse the statement
        List<String> sql = fill(statements);
        Set<Path> sourceFiles = files("datasets");
        Set<Path> victimFiles = files("lab_" + VICTIM);
        try (GovernedLab lab = new GovernedLab(lake, LAB, policies, null)) {
            assertThatThrownBy(() -> sql.forEach(lab::rows))
                    .as(name)
                    .satisfies(e -> System.err.println(name + " refused in the session with: " + e))
                    .hasMessageContaining("Access denied");
            assertThat(lab.audit.events())
                    .as(name)
                    .anySatisfy(e -> assertThat(e.allowed()).isFalse());
            assertThat(lab.auditLines()).as(name).anySatisfy(l -> assertThat(l).contains("\"allowed\":false"));
        } finally {
            lake.spark.sql("DROP TABLE IF EXISTS lakelab.lab_" + LAB + ".placed");
        }
        assertThat(files("datasets"))
                .as(name + ": files of the source datasets")
                .isEqualTo(sourceFiles);
        assertThat(files("lab_" + VICTIM)).as(name + ": files of another lab").isEqualTo(victimFiles);
        assertThat(lake.catalog.tableExists(TableRef.of("datasets", "planted").identifier()))
                .isFalse();
    }

    @Test
    void refusedRefAndSpecChangesLeaveTheDatasetAsItWas() {
        TableRef consumption = TableRef.of("datasets", "energy_consumption");
        Table before = lake.catalog.loadTable(consumption.identifier());
        List<String> changes = List.of(
                "ALTER TABLE datasets.energy_consumption CREATE BRANCH planted",
                "ALTER TABLE datasets.energy_consumption CREATE TAG planted_tag",
                "ALTER TABLE datasets.energy_consumption REPLACE BRANCH main AS OF VERSION " + consumptionSnapshot,
                "ALTER TABLE datasets.energy_consumption ADD PARTITION FIELD month",
                "ALTER TABLE datasets.energy_consumption WRITE ORDERED BY credit_code",
                "ALTER TABLE datasets.energy_consumption SET IDENTIFIER FIELDS credit_code");
        for (String change : changes) {
            JobResult result =
                    lake.run(lake.spec(LAB, List.of(change), Set.of()).withPolicies(policies, null));
            assertThat(result.state()).as(change).isEqualTo(JobState.FAILED);
            assertThat(result.error())
                    .as(change)
                    .contains("is not allowed")
                    .contains("datasets.energy_consumption")
                    .contains("workspace lab_" + LAB);
            assertThat(result.audit())
                    .as(change)
                    .anySatisfy(e -> assertThat(e.action()).isEqualTo("preflight"));
            try (GovernedLab lab = new GovernedLab(lake, LAB, policies, null)) {
                assertThatThrownBy(() -> lab.sql(change))
                        .as(change)
                        .hasMessageContaining("writes only into its workspace lab_" + LAB);
                assertThat(lab.audit.events())
                        .as(change)
                        .anySatisfy(e -> assertThat(e)
                                .extracting(AuditEvent::resource, AuditEvent::action, AuditEvent::allowed)
                                .containsExactly("datasets.energy_consumption", "write", false));
            }
        }
        Table after = lake.catalog.loadTable(consumption.identifier());
        assertThat(after.refs()).isEqualTo(before.refs());
        assertThat(after.currentSnapshot().snapshotId())
                .isEqualTo(before.currentSnapshot().snapshotId());
        assertThat(after.spec()).isEqualTo(before.spec());
        assertThat(after.sortOrder()).isEqualTo(before.sortOrder());
        assertThat(after.schema().identifierFieldIds())
                .isEqualTo(before.schema().identifierFieldIds());
        // the same commands still work on the lab's own table: only what is outside the workspace is refused
        try (GovernedLab lab = new GovernedLab(lake, LAB, policies, null)) {
            lab.sql("CREATE OR REPLACE TABLE own_refs USING iceberg AS SELECT 'a' AS credit_code");
            lab.sql("ALTER TABLE own_refs CREATE BRANCH planted");
            lab.sql("ALTER TABLE own_refs CREATE TAG planted_tag");
            lab.sql("ALTER TABLE own_refs WRITE ORDERED BY credit_code");
            assertThat(lake.catalog
                            .loadTable(TableRef.of("lab_" + LAB, "own_refs").identifier())
                            .refs())
                    .containsKeys("main", "planted", "planted_tag");
            assertThat(lab.audit.events())
                    .extracting(AuditEvent::resource, AuditEvent::action, AuditEvent::allowed)
                    .contains(org.assertj.core.groups.Tuple.tuple("lab_" + LAB + ".own_refs", "write", true));
            lab.sql("DROP TABLE own_refs");
        }
    }

    @Test
    void variableSubstitutionIsOffInJobs() {
        String literals =
                "'${env:PATH}' AS env, '${system:user.home}' AS sys," + " '${spark.sql.catalog.lakelab.uri}' AS conf";
        JobResult result = lake.run(lake.spec(
                        LAB,
                        List.of(
                                "CREATE OR REPLACE TABLE substituted USING iceberg AS SELECT " + literals,
                                "EXECUTE IMMEDIATE \"INSERT INTO substituted SELECT '${env:PATH}',"
                                        + " '${system:user.home}', '${spark.sql.catalog.lakelab.uri}'\""),
                        Set.of())
                .withPolicies(policies, null));
        assertThat(result.error()).isNull();
        assertThat(lake.spark
                        .sql("SELECT env, sys, conf FROM lakelab.lab_" + LAB + ".substituted")
                        .collectAsList())
                .hasSize(2)
                .allSatisfy(r -> assertThat(List.of(r.getString(0), r.getString(1), r.getString(2)))
                        .containsExactly("${env:PATH}", "${system:user.home}", "${spark.sql.catalog.lakelab.uri}"));
        lake.spark.sql("DROP TABLE lakelab.lab_" + LAB + ".substituted");
    }

    @Test
    void statisticsOfAnUnrestrictedTableStayAvailable() {
        try (GovernedLab lab = new GovernedLab(lake, LAB, policies, null)) {
            assertThat(lab.rows("DESCRIBE TABLE EXTENDED datasets.emission_factors"))
                    .extracting(r -> r.getString(0))
                    .contains("Statistics");
            assertThat(lab.rows("EXPLAIN COST SELECT * FROM datasets.emission_factors")
                            .get(0)
                            .getString(0))
                    .contains("Statistics(");
            assertThat(lab.rows("SELECT * FROM datasets.emission_factors.partitions"))
                    .isNotEmpty();
        }
    }

    private static List<String> fill(List<String> statements) {
        return statements.stream()
                .map(s ->
                        s.replace("%SNAP%", String.valueOf(consumptionSnapshot)).replace("%WH%", warehouse))
                .toList();
    }

    /** The files under a namespace's directory of the warehouse. */
    private static Set<Path> files(String namespace) {
        Path dir = Path.of(warehouse, namespace);
        if (!Files.isDirectory(dir)) {
            return Set.of();
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(Files::isRegularFile).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<Arguments> dataFrameAttempts() {
        return Stream.of(
                df(
                        "spark.table of an ungranted table",
                        lab -> lab.lake
                                .spark
                                .table("datasets.energy_consumption")
                                .collectAsList()),
                df(
                        "select of an ungranted column",
                        lab -> lab.lake
                                .spark
                                .table("datasets.enterprise_registry")
                                .select("industry_code")
                                .collectAsList()),
                df(
                        "format(iceberg).load by name",
                        lab -> lab.lake
                                .spark
                                .read()
                                .format("iceberg")
                                .load("datasets.energy_consumption")
                                .count()),
                df(
                        "spark.read.parquet on the warehouse",
                        lab -> lab.lake
                                .spark
                                .read()
                                .parquet(warehouse + "/datasets/energy_consumption/data")
                                .count()),
                df(
                        "change log by name",
                        lab -> lab.lake
                                .spark
                                .table("lakelab.datasets.enterprise_registry.changes")
                                .count()),
                df(
                        "branch by name",
                        lab -> lab.lake
                                .spark
                                .table("lakelab.datasets.energy_consumption.branch_main")
                                .count()),
                df(
                        "metadata table by name",
                        lab -> lab.lake
                                .spark
                                .table("datasets.enterprise_registry.files")
                                .collectAsList()),
                df(
                        "try_reflect in a DataFrame expression",
                        lab -> lab.lake
                                .spark
                                .range(1)
                                .select(functions.expr("try_reflect('java.lang.System', 'getenv', 'HOME')"))
                                .collectAsList()),
                df("catalog defined with spark.conf().set", lab -> {
                    // a catalog of the job's own making, holding a copy of the raw rows
                    rawCatalog(true);
                    lab.lake.spark.table("raw.db.copy").collectAsList();
                }),
                df("DataFrame temp view, then an ungranted column", lab -> {
                    lab.lake.spark.table("datasets.enterprise_registry").createOrReplaceTempView("kept");
                    lab.sql("SELECT industry_code FROM kept").collectAsList();
                }),
                df(
                        "script transform through spark.sql",
                        lab -> lab.sql("SELECT TRANSFORM(energy_type) USING 'cat /etc/hostname' AS (x) FROM"
                                        + " datasets.emission_factors")
                                .collectAsList()),
                df(
                        "df.write.parquet out of the lake",
                        lab -> lab.lake
                                .spark
                                .table("datasets.enterprise_registry")
                                .select("name")
                                .write()
                                .parquet(warehouse + "/exfil")));
    }

    private static Arguments df(String name, Consumer<GovernedLab> attempt) {
        return Arguments.of(name, attempt);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dataFrameAttempts")
    void dataFrameAttemptFailsAndIsAudited(String name, Consumer<GovernedLab> attempt) {
        try (GovernedLab lab = new GovernedLab(lake, LAB, policies, null)) {
            assertThatThrownBy(() -> attempt.accept(lab))
                    .as(name)
                    .satisfies(e -> System.err.println(name + " refused with: " + e));
            assertThat(lab.audit.events())
                    .as(name)
                    .anySatisfy(e -> assertThat(e.allowed()).isFalse());
        } finally {
            rawCatalog(false);
        }
    }

    @Test
    void pathLoadOfAnIcebergTableFindsNothingToRead() {
        // Path-based Iceberg loads use HadoopTables, which cannot open JDBC-catalog tables at all:
        // the attempt fails before any plan exists (nothing to audit), and reads no row.
        try (GovernedLab lab = new GovernedLab(lake, LAB, policies, null)) {
            assertThatThrownBy(() -> lab.lake
                            .spark
                            .read()
                            .format("iceberg")
                            .load(warehouse + "/datasets/energy_consumption")
                            .count())
                    .satisfies(e -> System.err.println("path load refused with: " + e));
        }
    }

    @Test
    void rowsCachedWithoutGovernanceStayFilteredAndMaskedForTheLab() {
        lake.spark.sql("CACHE TABLE lakelab.datasets.enterprise_registry");
        try (GovernedLab lab = new GovernedLab(lake, LAB, policies, null)) {
            long all = lake.catalog
                    .loadTable(REGISTRY.identifier())
                    .currentSnapshot()
                    .summary()
                    .get("total-records")
                    .transform(Long::parseLong);
            assertThat(lab.sql("SELECT count(*) FROM datasets.enterprise_registry")
                            .first()
                            .getLong(0))
                    .isLessThan(all);
            assertThat(lab.rows("SELECT name FROM datasets.enterprise_registry"))
                    .allSatisfy(r -> assertThat(r.getString(0)).matches("[0-9A-F]{64}"));
        } finally {
            lake.spark.sql("UNCACHE TABLE IF EXISTS lakelab.datasets.enterprise_registry");
        }
    }

    @Test
    void explainOfAnUngrantedTableShowsTheRefusalNotAPlan() {
        try (GovernedLab lab = new GovernedLab(lake, LAB, policies, null)) {
            String explained = lab.rows("EXPLAIN EXTENDED SELECT * FROM datasets.energy_consumption").stream()
                    .map(r -> r.getString(0))
                    .reduce("", String::concat);
            assertThat(explained)
                    .contains("no grant to read datasets.energy_consumption")
                    .doesNotContain("RelationV2");
            assertThat(lab.audit.events())
                    .anySatisfy(e -> assertThat(e.allowed()).isFalse());
        }
    }

    @Test
    void grantedReadsStillWork() {
        try (GovernedLab lab = new GovernedLab(lake, LAB, policies, null)) {
            assertThat(lab.rows("SELECT credit_code, name, district FROM datasets.enterprise_registry"))
                    .isNotEmpty();
            assertThat(lab.rows("SELECT * FROM datasets.emission_factors.snapshots"))
                    .isNotEmpty();
            assertThat(lab.rows("DESCRIBE TABLE datasets.enterprise_registry")).isNotEmpty();
        }
    }
}
