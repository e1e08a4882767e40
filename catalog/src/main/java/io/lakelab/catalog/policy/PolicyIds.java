package io.lakelab.catalog.policy;

import io.lakelab.catalog.LabCode;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Deterministic Ranger policy ids, so the same grants always compile to the same JSON and an audit
 * line's policy id names the grant: grant {@code g} owns ids {@code g*1000 .. g*1000+999} (access
 * {@code +0}, row filter {@code +1}, masks {@code +10+i} over the masked columns in name order);
 * a lab's workspace policy is {@code 10^12 + crc32(code)}; fixed engine policies are 1..99.
 */
public final class PolicyIds {
    public static final long MAX_GRANT_ID = 1_000_000_000L;
    private static final long LAB_BASE = 1_000_000_000_000L;

    private PolicyIds() {}

    public static long grantAccess(long grantId) {
        return grantId * 1000;
    }

    public static long grantRowFilter(long grantId) {
        return grantId * 1000 + 1;
    }

    public static long grantMask(long grantId, int maskIndex) {
        return grantId * 1000 + 10 + maskIndex;
    }

    public static long labWorkspace(LabCode lab) {
        CRC32 crc = new CRC32();
        crc.update(lab.value().getBytes(StandardCharsets.UTF_8));
        return LAB_BASE + crc.getValue();
    }

    /** The grant a policy id belongs to, or 0 for lab and fixed policies. */
    public static long grantOf(long policyId) {
        return policyId > 0 && policyId < LAB_BASE ? policyId / 1000 : 0;
    }
}
