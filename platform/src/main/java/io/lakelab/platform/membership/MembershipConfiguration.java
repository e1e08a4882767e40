package io.lakelab.platform.membership;

import io.lakelab.platform.identity.DemoUserDirectory;
import io.lakelab.platform.identity.IdentityProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses where lab groups live: Keycloak when provisioning is configured, the embedded issuer's
 * persisted users with the embedded issuer, otherwise nowhere the platform can change.
 */
@Configuration(proxyBeanMethods = false)
class MembershipConfiguration {

    @Bean
    LabGroups labGroups(
            KeycloakProperties keycloak, IdentityProperties identity, ObjectProvider<DemoUserDirectory> directory) {
        if (keycloak.configured()) {
            return new KeycloakLabGroups(keycloak);
        }
        if (identity.embedded()) {
            return new EmbeddedLabGroups(directory.getObject());
        }
        return new UnprovisionedLabGroups();
    }
}
