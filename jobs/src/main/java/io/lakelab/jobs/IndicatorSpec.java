package io.lakelab.jobs;

import io.lakelab.catalog.LakeLabException;

/**
 * An indicator the runner computes after the job's statements: a code and a Spark SQL query over
 * the lab workspace whose first column of the first row is the indicator's value.
 */
public record IndicatorSpec(String code, String sql) {

    public IndicatorSpec {
        if (code == null || code.isBlank()) {
            throw LakeLabException.badRequest("An indicator has no code: give every indicator a code.");
        }
        if (sql == null || sql.isBlank()) {
            throw LakeLabException.badRequest(
                    "Indicator " + code + " has no SQL: give a query that returns one number.");
        }
    }
}
