package io.lakelab.platform.dataset;

import io.lakelab.catalog.iceberg.QualityProfile;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Persists the quality profile of each successful ingestion in {@code quality_profiles}. */
@Repository
class QualityRepository {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    QualityRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(
            long datasetId,
            long ingestionId,
            long snapshotId,
            long totalRows,
            QualityProfile profile,
            List<String> warnings) {
        jdbc.sql("INSERT INTO quality_profiles (dataset_id, ingestion_id, snapshot_id, total_rows, profile, warnings)"
                        + " VALUES (?, ?, ?, ?, ?::jsonb, ?::jsonb)")
                .params(
                        datasetId,
                        ingestionId,
                        snapshotId,
                        totalRows,
                        json.writeValueAsString(profile),
                        json.writeValueAsString(warnings))
                .update();
    }

    Optional<DatasetQuality> latest(Dataset dataset) {
        return jdbc.sql("SELECT * FROM quality_profiles WHERE dataset_id = ? ORDER BY id DESC LIMIT 1")
                .param(dataset.id())
                .query((rs, n) -> map(dataset, rs))
                .optional();
    }

    Optional<DatasetQuality> forSnapshot(Dataset dataset, long snapshotId) {
        return jdbc.sql("SELECT * FROM quality_profiles WHERE dataset_id = ? AND snapshot_id = ?")
                .params(dataset.id(), snapshotId)
                .query((rs, n) -> map(dataset, rs))
                .optional();
    }

    List<Long> snapshots(Dataset dataset) {
        return jdbc.sql("SELECT snapshot_id FROM quality_profiles WHERE dataset_id = ? ORDER BY id DESC")
                .param(dataset.id())
                .query(Long.class)
                .list();
    }

    private DatasetQuality map(Dataset dataset, java.sql.ResultSet rs) throws java.sql.SQLException {
        return new DatasetQuality(
                dataset.name().value(),
                rs.getLong("snapshot_id"),
                rs.getLong("ingestion_id"),
                rs.getLong("total_rows"),
                rs.getObject("created_at", java.time.OffsetDateTime.class).toInstant(),
                json.readValue(rs.getString("profile"), QualityProfile.class),
                json.readValue(rs.getString("warnings"), STRINGS));
    }
}
