package io.lakelab.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakelab.platform.access.PolicyTokens;
import io.lakelab.platform.infra.MetadataDatabase;
import io.lakelab.platform.support.PlatformTestSupport;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The audit chain on the real embedded PostgreSQL: parallel writers keep one unbroken chain, the
 * platform's own connection cannot UPDATE, DELETE or TRUNCATE records, and tampering by a superuser
 * with triggers switched off (an edit, a deletion, a rewrite with rehashing, a forged checkpoint) is
 * named by {@code GET /api/v1/audit/verify}. Every tamper is undone before the test ends, so the
 * shared database stays verifiable.
 */
class AuditChainIT extends PlatformTestSupport {

    @Autowired
    AuditService audit;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MetadataDatabase database;

    @Autowired
    AuditTokens auditTokens;

    @Autowired
    PolicyTokens policyTokens;

    @Autowired
    AuditCheckpoints checkpoints;

    @Autowired
    io.lakelab.platform.programme.ProgrammeProperties programme;

    @Test
    void parallelWritersKeepOneChain() throws Exception {
        long before = head().records();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int writer = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        audit.record(
                                "writer" + writer,
                                "test.parallel",
                                "test:chain",
                                AuditService.Outcome.SUCCEEDED,
                                Map.of("i", i, "ratio", i / 3.0, "text", "行 " + i + " \"quoted\"\n"));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(head().records()).isEqualTo(before + 200);
        // No fork: every record links to a different predecessor.
        assertThat(jdbc.sql("SELECT count(*) = count(DISTINCT prev_hash) FROM audit_events")
                        .query(Boolean.class)
                        .single())
                .isTrue();
        JsonNode verify = get("admin", "/api/v1/audit/verify").json();
        assertThat(verify.get("intact").asBoolean()).as(verify.toString()).isTrue();
        assertThat(verify.get("records").asLong()).isGreaterThanOrEqualTo(before + 200);
    }

    @Test
    void thePlatformsConnectionCanOnlyInsert() {
        long id = anyRecordId();
        assertThatThrownBy(() -> jdbc.sql("UPDATE audit_events SET actor = 'mallory' WHERE id = ?")
                        .param(id)
                        .update())
                .hasMessageContaining("audit_events is insert-only: UPDATE refused");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM audit_events WHERE id = ?")
                        .param(id)
                        .update())
                .hasMessageContaining("audit_events is insert-only: DELETE refused");
        assertThatThrownBy(() -> jdbc.sql("TRUNCATE audit_events").update())
                .hasMessageContaining("audit_events is insert-only: TRUNCATE refused");
        assertThatThrownBy(() -> jdbc.sql("INSERT INTO audit_events (actor, action, resource, outcome)"
                                + " VALUES ('mallory', 'x', 'y', 'ALLOWED')")
                        .update())
                .hasMessageContaining("must carry prev_hash and hash");
    }

    @Test
    void verifyNamesARecordEditedInPostgres() throws SQLException {
        long id = recordFor("test.edit");
        try (Connection su = superuser()) {
            String original = details(su, id);
            exec(su, "UPDATE audit_events SET details = jsonb_set(details, '{rows}', '999') WHERE id = " + id);
            try {
                JsonNode verify = get("admin", "/api/v1/audit/verify").json();
                assertThat(verify.get("intact").asBoolean()).isFalse();
                assertThat(verify.get("firstBroken").get("id").asLong()).isEqualTo(id);
                assertThat(verify.get("firstBroken").get("reason").asString())
                        .isEqualTo("record " + id + " was changed after it was written: its content no longer"
                                + " matches its hash");
            } finally {
                try (PreparedStatement p =
                        su.prepareStatement("UPDATE audit_events SET details = ?::jsonb WHERE id = ?")) {
                    p.setString(1, original);
                    p.setLong(2, id);
                    p.executeUpdate();
                }
            }
        }
        assertThat(get("admin", "/api/v1/audit/verify").json().get("intact").asBoolean())
                .isTrue();
    }

    @Test
    void verifyNamesTheRecordAfterADeletedOne() throws SQLException {
        long deleted = recordFor("test.delete");
        long next = recordFor("test.delete.next");
        try (Connection su = superuser()) {
            exec(su, "CREATE TEMP TABLE saved AS SELECT * FROM audit_events WHERE id = " + deleted);
            exec(su, "DELETE FROM audit_events WHERE id = " + deleted);
            try {
                JsonNode verify = get("admin", "/api/v1/audit/verify").json();
                assertThat(verify.get("firstBroken").get("id").asLong()).isEqualTo(next);
                assertThat(verify.get("firstBroken").get("reason").asString())
                        .contains("does not link to the record before it");
            } finally {
                exec(su, "INSERT INTO audit_events SELECT * FROM saved");
            }
        }
        assertThat(get("admin", "/api/v1/audit/verify").json().get("intact").asBoolean())
                .isTrue();
    }

    @Test
    void onlyRecordsFromBeforeTheChainAreSealedARecordWrittenAroundThePlatformStaysReported() throws SQLException {
        long around = unsealedRecord();
        try {
            recordFor("test.after-unsealed");
            JsonNode verify = get("admin", "/api/v1/audit/verify").json();
            assertThat(verify.get("firstBroken").get("id").asLong()).isEqualTo(around);
            assertThat(verify.get("firstBroken").get("reason").asString()).contains("has no hash");
            assertThat(hashOf(around)).isNull();
        } finally {
            try (Connection su = superuser()) {
                exec(su, "DELETE FROM audit_events WHERE id = " + around);
            }
        }
        assertThat(get("admin", "/api/v1/audit/verify").json().get("intact").asBoolean())
                .isTrue();

        // A record from before V9 (id up to legacy_last_id) is sealed before the next append.
        long legacy = unsealedRecord();
        long saved = jdbc.sql("SELECT legacy_last_id FROM audit_chain_head")
                .query(Long.class)
                .single();
        jdbc.sql("UPDATE audit_chain_head SET legacy_last_id = ?").param(legacy).update();
        long next;
        try {
            next = recordFor("test.after-legacy");
        } finally {
            jdbc.sql("UPDATE audit_chain_head SET legacy_last_id = ?")
                    .param(saved)
                    .update();
        }
        assertThat(jdbc.sql("SELECT prev_hash FROM audit_events WHERE id = ?")
                        .param(next)
                        .query(String.class)
                        .single())
                .isEqualTo(hashOf(legacy))
                .isNotNull();
        assertThat(get("admin", "/api/v1/audit/verify").json().get("intact").asBoolean())
                .isTrue();
    }

    /** A record as a pre-V9 platform (or someone around the platform) wrote it: no prev_hash, no hash. */
    private long unsealedRecord() throws SQLException {
        try (Connection su = superuser();
                Statement s = su.createStatement();
                ResultSet rs = s.executeQuery(
                        "INSERT INTO audit_events (actor, action, resource, outcome, details)"
                                + " VALUES ('admin', 'lab.create', 'lab:legacy', 'SUCCEEDED', '{\"note\": 1.50}') RETURNING id")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private String hashOf(long id) {
        return jdbc.sql("SELECT hash FROM audit_events WHERE id = ?")
                .param(id)
                .query((rs, i) -> rs.getString(1))
                .list()
                .get(0);
    }

    @Test
    void aRewrittenAndRehashedChainNoLongerMatchesTheSignedCheckpoint() throws SQLException {
        long id = recordFor("test.rewrite");
        assertThat(post("admin", "/api/v1/audit/checkpoints", "").status()).isEqualTo(200);
        try (Connection su = superuser()) {
            exec(su, "CREATE TEMP TABLE saved_chain AS SELECT * FROM audit_events WHERE id >= " + id);
            exec(su, "CREATE TEMP TABLE saved_head AS SELECT * FROM audit_chain_head");
            // Someone with the database's keys rewrites a record and recomputes every hash after it.
            exec(su, "UPDATE audit_events SET actor = 'someone-else' WHERE id = " + id);
            rehashFrom(su, id);
            try {
                JsonNode verify = get("admin", "/api/v1/audit/verify").json();
                assertThat(verify.get("firstBroken").isNull())
                        .as(verify.toString())
                        .isTrue();
                assertThat(verify.get("intact").asBoolean()).isFalse();
                JsonNode today = lastCheckpoint(verify);
                assertThat(today.get("valid").asBoolean()).isFalse();
                assertThat(today.get("problem").asString()).contains("the chain was rewritten since");
            } finally {
                exec(su, "DELETE FROM audit_events WHERE id >= " + id);
                exec(su, "INSERT INTO audit_events SELECT * FROM saved_chain");
                exec(
                        su,
                        "UPDATE audit_chain_head h SET last_id = s.last_id, hash = s.hash, records = s.records"
                                + " FROM saved_head s");
            }
        }
        assertThat(get("admin", "/api/v1/audit/verify").json().get("intact").asBoolean())
                .isTrue();
    }

    @Test
    void aForgedCheckpointFileFailsItsSignature() throws Exception {
        JsonNode written = post("admin", "/api/v1/audit/checkpoints", "").json();
        Path file = checkpoints
                .directory()
                .resolve("checkpoints")
                .resolve(written.get("day").asString() + ".json");
        String original = Files.readString(file);
        String forged = original.replace("\"records\":" + written.get("records").asLong() + ",", "\"records\":1,");
        assertThat(forged).isNotEqualTo(original);
        Files.writeString(file, forged);
        try {
            JsonNode check = lastCheckpoint(get("admin", "/api/v1/audit/verify").json());
            assertThat(check.get("valid").asBoolean()).isFalse();
            assertThat(check.get("problem").asString()).contains("the signature does not verify");
        } finally {
            Files.writeString(file, original);
        }
        assertThat(Files.getPosixFilePermissions(checkpoints.directory().resolve("signing-key.pem")))
                .map(Object::toString)
                .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
        JsonNode listed = get("admin", "/api/v1/audit/checkpoints").json();
        assertThat(listed.get("algorithm").asString()).isEqualTo("Ed25519");
        assertThat(listed.get("checkpoints").size()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void monthlyExportCarriesHashesAReaderCanRecompute() {
        long id = recordFor("test.export");
        String month = YearMonth.now(programme.zone()).toString();
        Response jsonl = get("rita", "/api/v1/audit/export?month=" + month + "&format=jsonl");
        assertThat(jsonl.status()).as(jsonl.body()).isEqualTo(200);
        String line = jsonl.body()
                .lines()
                .filter(l -> l.startsWith("{\"id\":" + id + ","))
                .findFirst()
                .orElseThrow();
        JsonNode record = json.readTree(line);
        String canonical = line.substring(0, line.indexOf(",\"prevHash\":")) + "}";
        assertThat(AuditChain.hash(record.get("prevHash").asString(), canonical))
                .isEqualTo(record.get("hash").asString());
        Response csv = get("admin", "/api/v1/audit/export?month=" + month + "&format=csv");
        assertThat(csv.body().lines().findFirst().orElseThrow()).isEqualTo(AuditExport.CSV_HEADER);
        assertThat(csv.body())
                .contains("\n" + id + ",")
                .contains(record.get("hash").asString());
        assertThat(get("alice", "/api/v1/audit/export?month=" + month).status()).isEqualTo(403);
        Response bad = get("admin", "/api/v1/audit/export?month=November");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("detail").asString()).contains("month must be YYYY-MM");
    }

    @Test
    void onlyAdministratorsVerifyAndOnlyEventTokensPostTrinoEvents() {
        for (String user : List.of("alice", "bob", "rita", "eve")) {
            assertThat(get(user, "/api/v1/audit/verify").status()).as(user).isEqualTo(403);
        }
        String event = "{\"createTime\":\"2026-12-04T10:00:00Z\",\"context\":{\"user\":\"bob\"},"
                + "\"metadata\":{\"queryId\":\"20261204_test_" + System.nanoTime() + "\",\"query\":\"SELECT 1\","
                + "\"queryState\":\"QUEUED\"}}";
        assertThat(postEvent(null, event).status()).isEqualTo(401);
        assertThat(postEvent(policyTokens.issue("audit-it"), event).status()).isEqualTo(401);
        assertThat(postEvent(token("admin"), event).status()).isEqualTo(401);
        String eventToken = auditTokens.issue("audit-it");
        Response first = postEvent(eventToken, event);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().get("recorded").asBoolean()).isTrue();
        assertThat(postEvent(eventToken, event).json().get("recorded").asBoolean())
                .isFalse();
        // Least privilege the other way round: an event token downloads no policies.
        Response policies = send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/service/plugins/policies/download/lakelab_trino"))
                .header("Authorization", "Bearer " + eventToken)
                .GET()
                .build());
        assertThat(policies.status()).isEqualTo(401);
        Response notAnEvent = postEvent(eventToken, "{\"hello\":1}");
        assertThat(notAnEvent.status()).isEqualTo(400);
        assertThat(notAnEvent.json().get("detail").asString()).contains("Not a Trino query event");
    }

    private Response postEvent(String bearer, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + AuditTokens.TRINO_EVENTS_PATH))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return send(b.build());
    }

    private static JsonNode lastCheckpoint(JsonNode verify) {
        JsonNode checks = verify.get("checkpoints");
        return checks.get(checks.size() - 1);
    }

    private long recordFor(String action) {
        audit.record("tester", action, "test:chain", AuditService.Outcome.SUCCEEDED, Map.of("rows", 3, "ok", true));
        return jdbc.sql("SELECT max(id) FROM audit_events WHERE action = ?")
                .param(action)
                .query(Long.class)
                .single();
    }

    private long anyRecordId() {
        return recordFor("test.any");
    }

    private AuditRepository.Head head() {
        return jdbc.sql("SELECT last_id, hash, records FROM audit_chain_head")
                .query((rs, i) -> new AuditRepository.Head(rs.getLong(1), rs.getString(2), rs.getLong(3)))
                .single();
    }

    /** A superuser session with triggers off, as someone with the database's own keys would open. */
    private Connection superuser() throws SQLException {
        Connection c = DriverManager.getConnection(database.platformUrl(), "postgres", "");
        exec(c, "SET session_replication_role = replica");
        return c;
    }

    private static String details(Connection c, long id) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT details::text FROM audit_events WHERE id = " + id)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Recomputes prev_hash and hash of every record from {@code id} on, and the head, like a forger would. */
    private static void rehashFrom(Connection c, long id) throws SQLException {
        String prev;
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT hash FROM audit_events WHERE id < " + id + " ORDER BY id DESC LIMIT 1")) {
            prev = rs.next() ? rs.getString(1) : AuditChain.GENESIS;
        }
        List<Object[]> updates = new ArrayList<>();
        long lastId = id;
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id, at, actor, action, resource, outcome, details::text"
                        + " FROM audit_events WHERE id >= " + id + " ORDER BY id")) {
            while (rs.next()) {
                String canonical = AuditChain.canonical(
                        rs.getLong(1),
                        rs.getObject(2, java.time.OffsetDateTime.class).toInstant(),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        AuditChain.parse(rs.getString(7)));
                String hash = AuditChain.hash(prev, canonical);
                updates.add(new Object[] {rs.getLong(1), prev, hash});
                prev = hash;
                lastId = rs.getLong(1);
            }
        }
        try (PreparedStatement p = c.prepareStatement("UPDATE audit_events SET prev_hash = ?, hash = ? WHERE id = ?")) {
            for (Object[] u : updates) {
                p.setString(1, (String) u[1]);
                p.setString(2, (String) u[2]);
                p.setLong(3, (Long) u[0]);
                p.executeUpdate();
            }
        }
        try (PreparedStatement p = c.prepareStatement("UPDATE audit_chain_head SET last_id = ?, hash = ?")) {
            p.setLong(1, lastId);
            p.setString(2, prev);
            p.executeUpdate();
        }
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
