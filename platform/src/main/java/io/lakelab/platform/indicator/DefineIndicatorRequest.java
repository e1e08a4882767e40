package io.lakelab.platform.indicator;

import io.lakelab.catalog.IndicatorDirection;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/** What a lab engineer gives to define (or redefine) an indicator. */
public record DefineIndicatorRequest(
        @NotBlank String code,
        @NotBlank String nameZh,
        @NotBlank String nameEn,
        @NotBlank String unit,
        @NotNull Double target,
        @NotNull IndicatorDirection direction,
        @NotBlank String sql) {}
