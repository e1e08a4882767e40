package io.lakelab.catalog.iceberg;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Collects violations while a file is read: keeps the first few in full and counts all of them. */
final class Violations {
    private final List<Violation> kept = new ArrayList<>();
    private final Set<String> columns = new TreeSet<>();
    private long total;

    void add(long row, String column, String problem) {
        total++;
        columns.add(column);
        if (kept.size() < IngestionException.KEPT) {
            kept.add(new Violation(row, column, problem));
        }
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
}
