package io.lakelab.platform.access;

import java.time.Instant;
import java.util.List;

/**
 * A version of a dataset's data-use agreement (数据利用协议) and the labs that accepted that version:
 * who, when. The newest version is the current one; a lab that accepted an older one must accept
 * again before the dataset can be granted to it.
 */
public record Agreement(
        long id,
        String dataset,
        String version,
        String text,
        String createdBy,
        Instant createdAt,
        boolean current,
        List<Acceptance> acceptances) {

    /** A lab's acceptance of one agreement version. */
    public record Acceptance(String lab, String version, String acceptedBy, Instant acceptedAt) {}
}
