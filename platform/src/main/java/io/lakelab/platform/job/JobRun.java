package io.lakelab.platform.job;

import io.lakelab.catalog.LabCode;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * One job run as the API shows it: what was submitted, where it is (state and progress), why it
 * failed, and the table versions it read and wrote.
 */
@Schema(description = "A job run.")
public record JobRun(
        @Schema(description = "Run id.", example = "run-4f0c2a9e1b7d3c55")
        String id,

        @Schema(description = "The lab it runs in.") LabCode lab,

        @Schema(description = "The name given at submission.")
        String name,

        @Schema(description = "SQL, or INDICATOR_REFRESH.") JobKind kind,
        @Schema(description = "The statements, in order.") List<String> statements,
        @Schema(description = "Where the run is.") JobState state,

        @Schema(description = "Statements done out of the total, with the runner's last message.")
        Progress progress,

        @Schema(description = "Why it failed; null otherwise.")
        String error,

        @Schema(description = "Who submitted it.") String submittedBy,
        @Schema(description = "When it was submitted.") Instant submittedAt,

        @Schema(description = "When its runner started; null while queued.")
        Instant startedAt,

        @Schema(description = "When it finished; null until then.")
        Instant finishedAt,

        @Schema(description = "Tables read, at the snapshot read.")
        List<TableVersion> inputs,

        @Schema(description = "Tables written, at the snapshot written, with their rows.")
        List<TableVersion> outputs) {

    /** Statements (and indicator computations) done out of the total, with the runner's last message. */
    @Schema(description = "Progress of a run.")
    public record Progress(
            @Schema(description = "Statements (and indicator computations) done.")
            int done,

            @Schema(description = "Their total.") int total,

            @Schema(description = "The runner's last message.")
            String message) {}

    /**
     * A table read or written at one Iceberg snapshot, with its catalog dataset when it has one; rows
     * are given for outputs.
     */
    @Schema(description = "A table at one Iceberg snapshot.")
    public record TableVersion(
            @Schema(description = "Qualified table.", example = "lab_lowcarbon.fleet_fuel_monthly")
            String table,

            @Schema(description = "Iceberg snapshot id read or written.")
            Long snapshotId,

            @Schema(description = "Its catalog dataset, when it has one.")
            String dataset,

            @Schema(description = "Rows written (outputs only).")
            Long rows) {}
}
