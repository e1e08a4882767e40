package io.lakelab.catalog.iceberg;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakelab.catalog.ColumnSpec;
import io.lakelab.catalog.DatasetSchema;
import io.lakelab.catalog.TableRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceSnapshotIT {
    private static final String NS = "lab_lowcarbon";
    private static final DatasetSchema SCHEMA =
            DatasetSchema.of(ColumnSpec.of("id", "long", true), ColumnSpec.of("label", "string", false));

    @TempDir
    Path tmp;

    private Catalog catalog;
    private TableIngestor ingestor;

    @BeforeEach
    void setUp() {
        catalog = TestCatalogs.newCatalog(tmp.resolve("warehouse"));
        ingestor = new TableIngestor(catalog);
    }

    @Test
    void restoreUndoesAppendReplaceCreateAndDrop() throws IOException {
        load("kept", WriteMode.APPEND, 3);
        load("appended", WriteMode.APPEND, 2);
        load("replaced", WriteMode.APPEND, 4);
        load("dropped", WriteMode.APPEND, 1);
        WorkspaceSnapshot before = WorkspaceSnapshot.capture(catalog, NS);
        assertThat(before.tables()).containsOnlyKeys("kept", "appended", "replaced", "dropped");

        load("appended", WriteMode.APPEND, 5);
        load("replaced", WriteMode.REPLACE, 1);
        load("created", WriteMode.APPEND, 7);
        catalog.dropTable(id("dropped"), false);
        assertThat(WorkspaceSnapshot.capture(catalog, NS)).isNotEqualTo(before);

        before.restore(catalog);

        assertThat(WorkspaceSnapshot.capture(catalog, NS)).isEqualTo(before);
        assertThat(records("kept")).isEqualTo(3);
        assertThat(records("appended")).isEqualTo(2);
        assertThat(records("replaced")).isEqualTo(4);
        assertThat(records("dropped")).isEqualTo(1);
        assertThat(catalog.tableExists(id("created"))).isFalse();
        // restoring twice is harmless: the platform may retry after a crash
        before.restore(catalog);
        assertThat(WorkspaceSnapshot.capture(catalog, NS)).isEqualTo(before);
    }

    @Test
    void restoredTableAcceptsNewCommits() throws IOException {
        load("t", WriteMode.APPEND, 2);
        WorkspaceSnapshot before = WorkspaceSnapshot.capture(catalog, NS);
        load("t", WriteMode.APPEND, 3);
        before.restore(catalog);
        IngestResult again = load("t", WriteMode.APPEND, 1);
        assertThat(records("t")).isEqualTo(3);
        assertThat(again.previousSnapshotId()).isNotNull();
    }

    @Test
    void emptyOrMissingNamespaceCapturesNoTables() {
        WorkspaceSnapshot none = WorkspaceSnapshot.capture(catalog, "lab_nothing");
        assertThat(none.tables()).isEmpty();
        assertThat(none.namespace()).isEqualTo("lab_nothing");
        none.restore(catalog);
    }

    @Test
    void isAPlainValueThatRoundTripsThroughStrings() throws IOException {
        load("t", WriteMode.APPEND, 1);
        WorkspaceSnapshot captured = WorkspaceSnapshot.capture(catalog, NS);
        // what a JSON store would give back: a fresh map with the same strings
        WorkspaceSnapshot copy = new WorkspaceSnapshot(captured.namespace(), Map.copyOf(captured.tables()));
        assertThat(copy).isEqualTo(captured);
        assertThat(captured.tables().get("t")).endsWith(".metadata.json");
    }

    private IngestResult load(String table, WriteMode mode, int rows) throws IOException {
        StringBuilder csv = new StringBuilder("id,label\n");
        for (int i = 0; i < rows; i++) {
            csv.append(i).append(",row ").append(i).append('\n');
        }
        Path file =
                Files.writeString(tmp.resolve(table + "-" + System.nanoTime() + ".csv"), csv, StandardCharsets.UTF_8);
        return ingestor.ingest(TableRef.of(NS, table), SCHEMA, file, SourceFormat.CSV, mode, Map.of());
    }

    private long records(String table) {
        Table t = catalog.loadTable(id(table));
        return Long.parseLong(t.currentSnapshot().summary().get("total-records"));
    }

    private static TableIdentifier id(String table) {
        return TableIdentifier.of(Namespace.of(NS), table);
    }
}
