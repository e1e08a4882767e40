package io.lakelab.platform.indicator;

import io.lakelab.catalog.IndicatorDirection;
import java.time.Instant;
import java.util.List;

/**
 * An indicator with its latest value: {@code value} and {@code met} come from the latest
 * successful computation ({@code provenance}); {@code latestError} is set when the most recent
 * attempt failed.
 */
public record IndicatorView(
        String code,
        String nameZh,
        String nameEn,
        String unit,
        double target,
        IndicatorDirection direction,
        String sql,
        List<String> tables,
        Double value,
        Boolean met,
        IndicatorValue provenance,
        String latestError,
        String definedBy,
        Instant definedAt) {}
