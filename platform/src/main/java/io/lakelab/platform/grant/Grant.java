package io.lakelab.platform.grant;

import io.lakelab.catalog.LabCode;
import java.time.Instant;

/** A lab's permission to read a dataset in its jobs (coarse: whole table). */
public record Grant(
        long id,
        LabCode lab,
        String dataset,
        String table,
        String grantedBy,
        Instant grantedAt,
        String revokedBy,
        Instant revokedAt) {

    public boolean active() {
        return revokedAt == null;
    }
}
