package io.lakelab.platform.dataset;

import io.lakelab.catalog.iceberg.SourceFormat;
import io.lakelab.catalog.iceberg.WriteMode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Records every ingest attempt in {@code ingestions}. */
@Repository
class IngestionRepository {

    private final JdbcClient jdbc;

    IngestionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insertSucceeded(
            long datasetId,
            SourceFormat format,
            String encoding,
            WriteMode mode,
            String source,
            long rows,
            long snapshotId,
            String by) {
        return jdbc.sql("INSERT INTO ingestions (dataset_id, format, encoding, mode, source, state, rows_written,"
                        + " snapshot_id, created_by) VALUES (?, ?, ?, ?, ?, 'SUCCEEDED', ?, ?, ?) RETURNING id")
                .params(datasetId, format.name(), encoding, mode.name(), source, rows, snapshotId, by)
                .query(Long.class)
                .single();
    }

    void insertFailed(
            long datasetId,
            SourceFormat format,
            String encoding,
            WriteMode mode,
            String source,
            String error,
            String by) {
        jdbc.sql("INSERT INTO ingestions (dataset_id, format, encoding, mode, source, state, error, created_by)"
                        + " VALUES (?, ?, ?, ?, ?, 'FAILED', ?, ?)")
                .params(datasetId, format.name(), encoding, mode.name(), source, error, by)
                .update();
    }
}
