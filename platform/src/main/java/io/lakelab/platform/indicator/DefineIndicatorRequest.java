package io.lakelab.platform.indicator;

import io.lakelab.catalog.IndicatorDirection;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/** What a lab engineer gives to define (or redefine) an indicator. */
@Schema(description = "An indicator definition.")
public record DefineIndicatorRequest(
        @Schema(
                description = "Code: a lower-case letter, then up to 62 lower-case letters, digits or"
                        + " underscores; the same code redefines.",
                example = "fleet_fuel_tonnes")
        @NotBlank
        String code,

        @Schema(description = "Chinese name.", example = "船队月均燃油消耗") @NotBlank
        String nameZh,

        @Schema(description = "English name.", example = "Fleet fuel use per month") @NotBlank
        String nameEn,

        @Schema(description = "Unit of the value.", example = "t") @NotBlank
        String unit,

        @Schema(description = "The target value.", example = "1000") @NotNull
        Double target,

        @Schema(description = "Met AT_LEAST or AT_MOST the target.", example = "AT_MOST") @NotNull
        IndicatorDirection direction,

        @Schema(
                description = "One SELECT over tables of the lab's workspace that returns one number.",
                example = "SELECT avg(fuel_tonnes) FROM fleet_fuel_monthly")
        @NotBlank
        String sql) {}
