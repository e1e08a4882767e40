package io.lakelab.platform.trino;

import java.util.List;

/**
 * What a query returned: column names and Trino types, the rows (values as JSON numbers, strings,
 * booleans or null; dates and timestamps as ISO strings), whether more rows were cut off by {@code
 * maxRows}, Trino's query id and the elapsed time.
 */
public record QueryResult(
        List<Column> columns, List<List<Object>> rows, boolean truncated, String queryId, long elapsedMs) {

    /** One result column. */
    public record Column(String name, String type) {}
}
