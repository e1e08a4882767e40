package io.lakelab.platform.infra;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The metadata store. With no {@code url}, LakeLab starts an embedded PostgreSQL under {@code
 * lakelab.storage.home}; with one, it uses that server. The Iceberg JDBC catalog lives in its own
 * database on the same server ({@code icebergUrl}, derived from {@code url} when not set).
 */
@ConfigurationProperties("lakelab.database")
public record DatabaseProperties(String url, String icebergUrl, String username, String password) {

    public boolean embedded() {
        return url == null || url.isBlank();
    }

    @Override
    public String toString() {
        return "DatabaseProperties[url=" + url + ", icebergUrl=" + icebergUrl + ", username=" + username + ", password="
                + (password == null ? "<none>" : "<redacted>") + "]";
    }
}
