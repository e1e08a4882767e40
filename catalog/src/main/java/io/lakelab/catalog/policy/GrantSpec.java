package io.lakelab.catalog.policy;

import io.lakelab.catalog.LabCode;
import io.lakelab.catalog.LakeLabException;
import io.lakelab.catalog.TableRef;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a grant lets a lab do, as the policy compiler needs it: read {@code table}, limited to
 * {@code columns} (empty = every column), only the rows where {@code rowFilter} holds (null = all
 * rows), with {@code masks} applied, until {@code expiresAt} (null = until revoked).
 */
public record GrantSpec(
        long grantId,
        LabCode lab,
        TableRef table,
        Set<String> columns,
        String rowFilter,
        Map<String, MaskType> masks,
        Instant expiresAt,
        String purpose) {

    public GrantSpec {
        if (grantId <= 0 || grantId >= PolicyIds.MAX_GRANT_ID) {
            throw LakeLabException.badRequest(
                    "Grant id " + grantId + " is out of range (1.." + PolicyIds.MAX_GRANT_ID + ").");
        }
        if (lab == null || table == null) {
            throw LakeLabException.badRequest("A grant needs a lab and a table.");
        }
        columns = columns == null ? Set.of() : Set.copyOf(new TreeSet<>(columns));
        rowFilter = rowFilter == null || rowFilter.isBlank() ? null : rowFilter.strip();
        masks = masks == null ? Map.of() : Map.copyOf(new TreeMap<>(masks));
        purpose = purpose == null ? "" : purpose;
        for (String masked : masks.keySet()) {
            if (!columns.isEmpty() && !columns.contains(masked)) {
                throw LakeLabException.badRequest(
                        "Column '" + masked + "' is masked but not granted: grant the column too, or drop its mask.");
            }
        }
    }

    /** Whether the grant is past its expiry at {@code now}. */
    public boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }
}
