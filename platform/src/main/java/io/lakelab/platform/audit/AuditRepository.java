package io.lakelab.platform.audit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Persists audit events in {@code audit_events}. */
@Repository
class AuditRepository {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    AuditRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(String actor, String action, String resource, AuditService.Outcome outcome, Map<String, ?> details) {
        jdbc.sql("INSERT INTO audit_events (actor, action, resource, outcome, details)"
                        + " VALUES (?, ?, ?, ?, ?::jsonb)")
                .params(actor, action, resource, outcome.name(), json.writeValueAsString(details))
                .update();
    }

    List<AuditService.AuditEvent> search(String actor, String action, Instant since, int limit) {
        return jdbc.sql("SELECT id, at, actor, action, resource, outcome, details::text AS details FROM audit_events"
                        + " WHERE (CAST(:actor AS TEXT) IS NULL OR actor = :actor)"
                        + " AND (CAST(:action AS TEXT) IS NULL OR action LIKE :action || '%')"
                        + " AND (CAST(:since AS TIMESTAMPTZ) IS NULL OR at >= :since)"
                        + " ORDER BY id DESC LIMIT :limit")
                .param("actor", actor)
                .param("action", action)
                .param("since", since == null ? null : OffsetDateTime.ofInstant(since, java.time.ZoneOffset.UTC))
                .param("limit", limit)
                .query((rs, i) -> new AuditService.AuditEvent(
                        rs.getLong("id"),
                        rs.getObject("at", OffsetDateTime.class).toInstant(),
                        rs.getString("actor"),
                        rs.getString("action"),
                        rs.getString("resource"),
                        AuditService.Outcome.valueOf(rs.getString("outcome")),
                        json.readValue(rs.getString("details"), new TypeReference<Map<String, Object>>() {})))
                .list();
    }
}
