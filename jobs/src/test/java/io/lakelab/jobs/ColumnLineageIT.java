package io.lakelab.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakelab.jobs.ColumnLineage.SourceColumn;
import io.lakelab.jobs.ColumnLineage.Subtype;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.classic.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The direct column lineage of analyzed write statements on real Spark and Iceberg: what is copied,
 * transformed or aggregated is listed, what only filters, joins or groups is not, and a write without
 * a query (DELETE) has no lineage at all.
 */
class ColumnLineageIT {
    private static final String A = "datasets.cl_people";
    private static final String B = "datasets.cl_places";
    private static final SourceColumn PHONE = new SourceColumn(A, "phone");
    private static final SourceColumn REGION = new SourceColumn(A, "region");
    private static SparkSession spark;

    @BeforeAll
    static void tables() {
        spark = TestLake.get().spark;
        spark.sql("CREATE NAMESPACE IF NOT EXISTS lakelab.datasets");
        spark.sql("CREATE NAMESPACE IF NOT EXISTS lakelab.lab_cl");
        spark.sql(
                "CREATE TABLE IF NOT EXISTS lakelab." + A + " (id bigint, phone string, region string) USING iceberg");
        spark.sql("CREATE TABLE IF NOT EXISTS lakelab." + B + " (id bigint, region string) USING iceberg");
        spark.sql("CREATE TABLE IF NOT EXISTS lakelab.lab_cl.target (x string, y string) USING iceberg");
    }

    @Test
    void copiesTransformationsAndAggregatesAreDirectFiltersAndGroupKeysAloneAreNot() throws Exception {
        assertThat(lineage("CREATE TABLE lakelab.lab_cl.o USING iceberg AS SELECT region, count(DISTINCT phone) AS n,"
                        + " max(length(phone)) AS l, count(*) AS c FROM lakelab." + A
                        + " WHERE id > 0 GROUP BY region"))
                .contains(Map.of(
                        "region", Map.of(REGION, Subtype.IDENTITY),
                        "n", Map.of(PHONE, Subtype.AGGREGATION),
                        "l", Map.of(PHONE, Subtype.AGGREGATION),
                        "c", Map.of()));
    }

    @Test
    void unionJoinCteAndScalarSubqueryAreFollowed() throws Exception {
        assertThat(lineage("CREATE TABLE lakelab.lab_cl.o USING iceberg AS SELECT phone AS p FROM lakelab." + A
                        + " UNION ALL SELECT region FROM lakelab." + B))
                .contains(
                        Map.of("p", Map.of(PHONE, Subtype.IDENTITY, new SourceColumn(B, "region"), Subtype.IDENTITY)));
        assertThat(lineage("CREATE TABLE lakelab.lab_cl.o USING iceberg AS WITH c AS (SELECT id, sha2(phone, 256) AS h"
                        + " FROM lakelab." + A + ") SELECT c.h, b.region, (SELECT max(region) FROM lakelab." + A
                        + ") AS top FROM c JOIN lakelab." + B + " b ON c.id = b.id"))
                .contains(Map.of(
                        "h", Map.of(PHONE, Subtype.TRANSFORMATION),
                        "region", Map.of(new SourceColumn(B, "region"), Subtype.IDENTITY),
                        "top", Map.of(REGION, Subtype.AGGREGATION)));
    }

    @Test
    void insertMapsTheQueryToTheTableColumnsAndDeleteHasNoLineage() throws Exception {
        assertThat(lineage("INSERT INTO lakelab.lab_cl.target SELECT phone, upper(region) FROM lakelab." + A))
                .contains(Map.of("x", Map.of(PHONE, Subtype.IDENTITY), "y", Map.of(REGION, Subtype.TRANSFORMATION)));
        assertThat(lineage("DELETE FROM lakelab.lab_cl.target WHERE x = '1'")).isEmpty();
    }

    private static Optional<Map<String, Map<SourceColumn, Subtype>>> lineage(String sql) throws Exception {
        LogicalPlan parsed = spark.sessionState().sqlParser().parsePlan(sql);
        return ColumnLineage.of(spark.sessionState()
                .executePlan(parsed, org.apache.spark.sql.execution.CommandExecutionMode.ALL())
                .analyzed());
    }
}
