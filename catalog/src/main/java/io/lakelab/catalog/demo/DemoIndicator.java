package io.lakelab.catalog.demo;

import io.lakelab.catalog.IndicatorDirection;

/**
 * An indicator of the demo lab: a code, names, unit, target and direction, and the Spark SQL that
 * computes its value as a single number from the lab workspace's tables (unqualified names).
 */
public record DemoIndicator(
        String code,
        String nameZh,
        String nameEn,
        String unit,
        double target,
        IndicatorDirection direction,
        String sql) {

    public boolean met(double value) {
        return direction.met(value, target);
    }
}
