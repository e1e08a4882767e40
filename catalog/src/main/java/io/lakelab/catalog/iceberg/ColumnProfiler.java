package io.lakelab.catalog.iceberg;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Profiles one column while a file is read: empty cells, distinct values, and for strings the cells
 * with leading or trailing whitespace and the spellings of a value that differ only by case or spaces
 * (such as {@code 'CNSHA'}, {@code ' CNSHA'} and {@code 'cnsha'}), which exact filters silently miss.
 */
final class ColumnProfiler {
    /** Spellings are tracked for at most this many distinct values: codes have few, free text many. */
    static final int SPELLING_LIMIT = 10_000;

    private final String name;
    private long nulls;
    private final Set<Object> distinct = new HashSet<>();
    private boolean distinctExact = true;
    private long padded;
    private final List<String> paddedExamples = new ArrayList<>();
    private final Map<String, Map<String, Long>> spellings = new HashMap<>();

    ColumnProfiler(String name) {
        this.name = name;
    }

    /** Records a cell as read ({@code raw}) and as stored ({@code stored}, after any trimming). */
    void add(Violation.Position at, Object raw, Object stored) {
        if (raw instanceof String s && !s.equals(s.strip())) {
            padded++;
            if (paddedExamples.size() < 3) {
                paddedExamples.add(where(at) + ": '" + s + "'");
            }
        }
        if (stored == null) {
            nulls++;
            return;
        }
        if (distinctExact) {
            distinct.add(stored);
            if (distinct.size() > QualityProfile.DISTINCT_LIMIT) {
                distinctExact = false;
            }
        }
        if (stored instanceof String s) {
            String normal = s.strip().toLowerCase(Locale.ROOT);
            Map<String, Long> forms = spellings.get(normal);
            if (forms == null && spellings.size() < SPELLING_LIMIT) {
                forms = new HashMap<>(2);
                spellings.put(normal, forms);
            }
            if (forms != null) {
                forms.merge(s, 1L, Long::sum);
            }
        }
    }

    static String where(Violation.Position at) {
        return at.line() != null ? "line " + at.line() : "row " + at.row();
    }

    QualityProfile.ColumnProfile profile() {
        long variants = 0;
        List<String> examples = new ArrayList<>(paddedExamples);
        for (Map<String, Long> forms : spellings.values()) {
            if (forms.size() < 2) {
                continue;
            }
            long all = forms.values().stream().mapToLong(Long::longValue).sum();
            long top = forms.values().stream().mapToLong(Long::longValue).max().orElse(0);
            variants += all - top;
            if (examples.size() < 6) {
                examples.add(forms.entrySet().stream()
                        .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                        .limit(4)
                        .map(e -> "'" + e.getKey() + "' x" + e.getValue())
                        .collect(Collectors.joining(", ")));
            }
        }
        return new QualityProfile.ColumnProfile(
                name,
                nulls,
                distinctExact ? distinct.size() : QualityProfile.DISTINCT_LIMIT,
                distinctExact,
                padded,
                variants,
                examples);
    }

    /** What a 201 response should tell about this column's whitespace and spellings, if anything. */
    List<String> warnings(boolean trimmed) {
        List<String> warnings = new ArrayList<>();
        if (padded > 0) {
            warnings.add("Column " + name + ": " + padded + " cell(s) have leading or trailing spaces (e.g. "
                    + paddedExamples.get(0) + "); "
                    + (trimmed
                            ? "they were trimmed, as the dataset asks (trimStrings)."
                            : "they were stored as written, so exact filters miss them: fix the file, or register"
                                    + " the dataset with \"trimStrings\": true to strip them on ingestion."));
        }
        QualityProfile.ColumnProfile profile = profile();
        if (profile.caseVariants() > 0) {
            String example = profile.examples().get(paddedExamples.size());
            warnings.add("Column " + name + ": " + profile.caseVariants() + " row(s) spell a value differently from"
                    + " its most common spelling only by case" + (trimmed ? "" : " or spaces") + " (" + example
                    + "); an exact filter on one spelling misses the others. Make the spellings consistent in"
                    + " the file, or add an ALLOWED_VALUES rule to refuse unexpected spellings.");
        }
        return warnings;
    }
}
