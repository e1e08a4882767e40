package io.lakelab.platform.access;

import io.lakelab.catalog.LabCode;
import java.time.Instant;
import java.util.List;

/**
 * A lab engineer's request to read a dataset: for what purpose, which columns (empty = all), for
 * how many days. An administrator approves it (possibly narrowed; the grant records the request)
 * or rejects it with a reason.
 */
public record AccessRequest(
        long id,
        LabCode lab,
        String dataset,
        String purpose,
        List<String> columns,
        int days,
        State state,
        String requestedBy,
        Instant requestedAt,
        String decidedBy,
        Instant decidedAt,
        String reason,
        Long grantId) {

    /** Where a request stands. */
    public enum State {
        PENDING,
        APPROVED,
        REJECTED
    }
}
