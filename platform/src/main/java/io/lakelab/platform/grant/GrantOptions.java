package io.lakelab.platform.grant;

import io.lakelab.catalog.policy.MaskType;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * How a grant is narrowed: columns (empty = all), a row filter (SQL boolean expression over the
 * dataset's columns, or null), masks per column, an expiry (null = until revoked), the purpose, the
 * access request it answers (null for a direct grant), and the sensitive columns the administrator
 * acknowledges granting unmasked (which also keeps a tag's default mask off them).
 */
public record GrantOptions(
        List<String> columns,
        String rowFilter,
        Map<String, MaskType> masks,
        Instant expiresAt,
        String purpose,
        Long requestId,
        List<String> acknowledgeUnmasked) {

    public GrantOptions {
        columns = columns == null ? List.of() : List.copyOf(columns);
        rowFilter = rowFilter == null || rowFilter.isBlank() ? null : rowFilter.strip();
        masks = masks == null ? Map.of() : Map.copyOf(masks);
        purpose = purpose == null ? "" : purpose.strip();
        acknowledgeUnmasked = acknowledgeUnmasked == null
                ? List.of()
                : acknowledgeUnmasked.stream()
                        .filter(java.util.Objects::nonNull)
                        .map(String::strip)
                        .distinct()
                        .sorted()
                        .toList();
    }

    /** Options without acknowledgements. */
    public GrantOptions(
            List<String> columns,
            String rowFilter,
            Map<String, MaskType> masks,
            Instant expiresAt,
            String purpose,
            Long requestId) {
        this(columns, rowFilter, masks, expiresAt, purpose, requestId, List.of());
    }

    /** The whole dataset, until revoked. */
    public static GrantOptions wholeDataset() {
        return new GrantOptions(List.of(), null, Map.of(), null, "", null);
    }

    /** The same options with these masks (explicit and tag defaults together). */
    GrantOptions withMasks(Map<String, MaskType> effective) {
        return new GrantOptions(columns, rowFilter, effective, expiresAt, purpose, requestId, acknowledgeUnmasked);
    }
}
