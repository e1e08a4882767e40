package io.lakelab.platform.grant;

import io.lakelab.catalog.policy.MaskType;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * How a grant is narrowed: columns (empty = all), a row filter (SQL boolean expression over the
 * dataset's columns, or null), masks per column, an expiry (null = until revoked), the purpose, and
 * the access request it answers (null for a direct grant).
 */
public record GrantOptions(
        List<String> columns,
        String rowFilter,
        Map<String, MaskType> masks,
        Instant expiresAt,
        String purpose,
        Long requestId) {

    public GrantOptions {
        columns = columns == null ? List.of() : List.copyOf(columns);
        rowFilter = rowFilter == null || rowFilter.isBlank() ? null : rowFilter.strip();
        masks = masks == null ? Map.of() : Map.copyOf(masks);
        purpose = purpose == null ? "" : purpose.strip();
    }

    /** The whole dataset, until revoked. */
    public static GrantOptions wholeDataset() {
        return new GrantOptions(List.of(), null, Map.of(), null, "", null);
    }
}
