package io.lakelab.catalog.policy;

/**
 * The two Ranger services LakeLab compiles policies for: Spark jobs ({@code lakelab_spark}, Ranger's
 * {@code hive} service-def, resources database = Iceberg namespace, table, column) and Trino
 * ({@code lakelab_trino}, the {@code trino} service-def, resources catalog {@code lakelab}, schema =
 * Iceberg namespace, table, column).
 */
public enum PolicyTarget {
    SPARK("lakelab_spark", "hive"),
    TRINO("lakelab_trino", "trino");

    /** The Trino catalog the Iceberg tables are served under. */
    public static final String TRINO_CATALOG = "lakelab";

    private final String serviceName;
    private final String serviceType;

    PolicyTarget(String serviceName, String serviceType) {
        this.serviceName = serviceName;
        this.serviceType = serviceType;
    }

    public String serviceName() {
        return serviceName;
    }

    /** The Ranger service-def name (its JSON ships in ranger-plugins-common). */
    public String serviceType() {
        return serviceType;
    }

    public static PolicyTarget ofService(String serviceName) {
        for (PolicyTarget t : values()) {
            if (t.serviceName.equals(serviceName)) {
                return t;
            }
        }
        throw new io.lakelab.catalog.LakeLabException(
                io.lakelab.catalog.ErrorCategory.NOT_FOUND,
                "No Ranger service named '" + serviceName + "': LakeLab serves lakelab_spark and lakelab_trino.");
    }
}
