package io.lakelab.platform.infra;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where LakeLab keeps its local state: embedded PostgreSQL data, the Iceberg warehouse, job run
 * directories and upload staging. Defaults to {@code ~/.lakelab}, kept across restarts.
 */
@ConfigurationProperties("lakelab.storage")
public record StorageProperties(Path home) {

    public StorageProperties {
        if (home == null) {
            home = Path.of(System.getProperty("user.home"), ".lakelab");
        }
        home = home.toAbsolutePath().normalize();
    }

    public Path postgresData() {
        return home.resolve("pg");
    }

    public Path warehouse() {
        return home.resolve("warehouse");
    }

    public Path runs() {
        return home.resolve("runs");
    }

    public Path uploads() {
        return home.resolve("uploads");
    }
}
