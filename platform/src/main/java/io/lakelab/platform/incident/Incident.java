package io.lakelab.platform.incident;

import java.time.Instant;
import java.util.Map;

/**
 * An emergency freeze of a lab or a dataset: who froze it, when and why, what was stopped (runs
 * cancelled, policy tokens revoked, labs that lost the dataset), and once lifted, by whom and with
 * which resolution. Open while {@code resolvedAt} is null.
 */
public record Incident(
        long id,
        Kind kind,
        String target,
        String reason,
        String frozenBy,
        Instant frozenAt,
        Map<String, Object> stopped,
        String resolvedBy,
        Instant resolvedAt,
        String resolution) {

    /** What an incident freezes. */
    public enum Kind {
        LAB,
        DATASET
    }

    public boolean open() {
        return resolvedAt == null;
    }

    /** How an API refusal names the incident. */
    String describe() {
        return "incident " + id + " (frozen since " + frozenAt + " by " + frozenBy + ": " + reason + ")";
    }
}
