package io.lakelab.catalog.iceberg;

import io.lakelab.catalog.LakeLabException;

/**
 * How to reach the LakeLab Iceberg catalog: the JDBC URL, user and password of the catalog
 * database, and the warehouse location (a local directory or URI). {@link #toString()} never shows
 * the password, so settings can be logged safely.
 */
public record IcebergSettings(String jdbcUrl, String user, String password, String warehouse) {

    public IcebergSettings {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:")) {
            throw LakeLabException.badRequest("Iceberg catalog JDBC URL '" + jdbcUrl
                    + "' is invalid: give a URL such as jdbc:postgresql://127.0.0.1:5432/iceberg.");
        }
        if (warehouse == null || warehouse.isBlank()) {
            throw LakeLabException.badRequest(
                    "Iceberg warehouse location is missing: give a directory or URI where table files go.");
        }
        user = user == null ? "" : user;
        password = password == null ? "" : password;
    }

    @Override
    public String toString() {
        return "IcebergSettings[jdbcUrl=" + jdbcUrl + ", user=" + user + ", password=****, warehouse=" + warehouse
                + "]";
    }
}
