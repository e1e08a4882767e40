package io.lakelab.platform.indicator;

import io.lakelab.catalog.IndicatorDirection;
import io.lakelab.catalog.LabCode;
import java.time.Instant;
import java.util.List;

/**
 * A lab's indicator definition: code, names, unit, target and direction, the SQL that computes it
 * and the workspace tables that SQL reads (qualified names).
 */
public record Indicator(
        long id,
        LabCode lab,
        String code,
        String nameZh,
        String nameEn,
        String unit,
        double target,
        IndicatorDirection direction,
        String sql,
        List<String> tables,
        String definedBy,
        Instant definedAt) {}
