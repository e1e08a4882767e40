/**
 * Indicators: a lab defines numbers it is measured by (a SELECT over its workspace tables, a unit,
 * a target and whether the value must be at least or at most the target). Job runs recompute them
 * and the platform keeps every value with its provenance: the run, the table snapshots it read and
 * when.
 */
package io.lakelab.platform.indicator;
