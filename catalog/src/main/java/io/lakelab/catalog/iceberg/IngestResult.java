package io.lakelab.catalog.iceberg;

import java.util.List;

/**
 * The outcome of a successful ingest: the snapshot it committed, the snapshot that was current before
 * (null for a new or empty table), how many rows were written, the quality profile of the file, and
 * warnings for the person who loaded it (optional columns absent from the file, whitespace, spellings
 * that differ only by case, WARN rules that rows broke). Lineage records both snapshot ids.
 */
public record IngestResult(
        long snapshotId, Long previousSnapshotId, long rows, QualityProfile profile, List<String> warnings) {

    public IngestResult {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }
}
