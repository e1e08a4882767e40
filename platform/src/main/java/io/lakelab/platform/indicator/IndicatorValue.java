package io.lakelab.platform.indicator;

import java.time.Instant;
import java.util.List;

/**
 * One computation of an indicator: the value (null when it could not be computed, with the error),
 * whether it met the target, and its provenance: the job run, the table snapshots read and when.
 */
public record IndicatorValue(
        String code,
        Double value,
        Boolean met,
        String error,
        String runId,
        List<TableSnapshot> tables,
        Instant computedAt) {

    /** A table read at one Iceberg snapshot. */
    public record TableSnapshot(String table, Long snapshotId) {}
}
