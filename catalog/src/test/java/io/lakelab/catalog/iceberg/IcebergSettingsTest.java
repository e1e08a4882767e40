package io.lakelab.catalog.iceberg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class IcebergSettingsTest {
    private final IcebergSettings settings =
            new IcebergSettings("jdbc:postgresql://127.0.0.1:5432/iceberg", "lake", "s3cret", "/tmp/wh");

    @Test
    void toStringHidesPassword() {
        assertThat(settings.toString()).doesNotContain("s3cret").contains("lake", "/tmp/wh", "****");
    }

    @Test
    void sparkConfPointsAtTheJdbcCatalog() {
        Map<String, String> conf = IcebergCatalogs.sparkCatalogConf(settings);
        assertThat(conf)
                .containsEntry("spark.sql.catalog.lakelab", "org.apache.iceberg.spark.SparkCatalog")
                .containsEntry("spark.sql.catalog.lakelab.type", "jdbc")
                .containsEntry("spark.sql.catalog.lakelab.uri", settings.jdbcUrl())
                .containsEntry("spark.sql.catalog.lakelab.jdbc.user", "lake")
                .containsEntry("spark.sql.catalog.lakelab.jdbc.password", "s3cret")
                .containsEntry("spark.sql.catalog.lakelab.jdbc.schema-version", "V1")
                .containsEntry("spark.sql.catalog.lakelab.warehouse", "/tmp/wh");
    }

    @Test
    void rejectsBadUrl() {
        assertThatThrownBy(() -> new IcebergSettings("postgres://x", "u", "p", "/w"))
                .hasMessageContaining("JDBC URL 'postgres://x' is invalid");
    }
}
