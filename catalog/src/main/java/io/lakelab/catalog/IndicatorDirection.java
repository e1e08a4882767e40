package io.lakelab.catalog;

/** Whether an indicator is met when its value is at least, or at most, its target. */
public enum IndicatorDirection {
    AT_LEAST,
    AT_MOST;

    public boolean met(double value, double target) {
        return this == AT_LEAST ? value >= target : value <= target;
    }
}
