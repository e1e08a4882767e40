package io.lakelab.platform.incident;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Persists incidents; each statement commits on its own, so a freeze is visible the moment it is written. */
@Repository
class IncidentRepository {

    private static final String SELECT =
            "SELECT id, kind, target, reason, frozen_by, frozen_at, stopped::text AS stopped,"
                    + " resolved_by, resolved_at, resolution FROM incidents";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    IncidentRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Opens an incident; empty when the target already has an open one. */
    Optional<Long> open(Incident.Kind kind, String target, String table, String reason, String by) {
        try {
            return Optional.of(jdbc.sql("INSERT INTO incidents (kind, target, target_table, reason, frozen_by)"
                            + " VALUES (?, ?, ?, ?, ?) RETURNING id")
                    .params(kind.name(), target, table, reason, by)
                    .query(Long.class)
                    .single());
        } catch (DuplicateKeyException e) {
            return Optional.empty();
        }
    }

    void recordStopped(long id, Map<String, ?> stopped) {
        jdbc.sql("UPDATE incidents SET stopped = ?::jsonb WHERE id = ?")
                .params(json.writeValueAsString(stopped), id)
                .update();
    }

    /** Closes an open incident; false when it was closed meanwhile. */
    boolean resolve(long id, String by, String resolution) {
        return jdbc.sql("UPDATE incidents SET resolved_by = ?, resolved_at = now(), resolution = ?"
                                + " WHERE id = ? AND resolved_at IS NULL")
                        .params(by, resolution, id)
                        .update()
                > 0;
    }

    Optional<Incident> openFor(Incident.Kind kind, String target) {
        return jdbc.sql(SELECT + " WHERE kind = ? AND target = ? AND resolved_at IS NULL")
                .params(kind.name(), target)
                .query(this::map)
                .optional();
    }

    /** Targets of open incidents of this kind: lab codes, or the dataset tables ({@code namespace.name}). */
    List<String> openTargets(Incident.Kind kind) {
        String column = kind == Incident.Kind.LAB ? "target" : "target_table";
        return jdbc.sql("SELECT " + column + " FROM incidents WHERE kind = ? AND resolved_at IS NULL ORDER BY id")
                .param(kind.name())
                .query(String.class)
                .list();
    }

    Optional<Incident> find(long id) {
        return jdbc.sql(SELECT + " WHERE id = ?").param(id).query(this::map).optional();
    }

    List<Incident> findAll(boolean openOnly) {
        return jdbc.sql(SELECT + (openOnly ? " WHERE resolved_at IS NULL" : "") + " ORDER BY id DESC")
                .query(this::map)
                .list();
    }

    private Incident map(ResultSet rs, int row) throws SQLException {
        return new Incident(
                rs.getLong("id"),
                Incident.Kind.valueOf(rs.getString("kind")),
                rs.getString("target"),
                rs.getString("reason"),
                rs.getString("frozen_by"),
                rs.getObject("frozen_at", OffsetDateTime.class).toInstant(),
                json.readValue(rs.getString("stopped"), new TypeReference<Map<String, Object>>() {}),
                rs.getString("resolved_by"),
                Optional.ofNullable(rs.getObject("resolved_at", OffsetDateTime.class))
                        .map(OffsetDateTime::toInstant)
                        .orElse(null),
                rs.getString("resolution"));
    }
}
