package io.lakelab.platform.report;

import io.lakelab.platform.report.MonthlyNumbers.DatasetIngested;
import io.lakelab.platform.report.MonthlyNumbers.Denial;
import io.lakelab.platform.report.MonthlyNumbers.ExpiringGrant;
import io.lakelab.platform.report.MonthlyNumbers.Incident;
import io.lakelab.platform.report.MonthlyNumbers.Output;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The read model behind reports — read-only queries over the platform's own tables for one lab
 * and one time window [from, to) — and the archive of issued reports ({@code monthly_reports}).
 */
@Repository
class ReportRepository {

    private final JdbcClient jdbc;

    ReportRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** An indicator definition. */
    record IndicatorRow(
            long id, String code, String nameZh, String nameEn, String unit, double target, String direction) {}

    /** One successful computation. */
    record ValueRow(double value, String runId, Instant computedAt) {}

    /** Job runs of one state submitted in the window. */
    record JobCount(String state, int runs, double seconds) {}

    /** An archived report. */
    record Stored(
            long id, String month, String language, String issuedBy, Instant issuedAt, String numbers, String sha256) {}

    List<IndicatorRow> indicators(long labId) {
        return jdbc.sql("SELECT id, code, name_zh, name_en, unit, target, direction FROM indicators"
                        + " WHERE lab_id = ? ORDER BY code")
                .param(labId)
                .query((rs, i) -> new IndicatorRow(
                        rs.getLong("id"),
                        rs.getString("code"),
                        rs.getString("name_zh"),
                        rs.getString("name_en"),
                        rs.getString("unit"),
                        rs.getDouble("target"),
                        rs.getString("direction")))
                .list();
    }

    List<ValueRow> values(long indicatorId, Instant to) {
        return jdbc.sql("SELECT value, run_id, computed_at FROM indicator_values WHERE indicator_id = ?"
                        + " AND value IS NOT NULL AND computed_at < ? ORDER BY computed_at, id")
                .params(indicatorId, utc(to))
                .query((rs, i) ->
                        new ValueRow(rs.getDouble("value"), rs.getString("run_id"), instant(rs, "computed_at")))
                .list();
    }

    private static final String LAB_DATASETS = "(SELECT id FROM datasets WHERE owner_lab_id = :lab"
            + " UNION SELECT dataset_id FROM grants WHERE lab_id = :lab)";

    int datasetsRegistered(long labId, Instant from, Instant to) {
        return jdbc.sql("SELECT count(*) FROM datasets WHERE id IN " + LAB_DATASETS
                        + " AND registered_at >= :from AND registered_at < :to")
                .params(window(labId, from, to))
                .query(Integer.class)
                .single();
    }

    List<DatasetIngested> ingestions(long labId, Instant from, Instant to) {
        return jdbc.sql("SELECT d.name, d.kind, count(*) AS loads, coalesce(sum(i.rows_written), 0) AS rows,"
                        + " count(DISTINCT i.snapshot_id) AS snapshots FROM ingestions i JOIN datasets d"
                        + " ON d.id = i.dataset_id WHERE i.state = 'SUCCEEDED' AND i.dataset_id IN " + LAB_DATASETS
                        + " AND i.created_at >= :from AND i.created_at < :to GROUP BY d.name, d.kind ORDER BY d.name")
                .params(window(labId, from, to))
                .query((rs, i) -> new DatasetIngested(
                        rs.getString("name"),
                        rs.getString("kind"),
                        rs.getInt("loads"),
                        rs.getLong("rows"),
                        rs.getInt("snapshots")))
                .list();
    }

    List<JobCount> jobs(long labId, Instant from, Instant to) {
        return jdbc.sql("SELECT state, count(*) AS runs, coalesce(sum(extract(epoch FROM finished_at - started_at)), 0)"
                        + " AS seconds FROM job_runs WHERE lab_id = :lab AND submitted_at >= :from"
                        + " AND submitted_at < :to GROUP BY state ORDER BY state")
                .params(window(labId, from, to))
                .query((rs, i) -> new JobCount(rs.getString("state"), rs.getInt("runs"), rs.getDouble("seconds")))
                .list();
    }

    List<Output> outputs(long labId, Instant from, Instant to) {
        return jdbc.sql("SELECT o->>'table' AS tbl, (o->>'rows')::bigint AS rows, (o->>'snapshotId')::bigint AS snap,"
                        + " r.id FROM job_runs r CROSS JOIN LATERAL jsonb_array_elements(r.outputs) o"
                        + " WHERE r.lab_id = :lab AND r.state = 'SUCCEEDED' AND r.finished_at >= :from"
                        + " AND r.finished_at < :to ORDER BY r.finished_at, tbl")
                .params(window(labId, from, to))
                .query((rs, i) -> new Output(
                        rs.getString("tbl"),
                        (Long) rs.getObject("rows"),
                        (Long) rs.getObject("snap"),
                        rs.getString("id")))
                .list();
    }

    /** Access requests made and approved in the window; zeros before governed access exists. */
    int[] accessRequests(long labId, Instant from, Instant to) {
        if (!tableExists("access_requests")) {
            return new int[] {0, 0};
        }
        return jdbc.sql("SELECT count(*) AS made, count(*) FILTER (WHERE state = 'APPROVED') AS approved"
                        + " FROM access_requests WHERE lab_id = :lab AND requested_at >= :from AND requested_at < :to")
                .params(window(labId, from, to))
                .query((rs, i) -> new int[] {rs.getInt("made"), rs.getInt("approved")})
                .single();
    }

    int grantsCreated(long labId, Instant from, Instant to) {
        return count(
                "SELECT count(*) FROM grants WHERE lab_id = :lab AND granted_at >= :from AND granted_at < :to",
                labId,
                from,
                to);
    }

    int grantsRevoked(long labId, Instant from, Instant to) {
        return count(
                "SELECT count(*) FROM grants WHERE lab_id = :lab AND revoked_at >= :from AND revoked_at < :to",
                labId,
                from,
                to);
    }

    int activeGrants(long labId, Instant from, Instant to) {
        String expiry = columnExists("grants", "expires_at") ? " AND (expires_at IS NULL OR expires_at > :to)" : "";
        return count(
                "SELECT count(*) FROM grants WHERE lab_id = :lab AND granted_at < :to"
                        + " AND (revoked_at IS NULL OR revoked_at >= :to)" + expiry,
                labId,
                from,
                to);
    }

    List<ExpiringGrant> grantsNearExpiry(long labId, Instant to, Instant until) {
        if (!columnExists("grants", "expires_at")) {
            return List.of();
        }
        return jdbc.sql("SELECT g.id, d.name, g.expires_at FROM grants g JOIN datasets d ON d.id = g.dataset_id"
                        + " WHERE g.lab_id = :lab AND g.granted_at < :to AND (g.revoked_at IS NULL OR g.revoked_at >= :to)"
                        + " AND g.expires_at > :to AND g.expires_at <= :until ORDER BY g.expires_at")
                .param("lab", labId)
                .param("to", utc(to))
                .param("until", utc(until))
                .query((rs, i) -> new ExpiringGrant(rs.getLong("id"), rs.getString("name"), instant(rs, "expires_at")))
                .list();
    }

    /** (source, target) of every edge written by the lab's successful runs finished before {@code to}. */
    List<String[]> lineageEdges(long labId, Instant to) {
        return jdbc.sql("SELECT DISTINCT e.source_table, e.target_table FROM lineage_edges e JOIN job_runs r"
                        + " ON r.id = e.run_id WHERE r.lab_id = ? AND r.state = 'SUCCEEDED' AND r.finished_at < ?")
                .params(labId, utc(to))
                .query((rs, i) -> new String[] {rs.getString(1), rs.getString(2)})
                .list();
    }

    /** Dataset kind and name by qualified table name. */
    Map<String, String[]> datasetsByTable() {
        Map<String, String[]> out = new java.util.HashMap<>();
        jdbc.sql("SELECT table_namespace || '.' || table_name AS t, kind, name FROM datasets")
                .query((rs, i) -> out.put(rs.getString("t"), new String[] {rs.getString("kind"), rs.getString("name")}))
                .list();
        return out;
    }

    List<Denial> denials(String labCode, Instant from, Instant to) {
        return jdbc.sql("SELECT at, actor, action, coalesce(details->>'reason', details->>'error', '') AS reason"
                        + " FROM audit_events WHERE outcome = 'DENIED' AND (resource = :resource OR details->>'lab' = :code)"
                        + " AND at >= :from AND at < :to ORDER BY at, id")
                .param("resource", "lab:" + labCode)
                .param("code", labCode)
                .param("from", utc(from))
                .param("to", utc(to))
                .query((rs, i) -> new Denial(
                        instant(rs, "at"), rs.getString("actor"), rs.getString("action"), rs.getString("reason")))
                .list();
    }

    List<Incident> incidents(String labCode, Instant from, Instant to) {
        return jdbc.sql(
                        "SELECT at, actor, action, details::text AS detail FROM audit_events"
                                + " WHERE (action LIKE 'incident.%' OR action = 'lab.freeze')"
                                + " AND (resource = :resource OR details->>'lab' = :code) AND at >= :from AND at < :to ORDER BY at, id")
                .param("resource", "lab:" + labCode)
                .param("code", labCode)
                .param("from", utc(from))
                .param("to", utc(to))
                .query((rs, i) -> new Incident(
                        instant(rs, "at"), rs.getString("actor"), rs.getString("action"), rs.getString("detail")))
                .list();
    }

    Optional<Stored> find(long labId, String month) {
        return jdbc.sql("SELECT id, month, language, issued_by, issued_at, numbers::text AS numbers, sha256"
                        + " FROM monthly_reports WHERE lab_id = ? AND month = ?")
                .params(labId, month)
                .query(ReportRepository::stored)
                .optional();
    }

    List<Stored> list(long labId) {
        return jdbc.sql("SELECT id, month, language, issued_by, issued_at, numbers::text AS numbers, sha256"
                        + " FROM monthly_reports WHERE lab_id = ? ORDER BY month")
                .param(labId)
                .query(ReportRepository::stored)
                .list();
    }

    Optional<byte[]> document(long labId, String month, String format) {
        String column = "pdf".equals(format) ? "pdf" : "html";
        return jdbc.sql("SELECT " + column + " FROM monthly_reports WHERE lab_id = ? AND month = ?")
                .params(labId, month)
                .query((rs, i) -> rs.getBytes(1))
                .optional();
    }

    /** Archives a report; false when one for the month was archived meanwhile (the first one wins). */
    boolean insert(
            long labId,
            String month,
            String language,
            String by,
            String numbers,
            byte[] html,
            byte[] pdf,
            String sha256) {
        return jdbc.sql("INSERT INTO monthly_reports (lab_id, month, language, issued_by, numbers, html, pdf, sha256)"
                                + " VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, ?) ON CONFLICT (lab_id, month) DO NOTHING")
                        .params(labId, month, language, by, numbers, html, pdf, sha256)
                        .update()
                > 0;
    }

    private int count(String sql, long labId, Instant from, Instant to) {
        return jdbc.sql(sql)
                .params(window(labId, from, to))
                .query(Integer.class)
                .single();
    }

    private boolean tableExists(String table) {
        return jdbc.sql("SELECT to_regclass(?) IS NOT NULL")
                .param(table)
                .query(Boolean.class)
                .single();
    }

    private boolean columnExists(String table, String column) {
        return jdbc.sql("SELECT count(*) FROM information_schema.columns WHERE table_name = ? AND column_name = ?")
                        .params(table, column)
                        .query(Long.class)
                        .single()
                > 0;
    }

    private static Map<String, Object> window(long labId, Instant from, Instant to) {
        return Map.of("lab", labId, "from", utc(from), "to", utc(to));
    }

    private static Stored stored(ResultSet rs, int row) throws SQLException {
        return new Stored(
                rs.getLong("id"),
                rs.getString("month"),
                rs.getString("language"),
                rs.getString("issued_by"),
                instant(rs, "issued_at"),
                rs.getString("numbers"),
                rs.getString("sha256"));
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
