package io.lakelab.catalog.policy;

import java.util.Optional;

/** The row filter Ranger returns for a table read, if any, with the policy that set it. */
public record RowFilterDecision(String filterExpr, long policyId) {

    public Optional<String> filter() {
        return Optional.ofNullable(filterExpr);
    }
}
