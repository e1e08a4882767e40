package io.lakelab.platform.job;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A slice of a run's log from byte {@code offset}; ask again from {@code nextOffset} for more.
 * {@code complete} is true once the run has finished and nothing more will be written.
 */
@Schema(description = "A slice of a run's log.")
public record JobLog(
        @Schema(description = "The run.") String runId,

        @Schema(description = "Byte offset the slice starts at.")
        long offset,

        @Schema(description = "Offset to ask from next.") long nextOffset,
        @Schema(description = "The log text of the slice.") String text,

        @Schema(description = "True once the run has finished and nothing more will be written.")
        boolean complete) {}
