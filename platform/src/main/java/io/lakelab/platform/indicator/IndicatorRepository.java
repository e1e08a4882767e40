package io.lakelab.platform.indicator;

import io.lakelab.catalog.IndicatorDirection;
import io.lakelab.catalog.LabCode;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Persists indicator definitions in {@code indicators} and their values in {@code indicator_values}. */
@Repository
class IndicatorRepository {

    private static final String SELECT =
            "SELECT i.*, l.code AS lab_code FROM indicators i JOIN labs l ON l.id = i.lab_id";
    private static final TypeReference<List<IndicatorValue.TableSnapshot>> SNAPSHOTS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    IndicatorRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Inserts or, for an existing code in the lab, replaces the definition; its values stay. */
    long upsert(long labId, DefineIndicatorRequest r, List<String> tables, String user) {
        return jdbc.sql("INSERT INTO indicators (lab_id, code, name_zh, name_en, unit, target, direction, sql, tables,"
                        + " defined_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (lab_id, code) DO UPDATE SET"
                        + " name_zh = EXCLUDED.name_zh, name_en = EXCLUDED.name_en, unit = EXCLUDED.unit,"
                        + " target = EXCLUDED.target, direction = EXCLUDED.direction, sql = EXCLUDED.sql,"
                        + " tables = EXCLUDED.tables, defined_by = EXCLUDED.defined_by, defined_at = now()"
                        + " RETURNING id")
                .params(
                        labId,
                        r.code(),
                        r.nameZh(),
                        r.nameEn(),
                        r.unit(),
                        r.target(),
                        r.direction().name(),
                        r.sql(),
                        tables.toArray(String[]::new),
                        user)
                .query(Long.class)
                .single();
    }

    List<Indicator> forLab(long labId) {
        return jdbc.sql(SELECT + " WHERE i.lab_id = ? ORDER BY i.code")
                .param(labId)
                .query(this::map)
                .list();
    }

    Optional<Indicator> find(long labId, String code) {
        return jdbc.sql(SELECT + " WHERE i.lab_id = ? AND i.code = ?")
                .params(labId, code)
                .query(this::map)
                .optional();
    }

    void insertValue(long indicatorId, String runId, ComputedIndicator value) {
        jdbc.sql(
                        "INSERT INTO indicator_values (indicator_id, run_id, value, error, tables) VALUES (?, ?, ?, ?, ?::jsonb)")
                .params(
                        indicatorId,
                        runId,
                        value.value(),
                        value.error(),
                        json.writeValueAsString(value.tables() == null ? List.of() : value.tables()))
                .update();
    }

    /** The indicator's values, newest first. */
    List<IndicatorValue> values(Indicator indicator, int limit) {
        return jdbc.sql(
                        "SELECT * FROM indicator_values WHERE indicator_id = ? ORDER BY computed_at DESC, id DESC LIMIT ?")
                .params(indicator.id(), limit)
                .query((rs, i) -> mapValue(indicator, rs))
                .list();
    }

    Optional<IndicatorValue> latest(Indicator indicator, boolean successfulOnly) {
        return jdbc.sql("SELECT * FROM indicator_values WHERE indicator_id = ?"
                        + (successfulOnly ? " AND value IS NOT NULL" : "")
                        + " ORDER BY computed_at DESC, id DESC LIMIT 1")
                .param(indicator.id())
                .query((rs, i) -> mapValue(indicator, rs))
                .optional();
    }

    private IndicatorValue mapValue(Indicator indicator, ResultSet rs) throws SQLException {
        Double value = (Double) rs.getObject("value");
        return new IndicatorValue(
                indicator.code(),
                value,
                value == null ? null : indicator.direction().met(value, indicator.target()),
                rs.getString("error"),
                rs.getString("run_id"),
                json.readValue(rs.getString("tables"), SNAPSHOTS),
                rs.getObject("computed_at", java.time.OffsetDateTime.class).toInstant());
    }

    private Indicator map(ResultSet rs, int row) throws SQLException {
        Array tables = rs.getArray("tables");
        return new Indicator(
                rs.getLong("id"),
                new LabCode(rs.getString("lab_code")),
                rs.getString("code"),
                rs.getString("name_zh"),
                rs.getString("name_en"),
                rs.getString("unit"),
                rs.getDouble("target"),
                IndicatorDirection.valueOf(rs.getString("direction")),
                rs.getString("sql"),
                tables == null ? List.of() : Arrays.asList((String[]) tables.getArray()),
                rs.getString("defined_by"),
                rs.getObject("defined_at", java.time.OffsetDateTime.class).toInstant());
    }
}
