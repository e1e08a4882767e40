package io.lakelab.catalog.iceberg;

/**
 * One problem found while validating a file against a dataset schema: the data row (1-based, not
 * counting the CSV header; 0 for a problem with the header or the file's columns), the column, and
 * what is wrong.
 */
public record Violation(long row, String column, String problem) {

    @Override
    public String toString() {
        return (row == 0 ? "header" : "row " + row) + ", column " + column + ": " + problem;
    }
}
