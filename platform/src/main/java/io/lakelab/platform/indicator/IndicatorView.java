package io.lakelab.platform.indicator;

import io.lakelab.catalog.IndicatorDirection;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * An indicator with its latest value: {@code value} and {@code met} come from the latest
 * successful computation ({@code provenance}); {@code latestError} is set when the most recent
 * attempt failed.
 */
@Schema(description = "An indicator with its latest value.")
public record IndicatorView(
        @Schema(description = "Indicator code.", example = "fleet_fuel_tonnes")
        String code,

        @Schema(description = "Chinese name.") String nameZh,
        @Schema(description = "English name.") String nameEn,
        @Schema(description = "Unit of the value.") String unit,
        @Schema(description = "The target value.") double target,

        @Schema(description = "Met AT_LEAST or AT_MOST the target.")
        IndicatorDirection direction,

        @Schema(description = "The SELECT that computes it.")
        String sql,

        @Schema(description = "The workspace tables it reads.", example = "[\"lab_lowcarbon.fleet_fuel_monthly\"]")
        List<String> tables,

        @Schema(description = "Latest computed value; null before the first successful computation.")
        Double value,

        @Schema(description = "Whether that value meets the target.")
        Boolean met,

        @Schema(description = "The computation behind value: run and table snapshots.")
        IndicatorValue provenance,

        @Schema(description = "Set when the most recent attempt failed.")
        String latestError,

        @Schema(description = "Who defined it.") String definedBy,
        @Schema(description = "When.") Instant definedAt) {}
