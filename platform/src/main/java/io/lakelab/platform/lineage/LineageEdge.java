package io.lakelab.platform.lineage;

/**
 * One run's statement read {@code source} (a qualified {@code namespace.table}) at one Iceberg
 * snapshot and wrote {@code target} at a new one. Snapshot ids are null for a table with no
 * snapshot yet.
 */
public record LineageEdge(
        String runId, int statement, String source, Long sourceSnapshotId, String target, Long targetSnapshotId) {}
