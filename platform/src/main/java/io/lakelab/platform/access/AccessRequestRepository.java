package io.lakelab.platform.access;

import io.lakelab.catalog.LabCode;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Persists access requests and their decisions. */
@Repository
class AccessRequestRepository {

    private static final String SELECT = "SELECT r.*, l.code, d.name AS dataset FROM access_requests r"
            + " JOIN labs l ON l.id = r.lab_id JOIN datasets d ON d.id = r.dataset_id";

    private final JdbcClient jdbc;

    AccessRequestRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(long labId, long datasetId, String purpose, List<String> columns, int days, String by) {
        return jdbc.sql("INSERT INTO access_requests (lab_id, dataset_id, purpose, columns, days, requested_by)"
                        + " VALUES (?, ?, ?, ?, ?, ?) RETURNING id")
                .params(labId, datasetId, purpose, columns.toArray(String[]::new), days, by)
                .query(Long.class)
                .single();
    }

    Optional<AccessRequest> find(long id) {
        return jdbc.sql(SELECT + " WHERE r.id = ?").param(id).query(this::map).optional();
    }

    /** Requests, optionally of one lab and in one state, newest first. */
    List<AccessRequest> search(String lab, String state) {
        return jdbc.sql(SELECT + " WHERE (CAST(:lab AS TEXT) IS NULL OR l.code = :lab)"
                        + " AND (CAST(:state AS TEXT) IS NULL OR r.state = :state) ORDER BY r.id DESC LIMIT 500")
                .param("lab", lab)
                .param("state", state)
                .query(this::map)
                .list();
    }

    /** Moves a PENDING request to a decision; false when it was decided meanwhile. */
    boolean decide(long id, AccessRequest.State state, String by, String reason, Long grantId) {
        return jdbc.sql("UPDATE access_requests SET state = ?, decided_by = ?, decided_at = now(), reason = ?,"
                                + " grant_id = ? WHERE id = ? AND state = 'PENDING'")
                        .params(state.name(), by, reason, grantId, id)
                        .update()
                == 1;
    }

    private AccessRequest map(ResultSet rs, int row) throws SQLException {
        Array columns = rs.getArray("columns");
        OffsetDateTime decided = rs.getObject("decided_at", OffsetDateTime.class);
        return new AccessRequest(
                rs.getLong("id"),
                new LabCode(rs.getString("code")),
                rs.getString("dataset"),
                rs.getString("purpose"),
                columns == null ? List.of() : Arrays.asList((String[]) columns.getArray()),
                rs.getInt("days"),
                AccessRequest.State.valueOf(rs.getString("state")),
                rs.getString("requested_by"),
                rs.getObject("requested_at", OffsetDateTime.class).toInstant(),
                rs.getString("decided_by"),
                decided == null ? null : decided.toInstant(),
                rs.getString("reason"),
                rs.getObject("grant_id", Long.class));
    }
}
