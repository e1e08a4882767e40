package io.lakelab.platform.programme;

import io.lakelab.platform.programme.LabApplication.Opinion;
import io.lakelab.platform.programme.LabApplication.Recommendation;
import io.lakelab.platform.programme.LabApplication.Transition;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Persists applications, opinions, transitions and evaluations. */
@Repository
class ProgrammeRepository {

    private static final String SELECT = "SELECT id, lab_code, state, plan::text AS plan, applied_by, applied_at,"
            + " pilot_start, pilot_end FROM lab_applications";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ProgrammeRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    boolean liveApplicationExists(String labCode) {
        return jdbc.sql("SELECT count(*) FROM lab_applications WHERE lab_code = ? AND state <> 'REJECTED'")
                        .param(labCode)
                        .query(Long.class)
                        .single()
                > 0;
    }

    long insert(ConstructionPlan plan, String appliedBy) {
        return jdbc.sql("INSERT INTO lab_applications (lab_code, state, plan, report_language, applied_by)"
                        + " VALUES (?, ?, ?::jsonb, ?, ?) RETURNING id")
                .params(
                        plan.labCode(),
                        ProgrammeState.SUBMITTED.name(),
                        json.writeValueAsString(plan),
                        plan.reportLanguage().name(),
                        appliedBy)
                .query(Long.class)
                .single();
    }

    /** Moves the application if it is still in {@code from}; false when someone moved it meanwhile. */
    boolean move(long id, ProgrammeState from, ProgrammeState to) {
        return jdbc.sql("UPDATE lab_applications SET state = ?, updated_at = now() WHERE id = ? AND state = ?")
                        .params(to.name(), id, from.name())
                        .update()
                > 0;
    }

    void startPilot(long id, long labId, LocalDate start, LocalDate end) {
        jdbc.sql("UPDATE lab_applications SET lab_id = ?, pilot_start = ?, pilot_end = ? WHERE id = ?")
                .params(labId, start, end, id)
                .update();
    }

    void insertTransition(
            long id,
            ProgrammeAction action,
            ProgrammeState from,
            ProgrammeState to,
            String actor,
            String reason,
            Map<String, ?> details) {
        jdbc.sql("INSERT INTO lab_application_transitions (application_id, action, from_state, to_state, actor,"
                        + " reason, details) VALUES (?, ?, ?, ?, ?, ?, ?::jsonb)")
                .params(id, action.name(), from.name(), to.name(), actor, reason, json.writeValueAsString(details))
                .update();
    }

    void insertOpinion(long id, String reviewer, Recommendation recommendation, String opinion) {
        jdbc.sql("INSERT INTO lab_application_opinions (application_id, reviewer, recommendation, opinion)"
                        + " VALUES (?, ?, ?, ?)")
                .params(id, reviewer, recommendation.name(), opinion)
                .update();
    }

    Optional<LabApplication> find(long id) {
        return jdbc.sql(SELECT + " WHERE id = ?").param(id).query(this::map).optional();
    }

    /** The latest application that made this lab, if it came through the programme. */
    Optional<LabApplication> forLab(String labCode) {
        return jdbc.sql(SELECT + " WHERE lab_code = ? AND lab_id IS NOT NULL ORDER BY id DESC LIMIT 1")
                .param(labCode)
                .query(this::map)
                .optional();
    }

    List<LabApplication> findAll(String appliedBy) {
        return jdbc.sql(SELECT + " WHERE (CAST(:by AS TEXT) IS NULL OR applied_by = :by) ORDER BY id")
                .param("by", appliedBy)
                .query(this::map)
                .list();
    }

    long insertEvaluation(Evaluation evaluation) {
        return jdbc.sql("INSERT INTO lab_evaluations (application_id, evaluated_by, recommendation, result)"
                        + " VALUES (?, ?, ?, ?::jsonb) RETURNING id")
                .params(
                        evaluation.applicationId(),
                        evaluation.evaluatedBy(),
                        evaluation.recommendation().name(),
                        json.writeValueAsString(evaluation))
                .query(Long.class)
                .single();
    }

    Optional<Evaluation> latestEvaluation(long applicationId) {
        return jdbc.sql("SELECT id, result::text AS result FROM lab_evaluations WHERE application_id = ?"
                        + " ORDER BY id DESC LIMIT 1")
                .param(applicationId)
                .query((rs, i) -> withId(json.readValue(rs.getString("result"), Evaluation.class), rs.getLong("id")))
                .optional();
    }

    Optional<byte[]> pack(long evaluationId, String column) {
        String sql =
                "SELECT " + ("pdf".equals(column) ? "pack_pdf" : "pack_html") + " FROM lab_evaluations WHERE id = ?";
        return jdbc.sql(sql)
                .param(evaluationId)
                .query((rs, i) -> rs.getBytes(1))
                .optional()
                .filter(b -> b != null);
    }

    /** Stores the rendered pack once; a pack already stored is kept. */
    void storePack(long evaluationId, byte[] html, byte[] pdf) {
        jdbc.sql("UPDATE lab_evaluations SET pack_html = ?, pack_pdf = ? WHERE id = ? AND pack_html IS NULL")
                .params(html, pdf, evaluationId)
                .update();
    }

    private static Evaluation withId(Evaluation e, long id) {
        return new Evaluation(
                id,
                e.applicationId(),
                e.lab(),
                e.pilotStart(),
                e.pilotEnd(),
                e.evaluatedBy(),
                e.evaluatedAt(),
                e.indicators(),
                e.recommendation(),
                e.rationale());
    }

    private LabApplication map(ResultSet rs, int row) throws SQLException {
        long id = rs.getLong("id");
        ProgrammeState state = ProgrammeState.valueOf(rs.getString("state"));
        List<Opinion> opinions = jdbc.sql("SELECT reviewer, recommendation, opinion, recorded_at"
                        + " FROM lab_application_opinions WHERE application_id = ? ORDER BY id")
                .param(id)
                .query((r, i) -> new Opinion(
                        r.getString("reviewer"),
                        Recommendation.valueOf(r.getString("recommendation")),
                        r.getString("opinion"),
                        r.getObject("recorded_at", OffsetDateTime.class).toInstant()))
                .list();
        List<Transition> transitions = jdbc.sql("SELECT action, from_state, to_state, actor, reason,"
                        + " details::text AS details, at FROM lab_application_transitions"
                        + " WHERE application_id = ? ORDER BY id")
                .param(id)
                .query((r, i) -> new Transition(
                        ProgrammeAction.valueOf(r.getString("action")),
                        ProgrammeState.valueOf(r.getString("from_state")),
                        ProgrammeState.valueOf(r.getString("to_state")),
                        r.getString("actor"),
                        r.getString("reason"),
                        json.readValue(r.getString("details"), new TypeReference<Map<String, Object>>() {}),
                        r.getObject("at", OffsetDateTime.class).toInstant()))
                .list();
        return new LabApplication(
                id,
                rs.getString("lab_code"),
                state,
                json.readValue(rs.getString("plan"), ConstructionPlan.class),
                rs.getString("applied_by"),
                rs.getObject("applied_at", OffsetDateTime.class).toInstant(),
                rs.getObject("pilot_start", LocalDate.class),
                rs.getObject("pilot_end", LocalDate.class),
                opinions,
                transitions,
                Arrays.stream(ProgrammeAction.values())
                        .filter(a -> state.next(a).isPresent())
                        .toList());
    }
}
