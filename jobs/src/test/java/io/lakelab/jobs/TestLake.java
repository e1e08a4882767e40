package io.lakelab.jobs;

import io.lakelab.catalog.demo.DemoDataset;
import io.lakelab.catalog.demo.DemoScenario;
import io.lakelab.catalog.iceberg.IcebergCatalogs;
import io.lakelab.catalog.iceberg.IcebergSettings;
import io.lakelab.catalog.iceberg.SourceFormat;
import io.lakelab.catalog.iceberg.TableIngestor;
import io.lakelab.catalog.iceberg.WriteMode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.iceberg.catalog.Catalog;
import org.apache.spark.sql.classic.SparkSession;

/**
 * One lake per test JVM: a real embedded PostgreSQL holding an Iceberg JDBC catalog (with a
 * password, so tests can check it never leaks), a temporary warehouse, the demo scenario's source
 * tables ingested with catalog's {@link TableIngestor}, and one Spark session. Starting these once
 * keeps the whole suite to a few minutes; tests isolate themselves by using their own lab codes.
 */
final class TestLake {
    static final String PASSWORD = "s3cret-Catalog-Pw";
    static final DemoScenario SCENARIO = new DemoScenario(200, 7L);
    private static TestLake instance;

    final Path root;
    final Path files;
    final IcebergSettings settings;
    final Catalog catalog;
    final SparkSession spark;

    private TestLake() throws Exception {
        root = Files.createTempDirectory("lakelab-jobs-it");
        EmbeddedPostgres postgres = EmbeddedPostgres.start();
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE ROLE lake LOGIN PASSWORD '" + PASSWORD + "'");
            s.execute("CREATE DATABASE iceberg OWNER lake");
        }
        // the embedded server trusts local connections; require the password as a real server would
        settings = new IcebergSettings(
                postgres.getJdbcUrl("lake", "iceberg"),
                "lake",
                PASSWORD,
                root.resolve("warehouse").toString());
        catalog = IcebergCatalogs.open(settings);
        files = root.resolve("files");
        SCENARIO.writeFiles(files);
        TableIngestor ingestor = new TableIngestor(catalog);
        IcebergCatalogs.ensureNamespace(catalog, "datasets");
        for (DemoDataset dataset : SCENARIO.datasets()) {
            ingestor.ingest(
                    dataset.table(),
                    dataset.schema(),
                    files.resolve(dataset.fileName()),
                    SourceFormat.CSV,
                    WriteMode.REPLACE,
                    Map.of());
        }
        spark = JobSession.create(spec("bootstrap", List.of(), Set.of()));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            spark.stop();
            try {
                postgres.close();
                deleteTree(root);
            } catch (IOException e) {
                // the JVM is exiting and the directory is temporary
            }
        }));
    }

    static synchronized TestLake get() {
        if (instance == null) {
            try {
                instance = new TestLake();
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the test lake", e);
            }
        }
        return instance;
    }

    static Set<String> demoTables() {
        return Set.of("datasets.enterprise_registry", "datasets.energy_consumption", "datasets.emission_factors");
    }

    static List<IndicatorSpec> demoIndicators() {
        return SCENARIO.indicators().stream()
                .map(i -> new IndicatorSpec(i.code(), i.sql()))
                .toList();
    }

    JobSpec spec(String lab, List<String> statements, Set<String> readable) {
        return spec(lab, statements, readable, List.of(), false);
    }

    JobSpec spec(
            String lab, List<String> statements, Set<String> readable, List<IndicatorSpec> indicators, boolean all) {
        String runId = UUID.randomUUID().toString();
        return new JobSpec(
                runId,
                lab,
                "alice",
                "fusion",
                statements,
                readable,
                indicators,
                all,
                settings,
                null,
                0,
                root.resolve("runs").resolve(runId).toString());
    }

    JobResult run(JobSpec spec) {
        return new JobRunner(spark).run(spec);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
