package io.lakelab.catalog.iceberg;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.iceberg.catalog.Catalog;

/**
 * One real embedded PostgreSQL per test JVM (its first start takes ~17 s), and a fresh Iceberg JDBC
 * catalog database plus temporary warehouse for each caller, so tests do not see each other's tables.
 */
final class TestCatalogs {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private TestCatalogs() {}

    static synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException e) {
                    // the JVM is exiting; the data directory is temporary anyway
                }
            }));
        }
        return postgres;
    }

    static IcebergSettings newSettings(Path warehouse) {
        String db = "iceberg_" + COUNTER.incrementAndGet();
        try (Connection c = postgres().getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + db);
            Files.createDirectories(warehouse);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create test catalog database " + db, e);
        }
        return new IcebergSettings(postgres().getJdbcUrl("postgres", db), "postgres", "", warehouse.toString());
    }

    static Catalog newCatalog(Path warehouse) {
        return IcebergCatalogs.open(newSettings(warehouse));
    }
}
