package io.lakelab.catalog.iceberg;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakelab.catalog.demo.DemoDataset;
import io.lakelab.catalog.demo.DemoScenario;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo files load as they are: their dirt is in the content (codes), not in the format. */
class DemoIngestIT {

    @TempDir
    Path tmp;

    @Test
    void demoFilesIngestIntoTheSourceNamespace() throws IOException {
        Catalog catalog = TestCatalogs.newCatalog(tmp.resolve("warehouse"));
        DemoScenario scenario = new DemoScenario(200, 11);
        scenario.writeFiles(tmp.resolve("files"));
        TableIngestor ingestor = new TableIngestor(catalog);
        for (DemoDataset dataset : scenario.datasets()) {
            Path file = tmp.resolve("files").resolve(dataset.fileName());
            long lines = Files.readAllLines(file, StandardCharsets.UTF_8).size() - 1;
            IngestResult result = ingestor.ingest(
                    dataset.table(),
                    dataset.schema(),
                    file,
                    SourceFormat.CSV,
                    WriteMode.REPLACE,
                    Map.of("lakelab.dataset", dataset.name().value()));
            assertThat(result.rows()).as(dataset.fileName()).isEqualTo(lines);
            Table table = catalog.loadTable(dataset.table().identifier());
            assertThat(table.currentSnapshot().summary())
                    .containsEntry("total-records", Long.toString(lines))
                    .containsEntry("lakelab.dataset", dataset.name().value());
            assertThat(table.schema().sameSchema(dataset.schema().toIcebergSchema()))
                    .isTrue();
        }
        assertThat(catalog.listTables(org.apache.iceberg.catalog.Namespace.of("datasets")))
                .hasSize(3);
    }
}
