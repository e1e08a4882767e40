package io.lakelab.catalog.iceberg;

import io.lakelab.catalog.ErrorCategory;
import io.lakelab.catalog.LakeLabException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.exceptions.AlreadyExistsException;

/**
 * Opens the LakeLab Iceberg catalog: a JDBC catalog named {@value #CATALOG_NAME} whose metadata lives
 * in PostgreSQL (schema version V1, which Trino reads too). Also gives the Spark configuration that
 * points a Spark session at the same catalog, so both engines see the same tables.
 */
public final class IcebergCatalogs {
    public static final String CATALOG_NAME = "lakelab";
    private static final String JDBC_CATALOG = "org.apache.iceberg.jdbc.JdbcCatalog";
    private static final String SPARK_CATALOG = "org.apache.iceberg.spark.SparkCatalog";

    private IcebergCatalogs() {}

    public static Catalog open(IcebergSettings settings) {
        Map<String, String> props = catalogProperties(settings);
        props.put(CatalogProperties.CATALOG_IMPL, JDBC_CATALOG);
        try {
            return CatalogUtil.buildIcebergCatalog(CATALOG_NAME, props, new Configuration());
        } catch (RuntimeException e) {
            throw new LakeLabException(
                    ErrorCategory.EXTERNAL,
                    "Cannot open the Iceberg catalog at " + settings.jdbcUrl() + " (" + e.getMessage()
                            + "): check that the catalog database is running and the user and password are"
                            + " right.",
                    e);
        }
    }

    /** The {@code spark.sql.catalog.lakelab*} entries that make Spark use this catalog. */
    public static Map<String, String> sparkCatalogConf(IcebergSettings settings) {
        String prefix = "spark.sql.catalog." + CATALOG_NAME;
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put(prefix, SPARK_CATALOG);
        conf.put(prefix + ".type", "jdbc");
        catalogProperties(settings).forEach((k, v) -> conf.put(prefix + "." + k, v));
        return conf;
    }

    /** Creates {@code namespace} unless it exists; safe when two callers race. */
    public static void ensureNamespace(Catalog catalog, String namespace) {
        if (!(catalog instanceof SupportsNamespaces namespaces)) {
            throw new LakeLabException(
                    ErrorCategory.INTERNAL,
                    "Catalog " + catalog.name() + " does not support namespaces: configure a JDBC catalog.");
        }
        Namespace ns = Namespace.of(namespace);
        if (!namespaces.namespaceExists(ns)) {
            try {
                namespaces.createNamespace(ns);
            } catch (AlreadyExistsException e) {
                // another writer created it between the check and the create: that is what we wanted
            }
        }
    }

    private static Map<String, String> catalogProperties(IcebergSettings settings) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put(CatalogProperties.URI, settings.jdbcUrl());
        props.put("jdbc.user", settings.user());
        props.put("jdbc.password", settings.password());
        props.put("jdbc.schema-version", "V1");
        props.put(CatalogProperties.WAREHOUSE_LOCATION, settings.warehouse());
        return props;
    }
}
