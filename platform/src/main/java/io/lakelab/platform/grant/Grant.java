package io.lakelab.platform.grant;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.lakelab.catalog.LabCode;
import io.lakelab.catalog.policy.MaskType;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A lab's permission to read a dataset in its jobs: which columns (empty = all), which rows (a SQL
 * row filter, or null), how columns are masked, for what purpose and until when (null = until
 * revoked). An expired grant is kept but no longer counts; a revoked one is kept with who revoked it.
 * {@code masks} are all masks in force; {@code defaultMasks} names those that came from column tags
 * (not from the administrator), {@code acknowledgedUnmasked} the sensitive columns the administrator
 * acknowledged granting in clear.
 */
public record Grant(
        long id,
        LabCode lab,
        String dataset,
        String table,
        String grantedBy,
        Instant grantedAt,
        String revokedBy,
        Instant revokedAt,
        String purpose,
        List<String> columns,
        String rowFilter,
        Map<String, MaskType> masks,
        Instant expiresAt,
        Long requestId,

        @Schema(
                description = "The masks among 'masks' that came from column tags (lakelab.masking.default-masks),"
                        + " not from the administrator.",
                example = "{\"phone\": \"HASH\"}")
        Map<String, MaskType> defaultMasks,

        @Schema(
                description = "Sensitive (e.g. PII-tagged) columns the administrator acknowledged granting unmasked.",
                example = "[\"income\"]")
        List<String> acknowledgedUnmasked) {

    /** Where a grant stands at a moment. */
    public enum State {
        ACTIVE,
        EXPIRED,
        REVOKED
    }

    public State stateAt(Instant now) {
        if (revokedAt != null) {
            return State.REVOKED;
        }
        return expiresAt != null && !now.isBefore(expiresAt) ? State.EXPIRED : State.ACTIVE;
    }

    /** The state now; part of the JSON so clients need not compare clocks. */
    @JsonProperty("state")
    public State state() {
        return stateAt(Instant.now());
    }

    public boolean active() {
        return state() == State.ACTIVE;
    }
}
