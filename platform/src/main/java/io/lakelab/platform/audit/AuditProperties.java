package io.lakelab.platform.audit;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the audit keeps what must live outside the database: the platform's checkpoint signing key
 * and the signed daily checkpoints ({@code directory}, empty = {@code <lakelab.storage.home>/audit}),
 * and when the daily checkpoint is written ({@code checkpointCron}, UTC; read by the scheduler).
 */
@ConfigurationProperties("lakelab.audit")
public record AuditProperties(Path directory, String checkpointCron) {

    public AuditProperties {
        if (checkpointCron == null || checkpointCron.isBlank()) {
            checkpointCron = "0 5 0 * * *";
        }
    }
}
