package io.lakelab.platform.trino;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The Trino server the platform runs: off unless {@code enabled} ({@code ./lakelab demo} and
 * {@code serve} turn it on). {@code distribution} is an unpacked {@code trino-server-476}; when it
 * is missing it is unpacked from {@code archive} (the Maven artifact in the local repository).
 * {@code javaHome} must be a JDK 24+ (empty: {@code TRINO_JAVA_HOME}, then {@code /usr/lib/jvm/*}).
 * Ports 0 pick free ports. {@code jwtKeyFile}, {@code jwtIssuer} and {@code jwtAudience} default to
 * the platform's own issuer (embedded or Keycloak) and audience.
 */
@ConfigurationProperties("lakelab.trino")
public record TrinoProperties(
        boolean enabled,
        Path distribution,
        Path archive,
        String javaHome,
        int httpsPort,
        int internalPort,
        String heap,
        Duration startupTimeout,
        Duration policyPollInterval,
        String jwtKeyFile,
        String jwtIssuer,
        String jwtAudience) {

    public static final String VERSION = "476";

    public TrinoProperties {
        Path m2 = Path.of(System.getProperty("user.home"), ".m2", "repository", "io", "trino", "trino-server", VERSION);
        if (distribution == null) {
            distribution =
                    Path.of(System.getProperty("user.home"), ".lakelab", "trino-" + VERSION, "trino-server-" + VERSION);
        }
        if (archive == null) {
            archive = m2.resolve("trino-server-" + VERSION + ".tar.gz");
        }
        if (heap == null || heap.isBlank()) {
            heap = "1G";
        }
        if (startupTimeout == null) {
            startupTimeout = Duration.ofMinutes(3);
        }
        if (policyPollInterval == null) {
            // Revocation must take effect within 5 s: one poll interval plus ~0.3 s.
            policyPollInterval = Duration.ofSeconds(1);
        }
    }
}
