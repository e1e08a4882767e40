package io.lakelab.platform.membership;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the platform reaches Keycloak's admin API to provision labs: the server URL (without
 * {@code /realms/...}), the realm, and a confidential client with a service account holding
 * realm-management {@code manage-users}, {@code view-users}, {@code query-groups} and {@code
 * view-realm}. Unset server URL: no provisioning. The secret never appears in {@link #toString()}.
 */
@ConfigurationProperties("lakelab.keycloak")
public record KeycloakProperties(String serverUrl, String realm, String clientId, String clientSecret) {

    public KeycloakProperties {
        if (serverUrl != null && serverUrl.endsWith("/")) {
            serverUrl = serverUrl.substring(0, serverUrl.length() - 1);
        }
        if (realm == null || realm.isBlank()) {
            realm = "lakelab";
        }
        if (clientId == null || clientId.isBlank()) {
            clientId = "lakelab-provisioner";
        }
    }

    /** Whether provisioning is configured at all. */
    public boolean configured() {
        return serverUrl != null && !serverUrl.isBlank();
    }

    @Override
    public String toString() {
        return "KeycloakProperties[serverUrl=" + serverUrl + ", realm=" + realm + ", clientId=" + clientId
                + ", clientSecret=" + (clientSecret == null || clientSecret.isEmpty() ? "<none>" : "****") + "]";
    }
}
