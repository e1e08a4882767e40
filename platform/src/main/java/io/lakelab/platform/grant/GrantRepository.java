package io.lakelab.platform.grant;

import io.lakelab.catalog.LabCode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Persists grants; a revoked grant is kept with who revoked it and when. */
@Repository
class GrantRepository {

    private static final String SELECT = "SELECT g.*, l.code, d.name AS dataset,"
            + " d.table_namespace || '.' || d.table_name AS table_ref FROM grants g"
            + " JOIN labs l ON l.id = g.lab_id JOIN datasets d ON d.id = g.dataset_id";

    private final JdbcClient jdbc;

    GrantRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Grant> active(long labId, long datasetId) {
        return jdbc.sql(SELECT + " WHERE g.lab_id = ? AND g.dataset_id = ? AND g.revoked_at IS NULL")
                .params(labId, datasetId)
                .query(this::map)
                .optional();
    }

    long insert(long labId, long datasetId, String by) {
        return jdbc.sql("INSERT INTO grants (lab_id, dataset_id, granted_by) VALUES (?, ?, ?) RETURNING id")
                .params(labId, datasetId, by)
                .query(Long.class)
                .single();
    }

    boolean revoke(long id, String by) {
        return jdbc.sql("UPDATE grants SET revoked_by = ?, revoked_at = now() WHERE id = ? AND revoked_at IS NULL")
                        .params(by, id)
                        .update()
                == 1;
    }

    Optional<Grant> find(long id) {
        return jdbc.sql(SELECT + " WHERE g.id = ?").param(id).query(this::map).optional();
    }

    List<Grant> forLab(long labId, boolean includeRevoked) {
        return jdbc.sql(SELECT + " WHERE g.lab_id = ? AND (? OR g.revoked_at IS NULL) ORDER BY g.id")
                .params(labId, includeRevoked)
                .query(this::map)
                .list();
    }

    private Grant map(ResultSet rs, int row) throws SQLException {
        OffsetDateTime revoked = rs.getObject("revoked_at", OffsetDateTime.class);
        return new Grant(
                rs.getLong("id"),
                new LabCode(rs.getString("code")),
                rs.getString("dataset"),
                rs.getString("table_ref"),
                rs.getString("granted_by"),
                rs.getObject("granted_at", OffsetDateTime.class).toInstant(),
                rs.getString("revoked_by"),
                revoked == null ? null : revoked.toInstant());
    }
}
