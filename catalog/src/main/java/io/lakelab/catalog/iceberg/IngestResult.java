package io.lakelab.catalog.iceberg;

/**
 * The outcome of a successful ingest: the snapshot it committed, the snapshot that was current before
 * (null for a new or empty table), and how many rows were written. Lineage records both snapshot ids.
 */
public record IngestResult(long snapshotId, Long previousSnapshotId, long rows) {}
