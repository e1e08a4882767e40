package io.lakelab.platform.lab;

import io.lakelab.catalog.CoBuilder;
import io.lakelab.catalog.CoBuilderRole;
import io.lakelab.catalog.LabCode;
import io.lakelab.catalog.LabDirection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Persists labs and their co-builders. */
@Repository
class LabRepository {

    private static final String SELECT = "SELECT id, code, name_zh, name_en, direction, lead_unit, workspace,"
            + " created_by, created_at, status, frozen_at, frozen_by, frozen_reason FROM labs";

    private final JdbcClient jdbc;

    LabRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean exists(LabCode code) {
        return jdbc.sql("SELECT count(*) FROM labs WHERE code = ?")
                        .param(code.value())
                        .query(Long.class)
                        .single()
                > 0;
    }

    long insert(CreateLabRequest request, LabCode code, String workspace, String createdBy) {
        long id = jdbc.sql("INSERT INTO labs (code, name_zh, name_en, direction, lead_unit, workspace, created_by)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id")
                .params(
                        code.value(),
                        request.nameZh(),
                        request.nameEn(),
                        request.direction().name(),
                        request.leadUnit(),
                        workspace,
                        createdBy)
                .query(Long.class)
                .single();
        for (CoBuilder b : request.coBuilders() == null ? List.<CoBuilder>of() : request.coBuilders()) {
            jdbc.sql("INSERT INTO lab_co_builders (lab_id, name, role) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
                    .params(id, b.name(), b.role().name())
                    .update();
        }
        return id;
    }

    Optional<Lab> find(LabCode code) {
        return jdbc.sql(SELECT + " WHERE code = ?")
                .param(code.value())
                .query(this::map)
                .optional();
    }

    Optional<Lab> findById(long id) {
        return jdbc.sql(SELECT + " WHERE id = ?").param(id).query(this::map).optional();
    }

    /** Freezes an active lab; false when it was already frozen. */
    boolean freeze(LabCode code, String by, String reason) {
        return jdbc.sql("UPDATE labs SET status = 'FROZEN', frozen_at = now(), frozen_by = ?, frozen_reason = ?"
                                + " WHERE code = ? AND status = 'ACTIVE'")
                        .params(by, reason, code.value())
                        .update()
                > 0;
    }

    List<Lab> findAll() {
        return jdbc.sql(SELECT + " ORDER BY code").query(this::map).list();
    }

    private Lab map(ResultSet rs, int row) throws SQLException {
        long id = rs.getLong("id");
        List<CoBuilder> builders = jdbc.sql(
                        "SELECT name, role FROM lab_co_builders WHERE lab_id = ? ORDER BY role, name")
                .param(id)
                .query((r, i) -> new CoBuilder(r.getString("name"), CoBuilderRole.valueOf(r.getString("role"))))
                .list();
        return new Lab(
                id,
                new LabCode(rs.getString("code")),
                rs.getString("name_zh"),
                rs.getString("name_en"),
                LabDirection.valueOf(rs.getString("direction")),
                rs.getString("lead_unit"),
                builders,
                rs.getString("workspace"),
                rs.getString("created_by"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                LabStatus.valueOf(rs.getString("status")),
                Optional.ofNullable(rs.getObject("frozen_at", OffsetDateTime.class))
                        .map(OffsetDateTime::toInstant)
                        .orElse(null),
                rs.getString("frozen_by"),
                rs.getString("frozen_reason"));
    }
}
