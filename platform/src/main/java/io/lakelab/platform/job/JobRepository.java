package io.lakelab.platform.job;

import io.lakelab.catalog.LabCode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Persists job runs in {@code job_runs}. State changes are conditional so two threads never both win. */
@Repository
class JobRepository {

    private static final String SELECT =
            "SELECT r.*, l.code AS lab_code FROM job_runs r JOIN labs l ON l.id = r.lab_id";
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
    private static final TypeReference<List<JobRun.TableVersion>> VERSIONS = new TypeReference<>() {};

    /** A run with what only the platform needs: its lab id, process id and pre-run workspace state. */
    record StoredRun(JobRun run, long labId, Long pid, String workspaceSnapshot) {}

    private final JdbcClient jdbc;
    private final JsonMapper json;

    JobRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(String id, long labId, String name, JobKind kind, List<String> statements, String user) {
        jdbc.sql("INSERT INTO job_runs (id, lab_id, name, kind, statements, state, submitted_by)"
                        + " VALUES (?, ?, ?, ?, ?::jsonb, 'QUEUED', ?)")
                .params(id, labId, name, kind.name(), json.writeValueAsString(statements), user)
                .update();
    }

    Optional<StoredRun> find(String id) {
        return jdbc.sql(SELECT + " WHERE r.id = ?").param(id).query(this::map).optional();
    }

    List<StoredRun> forLabs(List<Long> labIds, int limit) {
        if (labIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(SELECT + " WHERE r.lab_id IN (:labs) ORDER BY r.submitted_at DESC LIMIT :limit")
                .param("labs", labIds)
                .param("limit", limit)
                .query(this::map)
                .list();
    }

    List<StoredRun> inState(JobState state) {
        return jdbc.sql(SELECT + " WHERE r.state = ? ORDER BY r.submitted_at, r.id")
                .param(state.name())
                .query(this::map)
                .list();
    }

    /** QUEUED -> RUNNING; false when the run is no longer queued (cancelled meanwhile). */
    boolean claim(String id) {
        return jdbc.sql("UPDATE job_runs SET state = 'RUNNING', started_at = clock_timestamp()"
                                + " WHERE id = ? AND state = 'QUEUED'")
                        .param(id)
                        .update()
                == 1;
    }

    void launched(String id, long pid) {
        jdbc.sql("UPDATE job_runs SET pid = ? WHERE id = ?").params(pid, id).update();
    }

    void snapshot(String id, String workspaceSnapshot) {
        jdbc.sql("UPDATE job_runs SET workspace_snapshot = ?::jsonb WHERE id = ?")
                .params(workspaceSnapshot, id)
                .update();
    }

    void progress(String id, int done, int total, String message) {
        jdbc.sql("UPDATE job_runs SET progress_done = ?, progress_total = ?, progress_message = ?"
                        + " WHERE id = ? AND state = 'RUNNING'")
                .params(done, total, message, id)
                .update();
    }

    /** Moves a run from one of {@code from} to a terminal state; false when it was in none of them. */
    boolean finish(
            String id,
            List<JobState> from,
            JobState to,
            String error,
            Integer exitCode,
            List<JobRun.TableVersion> inputs,
            List<JobRun.TableVersion> outputs) {
        return jdbc.sql("UPDATE job_runs SET state = :to, error = :error, exit_code = :exit,"
                                + " inputs = CAST(:inputs AS jsonb), outputs = CAST(:outputs AS jsonb),"
                                + " finished_at = clock_timestamp() WHERE id = :id AND state IN (:from)")
                        .param("to", to.name())
                        .param("error", error)
                        .param("exit", exitCode)
                        .param("inputs", json.writeValueAsString(inputs))
                        .param("outputs", json.writeValueAsString(outputs))
                        .param("id", id)
                        .param("from", from.stream().map(Enum::name).toList())
                        .update()
                == 1;
    }

    private StoredRun map(ResultSet rs, int row) throws SQLException {
        JobRun run = new JobRun(
                rs.getString("id"),
                new LabCode(rs.getString("lab_code")),
                rs.getString("name"),
                JobKind.valueOf(rs.getString("kind")),
                json.readValue(rs.getString("statements"), STRINGS),
                JobState.valueOf(rs.getString("state")),
                new JobRun.Progress(
                        rs.getInt("progress_done"), rs.getInt("progress_total"), rs.getString("progress_message")),
                rs.getString("error"),
                rs.getString("submitted_by"),
                instant(rs, "submitted_at"),
                instant(rs, "started_at"),
                instant(rs, "finished_at"),
                json.readValue(rs.getString("inputs"), VERSIONS),
                json.readValue(rs.getString("outputs"), VERSIONS));
        return new StoredRun(run, rs.getLong("lab_id"), (Long) rs.getObject("pid"), rs.getString("workspace_snapshot"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
