package io.lakelab.jobs;

import io.lakelab.catalog.ErrorCategory;
import io.lakelab.catalog.LakeLabException;
import io.lakelab.catalog.TableRef;
import io.lakelab.catalog.iceberg.IcebergCatalogs;
import io.lakelab.jobs.JobResult.Column;
import io.lakelab.jobs.JobResult.OutputTable;
import io.lakelab.jobs.JobResult.TableVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.iceberg.BaseMetadataTable;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.spark.source.SparkTable;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.connector.catalog.Identifier;
import org.apache.spark.sql.execution.datasources.LogicalRelation;
import org.apache.spark.sql.execution.datasources.v2.DataSourceV2Relation;

/**
 * Finds the Iceberg table versions a statement reads (from its analyzed plan, before it runs, so a
 * statement that writes what it reads still reports the version it read) and the versions it wrote
 * (loaded from the catalog after it ran). The same walk refuses anything read outside the allowed
 * tables, which catches what the parse-time check cannot see, such as views over other tables.
 */
final class TableVersions {
    private final Catalog catalog;
    private final String workspace;
    private final Predicate<String> readable;

    TableVersions(Catalog catalog, String workspace, Predicate<String> readable) {
        this.catalog = catalog;
        this.workspace = workspace;
        this.readable = readable;
    }

    /** The Iceberg tables read by an analyzed plan, with the snapshot the scan will read. */
    List<TableVersion> reads(LogicalPlan analyzed, String what) {
        Map<String, TableVersion> found = new LinkedHashMap<>();
        List<String> refused = new ArrayList<>();
        PlanWalker.walk(analyzed, node -> {
            if (node instanceof LogicalRelation) {
                refused.add(what + " was refused: it reads files directly; read tables of the catalog instead.");
            } else if (node instanceof DataSourceV2Relation relation) {
                read(relation, what, refused).ifPresent(v -> found.putIfAbsent(v.table(), v));
            }
        });
        if (!refused.isEmpty()) {
            throw new LakeLabException(ErrorCategory.FORBIDDEN, refused.get(0));
        }
        return List.copyOf(found.values());
    }

    private Optional<TableVersion> read(DataSourceV2Relation relation, String what, List<String> refused) {
        String catalogName =
                relation.catalog().isDefined() ? relation.catalog().get().name() : "";
        if (!(relation.table() instanceof SparkTable sparkTable)
                || !catalogName.equals(IcebergCatalogs.CATALOG_NAME)
                || relation.identifier().isEmpty()) {
            refused.add(what + " was refused: it reads " + relation.table().name() + ", which is not a table of the "
                    + IcebergCatalogs.CATALOG_NAME + " catalog.");
            return Optional.empty();
        }
        Identifier id = relation.identifier().get();
        if (id.namespace().length != 1) {
            // a metadata table (ns.table.snapshots): its base table was checked when the SQL was parsed
            return Optional.empty();
        }
        String table = id.namespace()[0] + "." + id.name();
        if (!id.namespace()[0].equals(workspace) && !readable.test(table)) {
            refused.add(what + " was refused: it reads " + table + " (through a view or alias) and the lab has no"
                    + " grant to read it; ask a platform administrator to grant the dataset to the lab.");
            return Optional.empty();
        }
        if (sparkTable.table() instanceof BaseMetadataTable) {
            return Optional.empty();
        }
        Long snapshotId = sparkTable.snapshotId();
        if (snapshotId == null) {
            Snapshot current = sparkTable.table().currentSnapshot();
            snapshotId = current == null ? null : current.snapshotId();
        }
        return Optional.of(new TableVersion(table, snapshotId));
    }

    /** The current snapshot of a table, empty when the table does not exist. */
    Optional<TableVersion> current(TableRef ref) {
        if (!catalog.tableExists(ref.identifier())) {
            return Optional.empty();
        }
        Snapshot snapshot = catalog.loadTable(ref.identifier()).currentSnapshot();
        return Optional.of(new TableVersion(ref.qualified(), snapshot == null ? null : snapshot.snapshotId()));
    }

    /** The table as written: its current snapshot, row count from the snapshot summary, and schema. */
    Optional<OutputTable> output(TableRef ref) {
        if (!catalog.tableExists(ref.identifier())) {
            return Optional.empty();
        }
        Table table = catalog.loadTable(ref.identifier());
        Snapshot snapshot = table.currentSnapshot();
        Long rows = null;
        if (snapshot != null && snapshot.summary().containsKey("total-records")) {
            rows = Long.parseLong(snapshot.summary().get("total-records"));
        }
        List<Column> schema = table.schema().columns().stream()
                .map(f -> new Column(f.name(), f.type().toString()))
                .toList();
        return Optional.of(
                new OutputTable(ref.qualified(), snapshot == null ? null : snapshot.snapshotId(), rows, schema));
    }
}
