package io.lakelab.platform.trino;

import io.lakelab.catalog.LakeLabException;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A SQL statement to run through Trino: at most {@code maxRows} rows come back (default 1000, at
 * most {@value #MAX_ROWS}), and the query is cancelled after {@code timeoutSeconds} (default 60, at
 * most {@value #MAX_TIMEOUT_SECONDS}).
 */
@Schema(description = "A SQL statement to run through Trino.")
public record QueryRequest(
        @Schema(
                description = "One SQL statement (a trailing ';' is dropped).",
                example = "SELECT count(*) FROM lakelab.datasets.fleet_fuel_use")
        String sql,

        @Schema(description = "Rows to return at most: 1 to 10000, default 1000.", example = "100")
        Integer maxRows,

        @Schema(description = "Cancel the query after this many seconds: 1 to 600, default 60.", example = "30")
        Integer timeoutSeconds) {

    static final int MAX_ROWS = 10_000;
    static final int MAX_TIMEOUT_SECONDS = 600;

    public QueryRequest {
        if (sql == null || sql.isBlank()) {
            throw LakeLabException.badRequest("'sql' is required: give one SQL statement, e.g. SELECT 1.");
        }
        sql = sql.strip();
        while (sql.endsWith(";")) {
            sql = sql.substring(0, sql.length() - 1).strip();
        }
        if (maxRows == null) {
            maxRows = 1000;
        }
        if (timeoutSeconds == null) {
            timeoutSeconds = 60;
        }
        if (maxRows < 1 || maxRows > MAX_ROWS) {
            throw LakeLabException.badRequest("'maxRows' must be between 1 and " + MAX_ROWS + ", was " + maxRows + ".");
        }
        if (timeoutSeconds < 1 || timeoutSeconds > MAX_TIMEOUT_SECONDS) {
            throw LakeLabException.badRequest(
                    "'timeoutSeconds' must be between 1 and " + MAX_TIMEOUT_SECONDS + ", was " + timeoutSeconds + ".");
        }
    }
}
