package io.lakelab.platform.trino;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Spark and Trino under the same grants give the same answers: lab {@code lowcarbon} (row filter
 * from July 2025, {@code credit_code} hashed, {@code registered_capital} not granted) runs the same
 * queries as a Spark job (the governed Spark session, through the platform's job API, writing the
 * answers into its workspace) and through Trino; the answers must match row for row, masked values
 * included, and both engines must refuse the ungranted column.
 */
class TrinoSparkCrossEngineIT extends TrinoTestSupport {

    private static final Map<String, String> QUERIES = new TreeMap<>(Map.of(
            "xe_district",
                    "SELECT r.district AS k, count(*) AS n, round(sum(e.electricity_kwh), 3) AS v"
                            + " FROM datasets.energy_consumption e JOIN datasets.enterprise_registry r"
                            + " ON e.credit_code = r.credit_code GROUP BY r.district",
            "xe_codes",
                    "SELECT credit_code AS k, count(*) AS n, round(sum(electricity_kwh), 3) AS v"
                            + " FROM datasets.energy_consumption GROUP BY credit_code",
            "xe_months",
                    "SELECT cast(month AS string) AS k, count(*) AS n, round(avg(electricity_kwh), 3) AS v"
                            + " FROM datasets.energy_consumption GROUP BY month"));

    @Test
    void sparkAndTrinoAgreeUnderTheSameGrants() throws SQLException {
        ensureFixture();
        List<String> statements = QUERIES.entrySet().stream()
                .map(q -> "CREATE OR REPLACE TABLE " + q.getKey() + " USING iceberg AS " + q.getValue())
                .toList();
        JsonNode run = runJob("alice", "cross-engine", statements);
        assertThat(run.get("state").asString()).as(run.toString()).isEqualTo("SUCCEEDED");

        for (Map.Entry<String, String> q : QUERIES.entrySet()) {
            String trinoSql =
                    q.getValue().replace("datasets.", "lakelab.datasets.").replace("AS string", "AS varchar");
            Map<String, Object[]> trino = byKey(query("alice", trinoSql));
            Map<String, Object[]> spark =
                    byKey(query("alice", "SELECT k, n, v FROM lakelab.lab_lowcarbon." + q.getKey()));
            assertThat(spark.keySet()).as(q.getKey()).isEqualTo(trino.keySet()).isNotEmpty();
            for (String k : trino.keySet()) {
                assertThat(spark.get(k)[0]).as(q.getKey() + " " + k).isEqualTo(trino.get(k)[0]);
                assertThat((Double) spark.get(k)[1])
                        .as(q.getKey() + " " + k)
                        .isCloseTo((Double) trino.get(k)[1], Offset.offset(0.002));
            }
        }
        // masked values: hashes, and only months from July on, in both engines
        assertThat(byKey(query("alice", "SELECT k, n, v FROM lakelab.lab_lowcarbon.xe_codes"))
                        .keySet())
                .allMatch(k -> k.matches("[0-9A-F]{64}"));
        assertThat(byKey(query("alice", "SELECT k, n, v FROM lakelab.lab_lowcarbon.xe_months"))
                        .keySet())
                .allMatch(k -> k.compareTo("2025-07-01") >= 0);

        // the same refusal
        JsonNode denied = runJob(
                "alice",
                "cross-engine-denied",
                List.of("CREATE OR REPLACE TABLE xe_capital USING iceberg AS"
                        + " SELECT registered_capital FROM datasets.enterprise_registry"));
        assertThat(denied.get("state").asString()).as(denied.toString()).isEqualTo("FAILED");
        assertThatThrownBy(() -> query("alice", "SELECT registered_capital FROM lakelab.datasets.enterprise_registry"))
                .hasMessageContaining("Access Denied");
    }

    private static Map<String, Object[]> byKey(List<List<Object>> rows) {
        Map<String, Object[]> out = new TreeMap<>();
        for (List<Object> row : rows) {
            out.put(
                    String.valueOf(row.get(0)),
                    new Object[] {((Number) row.get(1)).longValue(), ((Number) row.get(2)).doubleValue()});
        }
        return out;
    }

    private JsonNode runJob(String user, String name, List<String> statements) {
        Response submitted =
                post(user, "/api/v1/jobs", Map.of("lab", "lowcarbon", "name", name, "statements", statements));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        String id = submitted.json().get("id").asString();
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    Response r = send(request(user, "/api/v1/jobs/" + id).GET().build());
                    last[0] = r.json();
                    return List.of("SUCCEEDED", "FAILED", "CANCELLED")
                            .contains(last[0].path("state").asString(""));
                });
        return last[0];
    }
}
