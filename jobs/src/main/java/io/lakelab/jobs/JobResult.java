package io.lakelab.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * What a job run produced, written as {@code <runDir>/result.json}: its state and error message (no
 * stack trace), the Iceberg table versions it read and wrote, the per-statement lineage edges with
 * snapshot ids, the indicator values and the OpenLineage run events. {@code inputs} lists the
 * versions read that this run did not write itself; {@code outputs} the last version of each table
 * it wrote. {@code audit} lists the access decisions of a governed run (allowed and denied), and the
 * refusals of the pre-flight check in any run.
 */
public record JobResult(
        String runId,
        JobState state,
        String error,
        int statementsRun,
        List<TableVersion> inputs,
        List<OutputTable> outputs,
        List<LineageEdge> edges,
        List<IndicatorValue> indicators,
        List<JsonNode> lineageEvents,
        Instant startedAt,
        Instant finishedAt,
        List<AuditEvent> audit) {

    /** A table ({@code namespace.table}) at one Iceberg snapshot; null when it has no snapshot yet. */
    public record TableVersion(String table, Long snapshotId) {}

    /** A table the run wrote: its new snapshot, row count (snapshot {@code total-records}) and schema. */
    public record OutputTable(String table, Long snapshotId, Long rows, List<Column> schema) {}

    /** A column of an output table with its Iceberg type string. */
    public record Column(String name, String type) {}

    /** Statement {@code statement} (1-based) read {@code source} at one snapshot and wrote {@code target}. */
    public record LineageEdge(
            int statement, String source, Long sourceSnapshotId, String target, Long targetSnapshotId) {}

    /** An indicator's value, or the error that kept it from being computed; tables are what it read. */
    public record IndicatorValue(String code, Double value, String error, List<TableVersion> tables) {}

    public JobResult {
        audit = audit == null ? List.of() : List.copyOf(audit);
    }

    public boolean succeeded() {
        return state == JobState.SUCCEEDED;
    }
}
