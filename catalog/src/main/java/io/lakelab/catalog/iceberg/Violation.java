package io.lakelab.catalog.iceberg;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * One problem found while validating a file against a dataset schema: the data row (1-based, not
 * counting the CSV header; 0 for a problem with the header or the file's columns), the line of a CSV
 * file as an editor or Excel counts it (null for Parquet; a quoted cell spanning lines makes it larger
 * than the row), the column, what is wrong, and the row's primary-key values when the dataset
 * declares a key (empty otherwise).
 */
public record Violation(long row, Long line, String column, String problem, Map<String, String> key) {

    public Violation {
        key = key == null ? Map.of() : key;
    }

    /** Where a row sits in its file: row number, CSV line (null for Parquet) and key values. */
    record Position(long row, Long line, Map<String, String> key) {
        static final Position CSV_HEADER = new Position(0, 1L, Map.of());
        static final Position FILE_SCHEMA = new Position(0, null, Map.of());
    }

    @Override
    public String toString() {
        String where;
        if (line == null) {
            where = row == 0 ? "file schema" : "row " + row;
        } else if (row == 0) {
            where = line == 1 ? "header (line 1)" : "line " + line;
        } else {
            where = "line " + line + " (row " + row + ")";
        }
        if (!key.isEmpty()) {
            where += ", key "
                    + key.entrySet().stream()
                            .map(e -> e.getKey() + "=" + e.getValue())
                            .collect(Collectors.joining(", "));
        }
        return where + ", column " + column + ": " + problem;
    }
}
