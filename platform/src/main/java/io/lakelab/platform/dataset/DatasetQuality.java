package io.lakelab.platform.dataset;

import io.lakelab.catalog.iceberg.QualityProfile;
import java.time.Instant;
import java.util.List;

/**
 * The quality profile of one snapshot of a source dataset, as the catalog shows it: which ingestion
 * committed the snapshot, the table's rows at that snapshot, the profile of the rows that ingestion
 * loaded (for a REPLACE, the whole table; for an APPEND, the appended rows), and its warnings.
 */
public record DatasetQuality(
        String dataset,
        long snapshotId,
        long ingestionId,
        long totalRows,
        Instant profiledAt,
        QualityProfile profile,
        List<String> warnings) {}
