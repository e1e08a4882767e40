package io.lakelab.jobs;

import io.lakelab.catalog.LabCode;
import io.lakelab.catalog.Workspaces;
import io.lakelab.catalog.iceberg.IcebergCatalogs;

/** Test fixtures written without governance, as another lab's earlier job would have left them. */
final class IcebergSetup {
    private IcebergSetup() {}

    static void workspaceTable(TestLake lake, String lab, String table, String select) {
        String ws = Workspaces.of(LabCode.of(lab));
        IcebergCatalogs.ensureNamespace(lake.catalog, ws);
        lake.spark.sql("CREATE OR REPLACE TABLE lakelab." + ws + "." + table + " USING iceberg AS " + select);
    }
}
