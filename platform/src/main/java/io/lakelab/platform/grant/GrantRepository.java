package io.lakelab.platform.grant;

import io.lakelab.catalog.LabCode;
import io.lakelab.catalog.policy.MaskType;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Persists grants; revoked and expired grants are kept. */
@Repository
class GrantRepository {

    private static final String SELECT = "SELECT g.*, l.code, d.name AS dataset,"
            + " d.table_namespace || '.' || d.table_name AS table_ref, g.masks::text AS masks_json,"
            + " g.default_masks::text AS default_masks_json FROM grants g"
            + " JOIN labs l ON l.id = g.lab_id JOIN datasets d ON d.id = g.dataset_id";
    private static final String LIVE = " g.revoked_at IS NULL AND (g.expires_at IS NULL OR g.expires_at > now())";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    GrantRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The lab's grant on the dataset that is neither revoked nor expired, if any. */
    Optional<Grant> live(long labId, long datasetId) {
        return jdbc.sql(SELECT + " WHERE g.lab_id = ? AND g.dataset_id = ? AND" + LIVE)
                .params(labId, datasetId)
                .query(this::map)
                .optional();
    }

    /** Inserts a grant whose {@code o.masks()} are all masks in force, {@code defaultMasks} among them. */
    long insert(long labId, long datasetId, String by, GrantOptions o, Map<String, MaskType> defaultMasks) {
        return jdbc.sql("INSERT INTO grants (lab_id, dataset_id, granted_by, purpose, columns, row_filter, masks,"
                        + " expires_at, request_id, default_masks, acknowledged_unmasked)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?::jsonb, ?) RETURNING id")
                .params(
                        labId,
                        datasetId,
                        by,
                        o.purpose(),
                        o.columns().toArray(String[]::new),
                        o.rowFilter(),
                        json.writeValueAsString(new TreeMap<>(o.masks())),
                        o.expiresAt() == null ? null : OffsetDateTime.ofInstant(o.expiresAt(), ZoneOffset.UTC),
                        o.requestId(),
                        json.writeValueAsString(new TreeMap<>(defaultMasks)),
                        o.acknowledgeUnmasked().toArray(String[]::new))
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

    /** The lab's grants: live ones only, or all including revoked and expired. */
    List<Grant> forLab(long labId, boolean includeInactive) {
        return jdbc.sql(SELECT + " WHERE g.lab_id = ? AND (? OR" + LIVE + ") ORDER BY g.id")
                .params(labId, includeInactive)
                .query(this::map)
                .list();
    }

    /** Every grant not revoked, expired ones included: policies carry expiry themselves. */
    List<Grant> notRevoked() {
        return jdbc.sql(SELECT + " WHERE g.revoked_at IS NULL ORDER BY g.id")
                .query(this::map)
                .list();
    }

    private Grant map(ResultSet rs, int row) throws SQLException {
        Array columns = rs.getArray("columns");
        Map<String, MaskType> masks = json.readValue(rs.getString("masks_json"), new TypeReference<>() {});
        Map<String, MaskType> defaultMasks =
                json.readValue(rs.getString("default_masks_json"), new TypeReference<>() {});
        Array acknowledged = rs.getArray("acknowledged_unmasked");
        return new Grant(
                rs.getLong("id"),
                new LabCode(rs.getString("code")),
                rs.getString("dataset"),
                rs.getString("table_ref"),
                rs.getString("granted_by"),
                rs.getObject("granted_at", OffsetDateTime.class).toInstant(),
                rs.getString("revoked_by"),
                instant(rs, "revoked_at"),
                rs.getString("purpose"),
                columns == null ? List.of() : Arrays.asList((String[]) columns.getArray()),
                rs.getString("row_filter"),
                masks,
                instant(rs, "expires_at"),
                rs.getObject("request_id", Long.class),
                defaultMasks,
                acknowledged == null ? List.of() : Arrays.asList((String[]) acknowledged.getArray()));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
