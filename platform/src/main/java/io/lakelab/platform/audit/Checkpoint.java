package io.lakelab.platform.audit;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A signed statement of the chain's state: on {@code day} at {@code at} the chain held {@code
 * records} records, the last one {@code lastId} with hash {@code hash}. {@code signature} is the
 * platform key's Ed25519 signature (base64) over {@link #payload()}; {@code keyId} names the key.
 * Kept as {@code checkpoints/<day>.json} under the audit directory, outside the database, so a
 * chain rewritten inside the database no longer matches it.
 */
public record Checkpoint(
        LocalDate day,
        Instant at,
        long records,
        long lastId,
        String hash,
        String algorithm,
        String keyId,
        String signature) {

    /** The signed text: a version line, then day, time, count, last id and hash, one per line. */
    public String payload() {
        return "lakelab-audit-checkpoint-v1\n" + day + "\n" + at + "\n" + records + "\n" + lastId + "\n" + hash + "\n";
    }
}
