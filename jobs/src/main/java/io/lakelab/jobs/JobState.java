package io.lakelab.jobs;

/** How a job run ended; the runner's exit code is 0 for {@link #SUCCEEDED} and 1 for {@link #FAILED}. */
public enum JobState {
    SUCCEEDED,
    FAILED
}
