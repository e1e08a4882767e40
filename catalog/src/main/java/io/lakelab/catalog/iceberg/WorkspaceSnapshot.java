package io.lakelab.catalog.iceberg;

import io.lakelab.catalog.ErrorCategory;
import io.lakelab.catalog.LakeLabException;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.NoSuchTableException;

/**
 * The state of a namespace at one moment: each table's current metadata file. Iceberg metadata files
 * are immutable, so pointing a table back at a recorded file undoes everything committed since.
 * The platform captures a lab workspace before a job and restores it when the job fails or is
 * cancelled. A plain record of strings, so it stores as JSON.
 */
public record WorkspaceSnapshot(String namespace, Map<String, String> tables) {

    public WorkspaceSnapshot {
        tables = tables == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(tables));
    }

    public static WorkspaceSnapshot capture(Catalog catalog, String namespace) {
        Namespace ns = Namespace.of(namespace);
        Map<String, String> tables = new TreeMap<>();
        if (catalog instanceof SupportsNamespaces namespaces && !namespaces.namespaceExists(ns)) {
            return new WorkspaceSnapshot(namespace, tables);
        }
        for (TableIdentifier id : catalog.listTables(ns)) {
            try {
                tables.put(id.name(), metadataLocation(catalog.loadTable(id)));
            } catch (NoSuchTableException e) {
                // dropped between list and load: it is not part of the state we record
            }
        }
        return new WorkspaceSnapshot(namespace, tables);
    }

    /**
     * Makes the namespace look as captured: drops tables created since (with their files), re-points
     * changed tables to their recorded metadata file and re-registers tables that were dropped.
     */
    public void restore(Catalog catalog) {
        WorkspaceSnapshot now = capture(catalog, namespace);
        try {
            for (String name : now.tables.keySet()) {
                if (!tables.containsKey(name)) {
                    drop(catalog, id(name), true);
                }
            }
            IcebergCatalogs.ensureNamespace(catalog, namespace);
            for (Map.Entry<String, String> table : tables.entrySet()) {
                String current = now.tables.get(table.getKey());
                if (table.getValue().equals(current)) {
                    continue;
                }
                if (current != null) {
                    // purge=false: the recorded metadata still references these data files
                    drop(catalog, id(table.getKey()), false);
                }
                catalog.registerTable(id(table.getKey()), table.getValue());
            }
        } catch (RuntimeException e) {
            if (e instanceof LakeLabException lle) {
                throw lle;
            }
            throw new LakeLabException(
                    ErrorCategory.EXTERNAL,
                    "Restoring workspace " + namespace + " failed (" + e.getMessage()
                            + "); some tables may be in their newer state. Retry the restore; it is safe to repeat.",
                    e);
        }
    }

    private TableIdentifier id(String name) {
        return TableIdentifier.of(Namespace.of(namespace), name);
    }

    private static void drop(Catalog catalog, TableIdentifier id, boolean purge) {
        try {
            catalog.dropTable(id, purge);
        } catch (RuntimeException e) {
            if (!purge) {
                throw e;
            }
            // removing the files is a nicety; what matters is that the table is gone
            catalog.dropTable(id, false);
        }
    }

    static String metadataLocation(Table table) {
        return ((HasTableOperations) table).operations().current().metadataFileLocation();
    }
}
