package io.lakelab.platform.ranger;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where a real Ranger Admin is, for the optional push of the compiled policies ({@code
 * lakelab.ranger-admin.*}); off unless {@code enabled=true}. The password is never logged.
 */
@ConfigurationProperties("lakelab.ranger-admin")
public record RangerAdminProperties(String url, String username, String password, boolean enabled) {

    @Override
    public String toString() {
        return "RangerAdminProperties[url=" + url + ", username=" + username + ", password=***, enabled=" + enabled
                + "]";
    }
}
