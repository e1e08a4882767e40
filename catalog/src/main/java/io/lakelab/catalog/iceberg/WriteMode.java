package io.lakelab.catalog.iceberg;

/** Whether an ingest adds rows to a table ({@link #APPEND}) or replaces all its rows in one snapshot. */
public enum WriteMode {
    APPEND,
    REPLACE
}
