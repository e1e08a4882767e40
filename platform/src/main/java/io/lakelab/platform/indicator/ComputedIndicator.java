package io.lakelab.platform.indicator;

import java.util.List;

/** What a job run reports for one indicator: its value or the error, and the table snapshots read. */
public record ComputedIndicator(String code, Double value, String error, List<IndicatorValue.TableSnapshot> tables) {}
