package io.lakelab.platform.job;

/** A run of submitted SQL statements, or a run that only recomputes the lab's indicators. */
public enum JobKind {
    SQL,
    INDICATOR_REFRESH
}
