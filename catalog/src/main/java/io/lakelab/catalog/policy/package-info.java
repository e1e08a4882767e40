/**
 * Access policies as Apache Ranger objects: {@link io.lakelab.catalog.policy.GrantSpec grants}
 * compile into Ranger {@code ServicePolicies} for the Spark ({@code lakelab_spark}, Ranger's
 * {@code hive} service-def) and Trino ({@code lakelab_trino}, the {@code trino} service-def)
 * services, lab membership into a {@code RangerUserStore}, and {@link
 * io.lakelab.catalog.policy.LakeLabAccess} asks Ranger's own engine for decisions. No Spring and
 * no Iceberg imports: this package also runs inside the Spark job runner.
 */
package io.lakelab.catalog.policy;
