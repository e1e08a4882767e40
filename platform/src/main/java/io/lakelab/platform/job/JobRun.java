package io.lakelab.platform.job;

import io.lakelab.catalog.LabCode;
import java.time.Instant;
import java.util.List;

/**
 * One job run as the API shows it: what was submitted, where it is (state and progress), why it
 * failed, and the table versions it read and wrote.
 */
public record JobRun(
        String id,
        LabCode lab,
        String name,
        JobKind kind,
        List<String> statements,
        JobState state,
        Progress progress,
        String error,
        String submittedBy,
        Instant submittedAt,
        Instant startedAt,
        Instant finishedAt,
        List<TableVersion> inputs,
        List<TableVersion> outputs) {

    /** Statements (and indicator computations) done out of the total, with the runner's last message. */
    public record Progress(int done, int total, String message) {}

    /**
     * A table read or written at one Iceberg snapshot, with its catalog dataset when it has one; rows
     * are given for outputs.
     */
    public record TableVersion(String table, Long snapshotId, String dataset, Long rows) {}
}
