package io.lakelab.platform.membership;

import io.lakelab.platform.identity.IdentityProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses where lab groups live: Keycloak when provisioning is configured, the demo-user
 * configuration with the embedded issuer, otherwise nowhere the platform can change.
 */
@Configuration(proxyBeanMethods = false)
class MembershipConfiguration {

    @Bean
    LabGroups labGroups(KeycloakProperties keycloak, IdentityProperties identity) {
        if (keycloak.configured()) {
            return new KeycloakLabGroups(keycloak);
        }
        if (identity.embedded()) {
            return new EmbeddedLabGroups(identity.demoUsers());
        }
        return new UnprovisionedLabGroups();
    }
}
