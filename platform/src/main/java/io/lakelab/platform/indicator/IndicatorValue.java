package io.lakelab.platform.indicator;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * One computation of an indicator: the value (null when it could not be computed, with the error),
 * whether it met the target, and its provenance: the job run, the table snapshots read and when.
 */
@Schema(description = "One computation of an indicator, with its provenance.")
public record IndicatorValue(
        @Schema(description = "Indicator code.") String code,

        @Schema(description = "The value; null when it could not be computed.")
        Double value,

        @Schema(description = "Whether it met the target; null without a value.")
        Boolean met,

        @Schema(description = "Why it could not be computed; null otherwise.")
        String error,

        @Schema(description = "The job run that computed it.")
        String runId,

        @Schema(description = "The tables read, at their snapshots.")
        List<TableSnapshot> tables,

        @Schema(description = "When it was computed.") Instant computedAt) {

    /** A table read at one Iceberg snapshot. */
    @Schema(description = "A table read at one Iceberg snapshot.")
    public record TableSnapshot(
            @Schema(description = "Qualified table.") String table,

            @Schema(description = "Iceberg snapshot id read.")
            Long snapshotId) {}
}
