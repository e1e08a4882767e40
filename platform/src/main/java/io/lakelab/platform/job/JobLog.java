package io.lakelab.platform.job;

/**
 * A slice of a run's log from byte {@code offset}; ask again from {@code nextOffset} for more.
 * {@code complete} is true once the run has finished and nothing more will be written.
 */
public record JobLog(String runId, long offset, long nextOffset, String text, boolean complete) {}
