package io.lakelab.jobs;

import io.lakelab.catalog.UnifiedCreditCode;
import io.lakelab.catalog.iceberg.IcebergCatalogs;
import io.lakelab.jobs.governance.GovernanceExtensions;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.classic.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/**
 * Builds the Spark session a job runs in: the spec's master (local mode by default, a standalone
 * cluster works too), no UI, few shuffle partitions, an in-memory session catalog, Iceberg's SQL
 * extensions and the {@code lakelab} Iceberg catalog as the default catalog. File-path SQL and
 * {@code ${...}} variable substitution are switched off here as well as refused by {@link AccessCheck}.
 */
public final class JobSession {
    static final String EXTENSIONS = "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions";
    /** Off: {@code ${env:X}}, {@code ${system:X}} and {@code ${spark.x}} in SQL would read the runner's secrets. */
    static final String NO_SUBSTITUTION = "spark.sql.variable.substitute";

    private JobSession() {}

    public static SparkSession create(JobSpec spec) {
        org.apache.spark.sql.SparkSession.Builder builder = org.apache.spark.sql.SparkSession.builder()
                .master(spec.sparkMaster())
                .appName("lakelab-" + spec.labCode() + "-" + spec.jobName())
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", String.valueOf(spec.shufflePartitions()))
                .config("spark.sql.catalogImplementation", "in-memory")
                .config("spark.sql.extensions", EXTENSIONS + "," + GovernanceExtensions.class.getName())
                .config("spark.sql.defaultCatalog", IcebergCatalogs.CATALOG_NAME)
                .config("spark.sql.runSQLOnFiles", "false")
                .config(NO_SUBSTITUTION, "false");
        IcebergCatalogs.sparkCatalogConf(spec.iceberg()).forEach(builder::config);
        // the platform ingests through its own catalog instance: a cached table would hide those commits
        builder.config("spark.sql.catalog." + IcebergCatalogs.CATALOG_NAME + ".cache-enabled", "false");
        SparkSession spark = (SparkSession) builder.getOrCreate();
        registerFunctions(spark);
        return spark;
    }

    /** The SQL functions LakeLab jobs may call beyond Spark's built-ins. */
    static void registerFunctions(SparkSession spark) {
        spark.udf().register("uscc_valid", (UDF1<String, Boolean>) UnifiedCreditCode::isValid, DataTypes.BooleanType);
    }
}
