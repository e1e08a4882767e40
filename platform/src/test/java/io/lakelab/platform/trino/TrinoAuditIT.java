package io.lakelab.platform.trino;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.lakelab.catalog.demo.DemoScenario;
import io.lakelab.platform.audit.AuditService;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Every Trino query reaches the audit through Trino's own HTTP event listener, also when it does not
 * go through {@code POST /api/v1/query}: a query over plain Trino JDBC is recorded with user, query
 * id, SQL, tables and columns read (masks and row filters applied), row count and outcome; a query
 * Ranger refuses is recorded as denied; the chain stays intact; the monthly report's query numbers
 * read these records.
 */
class TrinoAuditIT extends TrinoTestSupport {

    private static final String REGISTRY = "lakelab.datasets." + DemoScenario.ENTERPRISE_REGISTRY;
    private static final String ENERGY = "lakelab.datasets." + DemoScenario.ENERGY_CONSUMPTION;

    @Autowired
    AuditService audit;

    @BeforeEach
    void fixture() {
        ensureFixture();
    }

    @Test
    void aJdbcQueryIsAuditedWithWhatItRead() throws SQLException {
        Instant from = Instant.now();
        String marker = "audit-" + UUID.randomUUID();
        String sql = "SELECT credit_code, district, '" + marker + "' AS marker FROM " + REGISTRY
                + " ORDER BY credit_code LIMIT 3";
        String queryId;
        try (Connection c = trinoAs("bob");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            int rows = 0;
            while (rs.next()) {
                rows++;
            }
            assertThat(rows).isEqualTo(3);
            queryId = rs.unwrap(io.trino.jdbc.TrinoResultSet.class).getQueryId();
        }
        JsonNode completed = awaitRecord("trino.query", queryId);
        assertThat(completed.get("actor").asString()).isEqualTo("bob");
        assertThat(completed.get("outcome").asString()).isEqualTo("SUCCEEDED");
        JsonNode d = completed.get("details");
        assertThat(d.get("sql").asString()).isEqualTo(sql);
        assertThat(d.get("rows").asLong()).isEqualTo(3);
        assertThat(strings(d.get("tables"))).containsExactly(REGISTRY);
        assertThat(strings(d.get("columns").get(REGISTRY))).containsExactly("credit_code", "district");
        assertThat(strings(d.get("masked").get(REGISTRY))).containsExactly("credit_code");
        assertThat(awaitRecord("trino.query.created", queryId).get("outcome").asString())
                .isEqualTo("STARTED");

        String filtered = "SELECT count(*) FROM " + ENERGY;
        String filteredId;
        try (Connection c = trinoAs("bob");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(filtered)) {
            rs.next();
            filteredId = rs.unwrap(io.trino.jdbc.TrinoResultSet.class).getQueryId();
        }
        assertThat(strings(awaitRecord("trino.query", filteredId).get("details").get("rowFiltered")))
                .containsExactly(ENERGY);

        String deniedSql = "SELECT registered_capital, '" + marker + "' FROM " + REGISTRY;
        assertThatThrownBy(() -> query("bob", deniedSql))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("Access Denied");
        JsonNode denied = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> find(
                                "trino.query",
                                r -> deniedSql.equals(
                                        r.get("details").get("sql").asString())),
                        r -> r != null);
        assertThat(denied.get("actor").asString()).isEqualTo("bob");
        assertThat(denied.get("outcome").asString()).isEqualTo("DENIED");
        assertThat(denied.get("details").get("failure").get("errorCode").asString())
                .isEqualTo("PERMISSION_DENIED");
        assertThat(denied.get("details").get("failure").get("message").asString())
                .contains("Access Denied");

        // The report counts these (not only POST /api/v1/query) and lists the denial.
        AuditService.QueryActivity activity =
                audit.queryActivity(List.of("bob"), from, Instant.now().plusSeconds(1));
        assertThat(activity.queries()).isGreaterThanOrEqualTo(3);
        assertThat(activity.denials())
                .extracting(e -> e.details().get("queryId"))
                .contains(denied.get("details").get("queryId").asString());

        JsonNode verify =
                send(request("admin", "/api/v1/audit/verify").GET().build()).json();
        assertThat(verify.get("intact").asBoolean()).as(verify.toString()).isTrue();
    }

    private JsonNode awaitRecord(String action, String queryId) {
        return await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> find(
                                action,
                                r -> queryId.equals(
                                        r.get("details").get("queryId").asString())),
                        r -> r != null);
    }

    private JsonNode find(String action, java.util.function.Predicate<JsonNode> match) {
        Response r = send(request("admin", "/api/v1/audit?actor=bob&action=" + action + "&limit=200")
                .GET()
                .build());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        for (JsonNode e : r.json()) {
            if (e.get("action").asString().equals(action) && match.test(e)) {
                return e;
            }
        }
        return null;
    }

    private static List<String> strings(JsonNode array) {
        assertThat(array).as("expected an array").isNotNull();
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }
}
