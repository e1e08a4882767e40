package io.lakelab.catalog.iceberg;

import java.util.List;

/**
 * What one ingestion found in its file, kept with the snapshot it committed: how many rows, per
 * column the empty (null) cells, distinct values (exact up to {@value #DISTINCT_LIMIT}, then a lower
 * bound), string cells with leading or trailing whitespace and rows whose value differs from another
 * only by upper/lower case; and per quality rule how many rows broke it. {@code trimmed} tells whether
 * whitespace was stripped before the values were checked and stored.
 */
public record QualityProfile(long rows, boolean trimmed, List<ColumnProfile> columns, List<RuleResult> rules) {
    /** Distinct values are counted exactly up to this many per column. */
    public static final int DISTINCT_LIMIT = 100_000;

    public QualityProfile {
        columns = List.copyOf(columns);
        rules = List.copyOf(rules);
    }

    /**
     * One column: empty cells, distinct values ({@code distinctExact} false once more than {@value
     * #DISTINCT_LIMIT} were seen), cells with surrounding whitespace ({@code padded}), rows spelling a
     * value differently only by case or spaces from the most common spelling ({@code caseVariants}), and
     * a few examples of both.
     */
    public record ColumnProfile(
            String name,
            long nulls,
            long distinct,
            boolean distinctExact,
            long padded,
            long caseVariants,
            List<String> examples) {
        public ColumnProfile {
            examples = List.copyOf(examples);
        }
    }

    /** One rule's outcome: the rule as it reads, its severity, how many rows broke it, a few of them. */
    public record RuleResult(String rule, String column, String severity, long violations, List<String> examples) {
        public RuleResult {
            examples = List.copyOf(examples);
        }

        public boolean passed() {
            return violations == 0;
        }
    }
}
