package io.lakelab.platform.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

/**
 * Persists audit records in {@code audit_events}, each chained to the one before (see {@link
 * AuditChain}). {@link #append} must run inside a transaction: it locks the chain head row, so
 * concurrent appends queue up and link in commit order; records are only ever inserted.
 */
@Repository
class AuditRepository {

    private static final String COLUMNS =
            "id, at, actor, action, resource, outcome, details::text AS details, prev_hash, hash";

    /** One stored row, details as the canonical tree the hash was computed over. */
    record Row(
            long id,
            Instant at,
            String actor,
            String action,
            String resource,
            String outcome,
            JsonNode details,
            String prevHash,
            String hash) {

        String canonical() {
            return AuditChain.canonical(id, at, actor, action, resource, outcome, details);
        }
    }

    /** The chain head: the last record's id and hash, and how many records the chain holds. */
    record Head(long lastId, String hash, long records) {}

    private final JdbcClient jdbc;

    AuditRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Appends one record to the chain; returns it as stored. Call inside a transaction. */
    Row append(String actor, String action, String resource, AuditService.Outcome outcome, JsonNode details) {
        Head head = lockChain();
        head = sealUnsealed(head);
        long id = jdbc.sql("SELECT nextval(pg_get_serial_sequence('audit_events', 'id'))")
                .query(Long.class)
                .single();
        // PostgreSQL keeps microseconds: hash exactly what will be read back.
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        JsonNode canonicalDetails = AuditChain.parse(AuditChain.json(details));
        Row row = new Row(id, at, actor, action, resource, outcome.name(), canonicalDetails, head.hash(), null);
        String hash = AuditChain.hash(head.hash(), row.canonical());
        jdbc.sql("INSERT INTO audit_events (id, at, actor, action, resource, outcome, details, prev_hash, hash)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)")
                .params(
                        id,
                        utc(at),
                        actor,
                        action,
                        resource,
                        outcome.name(),
                        AuditChain.json(canonicalDetails),
                        head.hash(),
                        hash)
                .update();
        moveHead(id, hash, head.records() + 1);
        return new Row(id, at, actor, action, resource, outcome.name(), canonicalDetails, head.hash(), hash);
    }

    /** Whether a Trino query event is already recorded (Trino retries a post it saw fail). */
    boolean hasTrinoEvent(String action, String queryId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM audit_events WHERE action = ? AND details ->> 'queryId' = ?)")
                .params(action, queryId)
                .query(Boolean.class)
                .single();
    }

    Head head() {
        return jdbc.sql("SELECT last_id, hash, records FROM audit_chain_head")
                .query((rs, i) -> new Head(rs.getLong(1), rs.getString(2), rs.getLong(3)))
                .single();
    }

    /** Up to {@code limit} records after {@code afterId}, in chain order. */
    List<Row> page(long afterId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM audit_events WHERE id > ? ORDER BY id LIMIT ?")
                .params(afterId, limit)
                .query(AuditRepository::row)
                .list();
    }

    /** Up to {@code limit} records after {@code afterId} written in [from, to), in chain order. */
    List<Row> page(long afterId, Instant from, Instant to, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM audit_events WHERE id > ? AND at >= ? AND at < ?"
                        + " ORDER BY id LIMIT ?")
                .params(afterId, utc(from), utc(to), limit)
                .query(AuditRepository::row)
                .list();
    }

    List<Row> search(String actor, String action, Instant since, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM audit_events"
                        + " WHERE (CAST(:actor AS TEXT) IS NULL OR actor = :actor)"
                        + " AND (CAST(:action AS TEXT) IS NULL OR action LIKE :action || '%')"
                        + " AND (CAST(:since AS TIMESTAMPTZ) IS NULL OR at >= :since)"
                        + " ORDER BY id DESC LIMIT :limit")
                .param("actor", actor)
                .param("action", action)
                .param("since", since == null ? null : utc(since))
                .param("limit", limit)
                .query(AuditRepository::row)
                .list();
    }

    /** How many Trino queries the users completed in [from, to). */
    int trinoQueries(List<String> users, Instant from, Instant to) {
        return jdbc.sql("SELECT count(*) FROM audit_events WHERE action = 'trino.query' AND actor IN (:users)"
                        + " AND at >= :from AND at < :to")
                .param("users", users)
                .param("from", utc(from))
                .param("to", utc(to))
                .query(Integer.class)
                .single();
    }

    /** The users' Trino queries that access control refused in [from, to), oldest first. */
    List<Row> trinoDenials(List<String> users, Instant from, Instant to) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM audit_events WHERE action = 'trino.query'"
                        + " AND outcome = 'DENIED' AND actor IN (:users) AND at >= :from AND at < :to ORDER BY id")
                .param("users", users)
                .param("from", utc(from))
                .param("to", utc(to))
                .query(AuditRepository::row)
                .list();
    }

    /** Locks the chain head until the transaction ends: appends queue up behind it. */
    Head lockChain() {
        return jdbc.sql("SELECT last_id, hash, records FROM audit_chain_head FOR UPDATE")
                .query((rs, i) -> new Head(rs.getLong(1), rs.getString(2), rs.getLong(3)))
                .single();
    }

    private void moveHead(long lastId, String hash, long records) {
        jdbc.sql("UPDATE audit_chain_head SET last_id = ?, hash = ?, records = ?")
                .params(lastId, hash, records)
                .update();
    }

    /**
     * Seals records written before the chain existed (up to V9's {@code legacy_last_id}), in id
     * order, into the chain; normally there are none (a partial index makes the check cheap).
     */
    private Head sealUnsealed(Head head) {
        List<Row> unsealed = jdbc.sql("SELECT " + COLUMNS + " FROM audit_events WHERE hash IS NULL"
                        + " AND id <= (SELECT legacy_last_id FROM audit_chain_head) ORDER BY id")
                .query(AuditRepository::row)
                .list();
        Head current = head;
        for (Row r : unsealed) {
            String hash = AuditChain.hash(current.hash(), r.canonical());
            jdbc.sql("UPDATE audit_events SET prev_hash = ?, hash = ? WHERE id = ?")
                    .params(current.hash(), hash, r.id())
                    .update();
            current = new Head(r.id(), hash, current.records() + 1);
        }
        if (!unsealed.isEmpty()) {
            moveHead(current.lastId(), current.hash(), current.records());
        }
        return current;
    }

    private static Row row(ResultSet rs, int i) throws SQLException {
        return new Row(
                rs.getLong("id"),
                rs.getObject("at", OffsetDateTime.class).toInstant(),
                rs.getString("actor"),
                rs.getString("action"),
                rs.getString("resource"),
                rs.getString("outcome"),
                AuditChain.parse(rs.getString("details")),
                rs.getString("prev_hash"),
                rs.getString("hash"));
    }

    static Map<String, Object> asMap(JsonNode details) {
        return AuditChain.READER.convertValue(details, new TypeReference<Map<String, Object>>() {});
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
