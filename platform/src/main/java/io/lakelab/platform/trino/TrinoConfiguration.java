package io.lakelab.platform.trino;

import io.lakelab.catalog.iceberg.IcebergSettings;
import io.lakelab.platform.access.PolicyTokens;
import io.lakelab.platform.audit.AuditTokens;
import io.lakelab.platform.identity.IdentityProperties;
import io.lakelab.platform.infra.StorageProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Runs Trino when {@code lakelab.trino.enabled=true}: the server is created with the context and
 * launched as soon as the platform's web server listens (Trino fetches the issuer's JWKS and its
 * policies from it), in the background, so it starts while the platform serves and the demo runs.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "lakelab.trino.enabled", havingValue = "true")
class TrinoConfiguration {

    /** The embedded issuer's fixed issuer name (see EmbeddedIdentityConfiguration). */
    static final String EMBEDDED_ISSUER = "http://lakelab.local/embedded";

    /** The run id Trino's policy token is issued under; the download API audits it as {@code run:trino}. */
    static final String POLICY_CLIENT = "trino";

    @Bean(destroyMethod = "close")
    TrinoServer trinoServer(TrinoProperties properties, IcebergSettings iceberg, StorageProperties storage) {
        return new TrinoServer(properties, iceberg, storage.home().resolve("trino"));
    }

    @Bean
    ApplicationListener<WebServerInitializedEvent> trinoStarter(
            TrinoServer server,
            TrinoProperties properties,
            IdentityProperties identity,
            PolicyTokens tokens,
            AuditTokens auditTokens) {
        return event -> {
            if (event.getApplicationContext().getServerNamespace() != null) {
                return; // a management server, not the API
            }
            String platform = "http://127.0.0.1:" + event.getWebServer().getPort();
            server.start(launch(
                    properties, identity, platform, tokens.issue(POLICY_CLIENT), auditTokens.issue(POLICY_CLIENT)));
        };
    }

    static TrinoServer.Launch launch(
            TrinoProperties properties,
            IdentityProperties identity,
            String platformUrl,
            String policyToken,
            String eventToken) {
        String keyFile = properties.jwtKeyFile();
        String issuer = properties.jwtIssuer();
        if (keyFile == null || keyFile.isBlank()) {
            keyFile = identity.embedded()
                    ? platformUrl + "/oauth2/jwks"
                    : stripSlash(identity.issuerUri()) + "/protocol/openid-connect/certs";
        }
        if (issuer == null || issuer.isBlank()) {
            issuer = identity.embedded() ? EMBEDDED_ISSUER : identity.issuerUri();
        }
        String audience =
                properties.jwtAudience() == null || properties.jwtAudience().isBlank()
                        ? identity.audience()
                        : properties.jwtAudience();
        return new TrinoServer.Launch(
                keyFile,
                issuer,
                audience,
                platformUrl,
                policyToken,
                platformUrl + AuditTokens.TRINO_EVENTS_PATH,
                eventToken);
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
