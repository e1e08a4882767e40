package io.lakelab.platform.trino;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.lakelab.catalog.demo.DemoScenario;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Trino 476 as a real process under the platform's grants: JWT authentication over HTTPS, table and
 * column denial, row filter, mask, lab workspace isolation, revocation within 5 s, a users x queries
 * matrix against what the grants allow (computed from the raw Iceberg rows with the masks' Spark
 * definitions), {@code POST /api/v1/query}, and a newly created analyst of a newly created lab.
 */
class TrinoIT extends TrinoTestSupport {

    private static final String ENERGY = "lakelab.datasets." + DemoScenario.ENERGY_CONSUMPTION;
    private static final String REGISTRY = "lakelab.datasets." + DemoScenario.ENTERPRISE_REGISTRY;
    private static final String FACTORS = "lakelab.datasets." + DemoScenario.EMISSION_FACTORS;
    private static final LocalDate FILTER_FROM = LocalDate.of(2025, 7, 1);

    @Autowired
    Catalog catalog;

    @BeforeEach
    void fixture() {
        ensureFixture();
    }

    @Test
    void refusesMissingAndForgedTokens() throws SQLException {
        assertThat(query("bob", "SELECT 1")).hasSize(1);
        String forged = token("bob").substring(0, token("bob").lastIndexOf('.') + 1) + "AAAA";
        assertThatThrownBy(() -> trino.connect("bob", forged).createStatement().executeQuery("SELECT 1"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("Authentication failed");
        // A token for someone else cannot be used to act as bob (no impersonation rules exist).
        assertThatThrownBy(() ->
                        trino.connect("bob", token("eve")).createStatement().executeQuery("SELECT 1"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("Access Denied");
        // The HTTPS endpoint itself: no Authorization header, no query.
        TrinoServer.Endpoint endpoint = trino.awaitReady(Duration.ofSeconds(1));
        var http = java.net.http.HttpClient.newBuilder()
                .sslContext(TrinoServer.sslContext(endpoint.truststore()))
                .build();
        Response anonymous = sendTo(
                http,
                HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + endpoint.httpsPort() + "/v1/statement"))
                        .header("X-Trino-User", "admin")
                        .POST(HttpRequest.BodyPublishers.ofString("SELECT 1"))
                        .build());
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/query"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"sql\":\"SELECT 1\"}"))
                                .build())
                        .status())
                .isEqualTo(401);
    }

    @Test
    void deniesUngrantedTablesAndColumns() throws SQLException {
        // With inaccessible columns hidden, SELECT * of a table one may not read names no column.
        assertThatThrownBy(() -> query("eve", "SELECT * FROM " + FACTORS))
                .hasMessageContaining("Relation not found or not allowed");
        assertThatThrownBy(() -> query("eve", "SELECT count(*) FROM " + FACTORS))
                .hasMessageContaining("Access Denied");
        // SELECT * of a column-restricted grant returns the granted columns only.
        assertThat(query("bob", "SELECT * FROM " + REGISTRY + " LIMIT 1").get(0))
                .hasSize(4);
        assertThatThrownBy(() -> query("bob", "SELECT registered_capital FROM " + REGISTRY))
                .hasMessageContaining("Access Denied");
        assertThat(query("bob", "SELECT count(DISTINCT district) FROM " + REGISTRY)
                        .get(0)
                        .get(0))
                .isEqualTo(expectedDistricts());
        assertThat(query("bob", "SELECT count(*) FROM " + FACTORS).get(0).get(0))
                .isEqualTo(2L);

        // Trino's Ranger access control checks reads per column; count(*) asks for none, so its own
        // refusal names no column (and only the table's own name). The query API says what it means.
        assertThatThrownBy(() -> query("eve", "SELECT count(*) FROM " + FACTORS))
                .hasMessageContaining("Access Denied: Cannot select from columns [] in table or view "
                        + DemoScenario.EMISSION_FACTORS);
        Response counted = post("eve", "/api/v1/query", Map.of("sql", "SELECT count(*) FROM " + FACTORS));
        assertThat(counted.status()).as(counted.body()).isEqualTo(403);
        assertThat(counted.json().get("detail").asString())
                .startsWith("Access Denied: Cannot select from table " + DemoScenario.EMISSION_FACTORS
                        + ": none of your labs has a grant")
                .contains("POST /api/v1/access-requests")
                .doesNotContain("columns []");
        Response column = post("bob", "/api/v1/query", Map.of("sql", "SELECT registered_capital FROM " + REGISTRY));
        assertThat(column.status()).as(column.body()).isEqualTo(403);
        assertThat(column.json().get("detail").asString())
                .startsWith("Access Denied: Cannot select columns [registered_capital] from table "
                        + DemoScenario.ENTERPRISE_REGISTRY + ":");
    }

    /**
     * The platform's in-process preview of a row filter counts what Trino counts for the same
     * condition: as the lab's row filter (bob) and as a WHERE clause of a user who reads every row (eve).
     */
    @Test
    void rowFilterPreviewCountsWhatTrinoReturns() throws SQLException {
        Response lab = post(
                "admin",
                "/api/v1/grants/preview",
                Map.of("dataset", DemoScenario.ENERGY_CONSUMPTION, "rowFilter", FILTER));
        assertThat(lab.status()).as(lab.body()).isEqualTo(200);
        assertThat(lab.json().get("keptRows").asLong())
                .isEqualTo(query("bob", "SELECT count(*) FROM " + ENERGY).get(0).get(0));
        assertThat(lab.json().get("totalRows").asLong())
                .isEqualTo(query("eve", "SELECT count(*) FROM " + ENERGY).get(0).get(0));
        assertThat(lab.json().get("snapshotId").asLong())
                .isEqualTo(catalog.loadTable(TableIdentifier.of("datasets", DemoScenario.ENERGY_CONSUMPTION))
                        .currentSnapshot()
                        .snapshotId());

        Map<String, List<String>> filters = Map.of(
                DemoScenario.ENERGY_CONSUMPTION,
                List.of(
                        "gas_m3 > 100 OR electricity_kwh < 5000",
                        "NOT (gas_m3 BETWEEN 10 AND 500) AND month(month) IN (1, 2, 12)",
                        "credit_code LIKE '9131%' AND coalesce(gas_m3, 0) = 0",
                        "gas_m3 NOT IN (0, 1) OR gas_m3 IS NULL AND electricity_kwh / 2.0 > 1000"),
                DemoScenario.ENTERPRISE_REGISTRY,
                List.of(
                        "registered_capital IS NULL OR round(registered_capital) % 7 = 3",
                        "registered_capital >= 500.5 AND length(industry_code) = 1",
                        "substr(credit_code, 3, 2) <> '00' AND lower(industry_code) || 'x' > 'cx'"));
        filters.forEach((dataset, conditions) -> {
            for (String condition : conditions) {
                Response preview =
                        post("admin", "/api/v1/grants/preview", Map.of("dataset", dataset, "rowFilter", condition));
                assertThat(preview.status()).as(preview.body()).isEqualTo(200);
                long trino;
                try {
                    trino = (Long)
                            query("eve", "SELECT count(*) FROM lakelab.datasets." + dataset + " WHERE " + condition)
                                    .get(0)
                                    .get(0);
                } catch (SQLException e) {
                    throw new AssertionError(condition, e);
                }
                assertThat(preview.json().get("keptRows").asLong())
                        .as(dataset + ": " + condition)
                        .isEqualTo(trino);
                assertThat(trino).as(condition).isPositive();
            }
        });
    }

    @Test
    void filtersRowsAndMasksColumns() throws SQLException {
        List<Record> energy = raw(DemoScenario.ENERGY_CONSUMPTION);
        long all = energy.size();
        long fromJuly = energy.stream()
                .filter(r -> !((LocalDate) r.getField("month")).isBefore(FILTER_FROM))
                .count();
        assertThat(query("eve", "SELECT count(*) FROM " + ENERGY).get(0).get(0)).isEqualTo(all);
        assertThat(query("bob", "SELECT count(*) FROM " + ENERGY).get(0).get(0)).isEqualTo(fromJuly);
        assertThat(fromJuly).isLessThan(all).isPositive();
        assertThat(query("bob", "SELECT min(month) FROM " + ENERGY)
                        .get(0)
                        .get(0)
                        .toString())
                .isGreaterThanOrEqualTo("2025-07-01");

        TreeSet<String> hashed = new TreeSet<>();
        energy.stream()
                .filter(r -> !((LocalDate) r.getField("month")).isBefore(FILTER_FROM))
                .forEach(r -> hashed.add(sha256((String) r.getField("credit_code"))));
        TreeSet<String> seen = new TreeSet<>();
        query("bob", "SELECT DISTINCT credit_code FROM " + ENERGY).forEach(row -> seen.add((String) row.get(0)));
        assertThat(seen).isEqualTo(hashed);
        TreeSet<String> clear = new TreeSet<>();
        query("eve", "SELECT DISTINCT credit_code FROM " + ENERGY).forEach(row -> clear.add((String) row.get(0)));
        assertThat(clear).doesNotContainAnyElementsOf(hashed).hasSize(clear.size());
    }

    /**
     * The cross-engine matrix. The governed Spark session has not landed yet, so each cell is
     * checked against what the grants define, computed from the raw rows with the Spark definitions
     * of the masks ({@code MaskType#sparkExpression}): when Spark enforcement lands, the same
     * expected values must come out of Spark too.
     */
    @Test
    void matrixMatchesWhatTheGrantsDefine() throws SQLException {
        List<Record> energy = raw(DemoScenario.ENERGY_CONSUMPTION);
        List<Record> registry = raw(DemoScenario.ENTERPRISE_REGISTRY);
        Map<String, String> districtOf = new TreeMap<>();
        registry.forEach(r -> districtOf.put((String) r.getField("credit_code"), (String) r.getField("district")));
        String joinSql = "SELECT r.district, count(*), round(sum(e.electricity_kwh), 3) FROM " + ENERGY + " e JOIN "
                + REGISTRY + " r ON e.credit_code = r.credit_code GROUP BY r.district ORDER BY r.district";
        for (String user : List.of("bob", "eve")) {
            boolean restricted = user.equals("bob");
            Map<String, double[]> expected = new TreeMap<>();
            for (Record e : energy) {
                if (restricted && ((LocalDate) e.getField("month")).isBefore(FILTER_FROM)) {
                    continue;
                }
                String district = districtOf.get((String) e.getField("credit_code"));
                if (district == null) {
                    continue;
                }
                double[] acc = expected.computeIfAbsent(district, k -> new double[2]);
                acc[0]++;
                acc[1] += (Double) e.getField("electricity_kwh");
            }
            List<List<Object>> rows = query(user, joinSql);
            assertThat(rows).as(user).hasSize(expected.size());
            for (List<Object> row : rows) {
                double[] acc = expected.get((String) row.get(0));
                assertThat(acc).as(user + " " + row).isNotNull();
                assertThat(row.get(1)).as(user + " count " + row.get(0)).isEqualTo((long) acc[0]);
                assertThat((Double) row.get(2))
                        .as(user + " kWh " + row.get(0))
                        .isCloseTo(acc[1], org.assertj.core.data.Offset.offset(0.01));
            }
            // The masked key joins with the masked key: the same hash on both sides.
            String someCode =
                    (String) query(user, "SELECT credit_code FROM " + REGISTRY + " ORDER BY credit_code LIMIT 1")
                            .get(0)
                            .get(0);
            TreeSet<String> rawCodes = new TreeSet<>(districtOf.keySet());
            String expectedFirst = restricted
                    ? rawCodes.stream()
                            .map(TrinoIT::sha256)
                            .sorted()
                            .findFirst()
                            .orElseThrow()
                    : rawCodes.first();
            assertThat(someCode).as(user).isEqualTo(expectedFirst);
        }
    }

    @Test
    void isolatesLabWorkspaces() throws SQLException {
        execute(
                "alice",
                "CREATE TABLE IF NOT EXISTS lakelab.lab_lowcarbon.districts_trino AS SELECT district, count(*) AS n FROM "
                        + REGISTRY + " GROUP BY district");
        assertThat(query("bob", "SELECT count(*) FROM lakelab.lab_lowcarbon.districts_trino")
                        .get(0)
                        .get(0))
                .isEqualTo(expectedDistricts());
        assertThatThrownBy(() -> query("eve", "SELECT * FROM lakelab.lab_lowcarbon.districts_trino"))
                .hasMessageContaining("Relation not found or not allowed");
        assertThatThrownBy(() -> query("eve", "SELECT district FROM lakelab.lab_lowcarbon.districts_trino"))
                .hasMessageContaining("Access Denied");
        assertThatThrownBy(() -> execute("eve", "CREATE TABLE lakelab.lab_lowcarbon.eve_was_here AS SELECT 1 AS x"))
                .hasMessageContaining("Access Denied");
    }

    @Test
    void grantsAndRevocationsTakeEffectWithinFiveSeconds() {
        long id = grant("shipping", DemoScenario.EMISSION_FACTORS, List.of(), null, Map.of());
        long granted = System.nanoTime();
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .until(() -> query("eve", "SELECT count(*) FROM " + FACTORS)
                        .get(0)
                        .get(0)
                        .equals(2L));
        long grantMs = (System.nanoTime() - granted) / 1_000_000;
        Response revoked = delete("admin", "/api/v1/grants/" + id);
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        long start = System.nanoTime();
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    try {
                        query("eve", "SELECT count(*) FROM " + FACTORS);
                        return false;
                    } catch (SQLException e) {
                        return e.getMessage().contains("Access Denied");
                    }
                });
        System.out.printf(
                "grant visible in Trino after %d ms, revocation after %d ms%n",
                grantMs, (System.nanoTime() - start) / 1_000_000);
    }

    @Test
    void queryApiRunsAsTheCallerWithLimitAndAudit() {
        Response ok =
                post("bob", "/api/v1/query", Map.of("sql", "SELECT credit_code, month FROM " + ENERGY, "maxRows", 5));
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        JsonNode body = ok.json();
        assertThat(body.get("rows").size()).isEqualTo(5);
        assertThat(body.get("truncated").asBoolean()).isTrue();
        assertThat(body.get("rows").get(0).get(0).asString()).matches("[0-9A-F]{64}");
        assertThat(body.get("columns").get(1).get("type").asString()).isEqualTo("date");

        Response denied = post("eve", "/api/v1/query", Map.of("sql", "SELECT count(*) FROM " + FACTORS));
        assertThat(denied.status()).as(denied.body()).isEqualTo(403);
        assertThat(denied.json().get("detail").asString()).contains("Access Denied");

        Response slow = post(
                "bob",
                "/api/v1/query",
                Map.of(
                        "sql",
                        "SELECT count(*) FROM UNNEST(sequence(1, 10000)) a CROSS JOIN UNNEST(sequence(1, 10000)) b"
                                + " CROSS JOIN UNNEST(sequence(1, 10000)) c",
                        "timeoutSeconds",
                        1));
        assertThat(slow.status()).as(slow.body()).isEqualTo(400);
        assertThat(slow.json().get("detail").asString()).contains("ran longer than 1 s");

        Response bad = post("bob", "/api/v1/query", Map.of("sql", "SELECT 1", "maxRows", 0));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("detail").asString()).contains("'maxRows' must be between 1 and 10000");

        Response audit = send(request("admin", "/api/v1/audit?action=query.run&limit=50")
                .GET()
                .build());
        assertThat(audit.status()).as(audit.body()).isEqualTo(200);
        List<String> outcomes = new ArrayList<>();
        audit.json()
                .forEach(e -> outcomes.add(
                        e.get("actor").asString() + ":" + e.get("outcome").asString()));
        assertThat(outcomes).contains("bob:SUCCEEDED", "eve:DENIED");
    }

    /**
     * Statistics never come from rows a user may not read: SHOW STATS and EXPLAIN give statistics
     * of nothing, to every user (the fixture holds a consumption minimum that only a row hidden from
     * bob has), and nobody can turn them back on.
     */
    @Test
    void statisticsRevealNothingOfHiddenRows() throws SQLException {
        List<Record> energy = raw(DemoScenario.ENERGY_CONSUMPTION);
        double hiddenMin = energy.stream()
                .filter(r -> ((LocalDate) r.getField("month")).isBefore(FILTER_FROM))
                .mapToDouble(r -> (Double) r.getField("electricity_kwh"))
                .min()
                .orElseThrow();
        double visibleMin = energy.stream()
                .filter(r -> !((LocalDate) r.getField("month")).isBefore(FILTER_FROM))
                .mapToDouble(r -> (Double) r.getField("electricity_kwh"))
                .min()
                .orElseThrow();
        assertThat(hiddenMin).isLessThan(visibleMin);
        for (String user : List.of("bob", "eve")) {
            for (String sql : List.of(
                    "SHOW STATS FOR " + ENERGY,
                    "SHOW STATS FOR (SELECT * FROM " + ENERGY + " WHERE electricity_kwh > 0)")) {
                List<List<Object>> stats = query(user, sql);
                assertThat(stats).as(sql).hasSizeGreaterThan(1);
                stats.forEach(row -> assertThat(row.subList(1, row.size()))
                        .as(user + ": " + sql + " " + row)
                        .containsOnlyNulls());
            }
            String plan = (String)
                    query(user, "EXPLAIN SELECT * FROM " + ENERGY).get(0).get(0);
            assertThat(plan)
                    .as(user)
                    .contains("rows: ?")
                    .doesNotContain("rows: " + energy.size())
                    .doesNotContain(String.valueOf(hiddenMin));
            String io = (String) query(user, "EXPLAIN (TYPE IO, FORMAT JSON) SELECT * FROM " + ENERGY)
                    .get(0)
                    .get(0);
            assertThat(io).as(user).doesNotContain(String.valueOf(hiddenMin), "\"outputRowCount\" : " + energy.size());
        }
        // In its own workspace a lab sees every row, yet statistics are off there too (the CBO's cost).
        execute("alice", "CREATE TABLE IF NOT EXISTS lakelab.lab_lowcarbon.stats_probe AS SELECT 1 AS x");
        query("alice", "SHOW STATS FOR lakelab.lab_lowcarbon.stats_probe")
                .forEach(row -> assertThat(row.subList(1, row.size())).containsOnlyNulls());
        assertThatThrownBy(() -> execute("bob", "SET SESSION lakelab.statistics_enabled = true"))
                .hasMessageContaining("Access Denied: Cannot set catalog session property lakelab.statistics_enabled");
    }

    /**
     * Iceberg's metadata tables carry per-file low/high values, row counts and snapshot summaries of
     * every row: they are separate tables for Ranger, and only those with the whole table (a lab in
     * its own workspace) read them; a grantee, restricted (bob) or not (eve), does not.
     */
    @Test
    void metadataTablesNeedTheWholeTable() throws SQLException {
        Map<String, String> columnOf = Map.of(
                "partitions", "record_count",
                "files", "lower_bounds",
                "entries", "readable_metrics",
                "snapshots", "summary",
                "manifests", "partition_summaries",
                "history", "snapshot_id",
                "refs", "name",
                "properties", "key");
        for (String user : List.of("bob", "eve")) {
            columnOf.forEach((table, column) -> assertThatThrownBy(() -> query(
                            user,
                            "SELECT " + column + " FROM lakelab.datasets.\"" + DemoScenario.ENERGY_CONSUMPTION + "$"
                                    + table + "\""))
                    .as(user + " $" + table)
                    .hasMessageContaining("Access Denied"));
        }
        execute("alice", "CREATE TABLE IF NOT EXISTS lakelab.lab_lowcarbon.stats_probe AS SELECT 1 AS x");
        assertThat(query("bob", "SELECT record_count FROM lakelab.lab_lowcarbon.\"stats_probe$files\""))
                .containsExactly(List.of(1L));
        assertThat(query("bob", "SELECT record_count FROM lakelab.lab_lowcarbon.\"stats_probe$partitions\""))
                .containsExactly(List.of(1L));
    }

    /**
     * Another lab's table shows nothing of itself: no listing, no columns in any answer (Trino hides
     * inaccessible columns, so even a refused SELECT * or SHOW STATS names none).
     */
    @Test
    void anotherLabsTableRevealsNoColumns() throws SQLException {
        String table = "lakelab.lab_shipping.berths_private";
        execute("eve", "CREATE TABLE IF NOT EXISTS " + table + " AS SELECT 1 AS berth_secret, 'x' AS route_secret");
        for (String sql : List.of(
                "SELECT * FROM " + table,
                "SHOW STATS FOR " + table,
                "DESCRIBE " + table,
                "SHOW COLUMNS FROM " + table,
                "SHOW CREATE TABLE " + table,
                "SHOW TABLES FROM lakelab.lab_shipping",
                "SELECT * FROM lakelab.lab_shipping.\"berths_private$files\"",
                "SELECT table_name, column_name FROM lakelab.information_schema.columns"
                        + " WHERE table_schema = 'lab_shipping'",
                "SELECT table_name FROM lakelab.information_schema.tables WHERE table_schema = 'lab_shipping'")) {
            String answer;
            try {
                answer = query("alice", sql).toString();
                assertThat(answer).as(sql).isEqualTo("[]");
            } catch (SQLException e) {
                answer = e.getMessage();
            }
            assertThat(answer).as(sql).doesNotContain("berth_secret", "route_secret");
        }
        assertThat(query("alice", "SHOW SCHEMAS FROM lakelab").toString()).doesNotContain("lab_shipping");
    }

    /**
     * A lab created just now, a dataset granted to it, an analyst created by an administrator as its
     * member: the analyst queries Trino with their own token (JDBC and {@code POST /api/v1/query}),
     * sees nothing ungranted, and loses access within a poll once removed from the lab.
     */
    @Test
    void aNewAnalystOfANewLabQueriesTrino() throws SQLException {
        String lab =
                "t" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        Response labCreated = createLab(lab);
        assertThat(labCreated.status()).as(labCreated.body()).isEqualTo(201);
        grant(lab, DemoScenario.EMISSION_FACTORS, List.of(), null, Map.of());
        String analyst = "ana" + lab;
        Response created = post(
                "admin",
                "/api/v1/users",
                Map.of("username", analyst, "roles", List.of("analyst"), "labs", List.of(lab)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String token =
                tokenWithSecret(analyst, created.json().get("clientSecret").asString());

        // A cold Trino can take seconds for its first query on a busy machine: warm it up first.
        assertThat(query("bob", "SELECT count(*) FROM " + FACTORS).get(0).get(0))
                .isEqualTo(2L);
        long start = System.nanoTime();
        await("the new analyst to read " + FACTORS + " in Trino")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> attempt(analyst, token, FACTORS), equalTo("2"));
        long visibleMs = (System.nanoTime() - start) / 1_000_000;
        Response viaApi = send(request(null, "/api/v1/query")
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"sql\":\"SELECT count(*) FROM " + FACTORS + "\"}"))
                .build());
        assertThat(viaApi.status()).as(viaApi.body()).isEqualTo(200);
        assertThat(viaApi.json().get("rows").get(0).get(0).asLong()).isEqualTo(2L);
        assertThatThrownBy(() -> countAs(analyst, token, REGISTRY)).hasMessageContaining("Access Denied");

        Response removed = delete("admin", "/api/v1/labs/" + lab + "/members/" + analyst);
        assertThat(removed.status()).as(removed.body()).isEqualTo(204);
        await("the removal to reach Trino's user store")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    try {
                        countAs(analyst, token, FACTORS);
                        return false;
                    } catch (SQLException e) {
                        return e.getMessage().contains("Access Denied");
                    }
                });
        System.out.printf("new analyst's membership visible in Trino after %d ms%n", visibleMs);
    }

    /** The count as text, or the refusal's message: what a timed-out await reports. */
    private String attempt(String user, String token, String table) {
        try {
            return String.valueOf(countAs(user, token, table));
        } catch (SQLException e) {
            return e.getMessage();
        }
    }

    private long countAs(String user, String token, String table) throws SQLException {
        try (var c = trino.connect(user, token);
                var s = c.createStatement();
                var rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private String tokenWithSecret(String user, String secret) {
        String basic =
                java.util.Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
        Response r = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/oauth2/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("access_token").asString();
    }

    private long expectedDistricts() {
        return raw(DemoScenario.ENTERPRISE_REGISTRY).stream()
                .map(r -> r.getField("district"))
                .distinct()
                .count();
    }

    private List<Record> raw(String table) {
        Table t = catalog.loadTable(TableIdentifier.of("datasets", table));
        List<Record> out = new ArrayList<>();
        try (CloseableIterable<Record> rows = IcebergGenerics.read(t).build()) {
            rows.forEach(out::add);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }

    /** MASK_HASH as both engines define it: upper-case hex SHA-256 of the UTF-8 value. */
    static String sha256(String value) {
        try {
            return HexFormat.of()
                    .withUpperCase()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Response sendTo(java.net.http.HttpClient http, HttpRequest request) {
        try {
            var r = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body(), json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
