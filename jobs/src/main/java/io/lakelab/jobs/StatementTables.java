package io.lakelab.jobs;

import io.lakelab.catalog.TableRef;
import java.util.Set;

/**
 * The tables one statement names, resolved against the lab workspace: what it reads and what it
 * writes (creates, replaces, inserts into, changes or drops). Unqualified names resolve to the
 * workspace, which also covers CTE names and temporary views.
 */
record StatementTables(Set<TableRef> reads, Set<TableRef> writes) {
    StatementTables {
        reads = Set.copyOf(reads);
        writes = Set.copyOf(writes);
    }
}
