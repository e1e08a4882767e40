package io.lakelab.platform.infra;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.lakelab.catalog.ErrorCategory;
import io.lakelab.catalog.LakeLabException;
import io.lakelab.catalog.iceberg.IcebergSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server behind LakeLab: the embedded one (real PostgreSQL binaries, data kept
 * under the LakeLab home) or an external server. It holds two databases: {@code lakelab} for the
 * platform's metadata and {@code iceberg} for the Iceberg JDBC catalog shared by every engine.
 */
public final class MetadataDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MetadataDatabase.class);

    private final EmbeddedPostgres embedded;
    private final String platformUrl;
    private final String icebergUrl;
    private final String username;
    private final String password;

    private MetadataDatabase(
            EmbeddedPostgres embedded, String platformUrl, String icebergUrl, String username, String password) {
        this.embedded = embedded;
        this.platformUrl = platformUrl;
        this.icebergUrl = icebergUrl;
        this.username = username;
        this.password = password;
    }

    public static MetadataDatabase start(DatabaseProperties properties, StorageProperties storage) {
        if (!properties.embedded()) {
            String iceberg =
                    properties.icebergUrl() != null && !properties.icebergUrl().isBlank()
                            ? properties.icebergUrl()
                            : properties.url().replaceFirst("/[^/?]+(\\?.*)?$", "/iceberg$1");
            return new MetadataDatabase(
                    null, properties.url(), iceberg, properties.username(), nullToEmpty(properties.password()));
        }
        try {
            Files.createDirectories(storage.postgresData());
            long started = System.nanoTime();
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(storage.postgresData())
                    .setCleanDataDirectory(false)
                    .start();
            createDatabaseIfMissing(pg.getPostgresDatabase(), "lakelab");
            createDatabaseIfMissing(pg.getPostgresDatabase(), "iceberg");
            log.info(
                    "Embedded PostgreSQL started on port {} with data in {} ({} ms)",
                    pg.getPort(),
                    storage.postgresData(),
                    (System.nanoTime() - started) / 1_000_000);
            String base = "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/";
            return new MetadataDatabase(pg, base + "lakelab", base + "iceberg", "postgres", "");
        } catch (IOException | SQLException e) {
            throw new LakeLabException(
                    ErrorCategory.EXTERNAL,
                    "Could not start the embedded PostgreSQL in " + storage.postgresData()
                            + ": " + e.getMessage()
                            + ". Check that the directory is writable and not used by another LakeLab process,"
                            + " or configure lakelab.database.url for an external server.",
                    e);
        }
    }

    private static void createDatabaseIfMissing(DataSource postgres, String name) throws SQLException {
        try (Connection c = postgres.getConnection();
                Statement s = c.createStatement()) {
            var rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'");
            if (!rs.next()) {
                s.execute("CREATE DATABASE " + name);
            }
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    public HikariDataSource platformDataSource() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(platformUrl);
        config.setUsername(username);
        config.setPassword(password);
        config.setMaximumPoolSize(10);
        config.setPoolName("lakelab");
        return new HikariDataSource(config);
    }

    public String platformUrl() {
        return platformUrl;
    }

    public IcebergSettings icebergSettings(StorageProperties storage) {
        return new IcebergSettings(
                icebergUrl, username, password, storage.warehouse().toUri().toString());
    }

    @Override
    public void close() throws IOException {
        if (embedded != null) {
            embedded.close();
        }
    }
}
