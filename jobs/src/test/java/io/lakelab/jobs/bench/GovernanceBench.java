package io.lakelab.jobs.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakelab.catalog.LabCode;
import io.lakelab.catalog.TableRef;
import io.lakelab.catalog.demo.DemoDataset;
import io.lakelab.catalog.demo.DemoScenario;
import io.lakelab.catalog.iceberg.IcebergCatalogs;
import io.lakelab.catalog.iceberg.IcebergSettings;
import io.lakelab.catalog.iceberg.SourceFormat;
import io.lakelab.catalog.iceberg.TableIngestor;
import io.lakelab.catalog.iceberg.WriteMode;
import io.lakelab.catalog.policy.GrantSpec;
import io.lakelab.catalog.policy.MaskType;
import io.lakelab.catalog.policy.PolicyCompiler;
import io.lakelab.catalog.policy.PolicyJson;
import io.lakelab.catalog.policy.PolicyTarget;
import io.lakelab.jobs.JobResult;
import io.lakelab.jobs.JobRunner;
import io.lakelab.jobs.JobSession;
import io.lakelab.jobs.JobSpec;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.iceberg.catalog.Catalog;
import org.apache.spark.sql.classic.SparkSession;

/**
 * The demo fusion job governed (Ranger policies: a row filter and a hash mask on a registry column
 * the job uses) against the same job on the plain session with the same filter and mask written
 * into its SQL by hand — the only fair comparison, since a mask costs what its expression costs.
 * Both run through {@link JobRunner} in one JVM and one Spark session, alternating (ABBA) after a
 * warm-up, and the last line is {@code governed/plain = <ratio>} (total time governed / plain).
 * Run it with {@code ./lakelab bench governance [--enterprises N] [--rounds N] [--warmup N]}.
 */
public final class GovernanceBench {
    private static final String LAB = "lowcarbon";
    private static final String ROW_FILTER = "district <> '崇明区'";
    private static final String REGISTRY = "datasets." + DemoScenario.ENTERPRISE_REGISTRY;

    private GovernanceBench() {}

    public static void main(String[] args) throws Exception {
        int enterprises = intArg(args, "--enterprises", 2000);
        int rounds = intArg(args, "--rounds", 8);
        int warmup = intArg(args, "--warmup", 3);
        PrintStream out = System.out;
        // Spark and Iceberg log to stdout through some paths; keep the bench output readable.
        System.setOut(System.err);
        Path root = Files.createTempDirectory("lakelab-bench");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start()) {
            try (Connection c = postgres.getPostgresDatabase().getConnection();
                    Statement s = c.createStatement()) {
                s.execute("CREATE ROLE bench LOGIN PASSWORD 'bench'");
                s.execute("CREATE DATABASE iceberg OWNER bench");
            }
            IcebergSettings settings = new IcebergSettings(
                    postgres.getJdbcUrl("bench", "iceberg"),
                    "bench",
                    "bench",
                    root.resolve("warehouse").toString());
            DemoScenario scenario = new DemoScenario(enterprises, 7L);
            ingest(settings, scenario, root.resolve("files"));
            JobSpec base = spec(settings, root, List.of());
            SparkSession spark = JobSession.create(base);
            try {
                List<String> governedSql = scenario.fusionStatements();
                List<String> plainSql = handWritten(governedSql);
                String policies = PolicyJson.write(
                        new PolicyCompiler(PolicyTarget.SPARK).compile(List.of(LabCode.of(LAB)), grants()));
                JobRunner runner = new JobRunner(spark, new PrintStream(OutputStream.nullOutputStream()));
                out.printf(
                        Locale.ROOT,
                        "demo fusion job, %d enterprises, %d warm-up + %d rounds%n",
                        enterprises,
                        warmup,
                        rounds);
                double governedTotal = 0;
                double plainTotal = 0;
                for (int round = 1; round <= warmup + rounds; round++) {
                    boolean governedFirst = round % 2 == 1;
                    double g = 0;
                    double p = 0;
                    List<Long> governedRows = null;
                    List<Long> plainRows = null;
                    for (int leg = 0; leg < 2; leg++) {
                        long start = System.nanoTime();
                        if ((leg == 0) == governedFirst) {
                            governedRows = rows(runner.run(spec(settings, root, governedSql)
                                    .withPolicies(new ObjectMapper().readTree(policies), null)));
                            g = (System.nanoTime() - start) / 1e6;
                        } else {
                            plainRows = rows(runner.run(spec(settings, root, plainSql)));
                            p = (System.nanoTime() - start) / 1e6;
                        }
                    }
                    if (!governedRows.equals(plainRows)) {
                        // the comparison is only fair if both runs compute the same thing
                        throw new IllegalStateException("governed and plain runs wrote different row counts: "
                                + governedRows + " vs " + plainRows);
                    }
                    boolean measured = round > warmup;
                    if (measured) {
                        governedTotal += g;
                        plainTotal += p;
                    }
                    out.printf(
                            Locale.ROOT,
                            "%s %2d  governed %7.0f ms  plain %7.0f ms  ratio %.3f%n",
                            measured ? "round  " : "warm-up",
                            measured ? round - warmup : round,
                            g,
                            p,
                            g / p);
                }
                out.printf(Locale.ROOT, "governed/plain = %.3f%n", governedTotal / plainTotal);
            } finally {
                spark.stop();
            }
        }
        System.exit(0);
    }

    /** Row filter on the registry and a hash mask on its name column, which the job aggregates. */
    private static List<GrantSpec> grants() {
        LabCode lab = LabCode.of(LAB);
        return List.of(
                new GrantSpec(
                        1,
                        lab,
                        TableRef.of("datasets", DemoScenario.ENTERPRISE_REGISTRY),
                        Set.of(),
                        ROW_FILTER,
                        Map.of("name", MaskType.HASH),
                        null,
                        "bench"),
                new GrantSpec(
                        2,
                        lab,
                        TableRef.of("datasets", DemoScenario.ENERGY_CONSUMPTION),
                        Set.of(),
                        null,
                        Map.of(),
                        null,
                        "bench"),
                new GrantSpec(
                        3,
                        lab,
                        TableRef.of("datasets", DemoScenario.EMISSION_FACTORS),
                        Set.of(),
                        null,
                        Map.of(),
                        null,
                        "bench"));
    }

    /** The same SQL with the policy's filter and mask written by hand where the job reads the registry. */
    static List<String> handWritten(List<String> statements) {
        String mask = MaskType.HASH.sparkExpression().replace(MaskType.COLUMN_PLACEHOLDER, "name");
        String registry = "(SELECT credit_code, " + mask + " AS name, district, industry_code, registered_capital FROM "
                + REGISTRY + " WHERE " + ROW_FILTER + ") enterprise_registry";
        List<String> out = new ArrayList<>();
        for (String sql : statements) {
            out.add(sql.replace("FROM " + REGISTRY + "\n", "FROM " + registry + "\n")
                    .replace("FROM " + REGISTRY + " ", "FROM " + registry + " "));
        }
        if (out.equals(statements)) {
            throw new IllegalStateException("the demo SQL no longer reads " + REGISTRY + " as the bench expects");
        }
        return out;
    }

    private static List<Long> rows(JobResult result) {
        if (!result.succeeded()) {
            throw new IllegalStateException("the bench job failed: " + result.error());
        }
        return result.outputs().stream().map(JobResult.OutputTable::rows).toList();
    }

    private static JobSpec spec(IcebergSettings settings, Path root, List<String> statements) {
        String runId = UUID.randomUUID().toString();
        return new JobSpec(
                runId,
                LAB,
                "bench",
                "fusion",
                statements,
                Set.of(
                        REGISTRY,
                        "datasets." + DemoScenario.ENERGY_CONSUMPTION,
                        "datasets." + DemoScenario.EMISSION_FACTORS),
                List.of(),
                false,
                settings,
                null,
                0,
                root.resolve("runs").resolve(runId).toString());
    }

    private static void ingest(IcebergSettings settings, DemoScenario scenario, Path files) throws Exception {
        scenario.writeFiles(files);
        Catalog catalog = IcebergCatalogs.open(settings);
        IcebergCatalogs.ensureNamespace(catalog, "datasets");
        TableIngestor ingestor = new TableIngestor(catalog);
        for (DemoDataset dataset : scenario.datasets()) {
            ingestor.ingest(
                    dataset.table(),
                    dataset.schema(),
                    files.resolve(dataset.fileName()),
                    SourceFormat.CSV,
                    WriteMode.REPLACE,
                    Map.of());
        }
        if (catalog instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    private static int intArg(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }
}
