package io.lakelab.platform.grant;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * How many rows of a dataset's current Iceberg snapshot a row filter keeps: what an administrator
 * sees before granting or approving. {@code snapshotId} is null (and both counts 0) while the
 * dataset has no data yet; without a filter every row is kept.
 */
@Schema(description = "Rows of the dataset's current snapshot that a row filter keeps.")
public record RowFilterPreview(
        @Schema(example = "enterprise_registry") String dataset,

        @Schema(description = "The filter counted, as given (null: no filter).", example = "region = 'SH'")
        String rowFilter,

        @Schema(
                description = "The Iceberg snapshot counted (null while the dataset is empty).",
                example = "4923306140923154822")
        Long snapshotId,

        @Schema(description = "Rows in the snapshot.", example = "2000")
        long totalRows,

        @Schema(description = "Rows for which the filter is TRUE (FALSE and NULL drop a row).", example = "713")
        long keptRows) {}
