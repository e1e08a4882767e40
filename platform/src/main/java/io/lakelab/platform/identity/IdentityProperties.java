package io.lakelab.platform.identity;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who signs tokens. With no {@code issuerUri} LakeLab runs its embedded authorization server
 * (development and demo default) and issues Keycloak-shaped tokens for the configured demo
 * users; with one (a Keycloak realm URL) it only validates tokens from that issuer.
 */
@ConfigurationProperties("lakelab.identity")
public record IdentityProperties(
        String issuerUri, String audience, Duration tokenTtl, Duration clockSkew, List<DemoUser> demoUsers) {

    public IdentityProperties {
        if (audience == null || audience.isBlank()) {
            audience = "lakelab-api";
        }
        if (tokenTtl == null) {
            tokenTtl = Duration.ofHours(1);
        }
        if (clockSkew == null) {
            // Tolerated clock difference between the issuer and this service when checking exp/nbf.
            clockSkew = Duration.ofSeconds(60);
        }
        if (demoUsers == null) {
            demoUsers = List.of();
        }
    }

    public boolean embedded() {
        return issuerUri == null || issuerUri.isBlank();
    }

    /** A user of the embedded issuer: a name, realm roles and groups such as {@code /labs/lowcarbon}. */
    public record DemoUser(String username, List<String> roles, List<String> groups) {
        public DemoUser {
            roles = roles == null ? List.of() : List.copyOf(roles);
            groups = groups == null ? List.of() : List.copyOf(groups);
        }
    }
}
