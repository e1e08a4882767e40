package io.lakelab.catalog.iceberg;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Collects what reading a file finds: violations (the first few kept in full, all counted), which
 * refuse the file, and warnings, which a successful ingest reports.
 */
final class Violations {
    private final List<Violation> kept = new ArrayList<>();
    private final Set<String> columns = new TreeSet<>();
    private final List<String> warnings = new ArrayList<>();
    private long total;

    void add(Violation.Position at, String column, String problem) {
        total++;
        columns.add(column);
        if (kept.size() < IngestionException.KEPT) {
            kept.add(new Violation(at.row(), at.line(), column, problem, at.key()));
        }
    }

    void warn(String warning) {
        warnings.add(warning);
    }

    boolean any() {
        return total > 0;
    }

    long total() {
        return total;
    }

    List<Violation> kept() {
        return kept;
    }

    Set<String> columns() {
        return columns;
    }

    List<String> warnings() {
        return warnings;
    }
}
