package io.lakelab.platform.access;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Persists agreement versions and acceptances; nothing is ever deleted. */
@Repository
class AgreementRepository {

    private static final String SELECT = "SELECT a.*, d.name AS dataset,"
            + " a.id = (SELECT max(id) FROM data_use_agreements c WHERE c.dataset_id = a.dataset_id) AS is_current"
            + " FROM data_use_agreements a JOIN datasets d ON d.id = a.dataset_id";

    private final JdbcClient jdbc;

    AgreementRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean exists(long datasetId, String version) {
        return jdbc.sql("SELECT count(*) FROM data_use_agreements WHERE dataset_id = ? AND version = ?")
                        .params(datasetId, version)
                        .query(Long.class)
                        .single()
                > 0;
    }

    long insert(long datasetId, String version, String text, String by) {
        return jdbc.sql("INSERT INTO data_use_agreements (dataset_id, version, text, created_by) VALUES (?, ?, ?, ?)"
                        + " RETURNING id")
                .params(datasetId, version, text, by)
                .query(Long.class)
                .single();
    }

    Optional<Agreement> current(long datasetId) {
        return jdbc.sql(SELECT + " WHERE a.dataset_id = ? ORDER BY a.id DESC LIMIT 1")
                .param(datasetId)
                .query(this::map)
                .optional();
    }

    Optional<Agreement> find(long datasetId, String version) {
        return jdbc.sql(SELECT + " WHERE a.dataset_id = ? AND a.version = ?")
                .params(datasetId, version)
                .query(this::map)
                .optional();
    }

    /** Records the acceptance; accepting the same version twice keeps the first record. */
    void accept(long agreementId, long labId, String by) {
        jdbc.sql("INSERT INTO agreement_acceptances (agreement_id, lab_id, accepted_by) VALUES (?, ?, ?)"
                        + " ON CONFLICT (agreement_id, lab_id) DO NOTHING")
                .params(agreementId, labId, by)
                .update();
    }

    boolean accepted(long agreementId, long labId) {
        return jdbc.sql("SELECT count(*) FROM agreement_acceptances WHERE agreement_id = ? AND lab_id = ?")
                        .params(agreementId, labId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    private Agreement map(ResultSet rs, int row) throws SQLException {
        long id = rs.getLong("id");
        String version = rs.getString("version");
        List<Agreement.Acceptance> acceptances = jdbc.sql("SELECT l.code, x.accepted_by, x.accepted_at"
                        + " FROM agreement_acceptances x JOIN labs l ON l.id = x.lab_id WHERE x.agreement_id = ?"
                        + " ORDER BY x.id")
                .param(id)
                .query((r, i) -> new Agreement.Acceptance(
                        r.getString("code"),
                        version,
                        r.getString("accepted_by"),
                        r.getObject("accepted_at", OffsetDateTime.class).toInstant()))
                .list();
        return new Agreement(
                id,
                rs.getString("dataset"),
                version,
                rs.getString("text"),
                rs.getString("created_by"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getBoolean("is_current"),
                acceptances);
    }
}
