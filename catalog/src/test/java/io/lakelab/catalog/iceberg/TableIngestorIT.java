package io.lakelab.catalog.iceberg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakelab.catalog.ColumnSpec;
import io.lakelab.catalog.DatasetSchema;
import io.lakelab.catalog.ErrorCategory;
import io.lakelab.catalog.TableRef;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetWriter;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.FileAppender;
import org.apache.iceberg.parquet.Parquet;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableIngestorIT {
    private static final DatasetSchema SCHEMA = DatasetSchema.of(
            ColumnSpec.of("credit_code", "string", true),
            ColumnSpec.of("month", "date", true),
            ColumnSpec.of("electricity_kwh", "double", true),
            ColumnSpec.of("gas_m3", "double", false),
            ColumnSpec.of("capital", "decimal(12,2)", false));
    private static final TableRef TABLE = TableRef.of("datasets", "energy");

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
    void loadsGoodCsvIntoNewTable() throws IOException {
        Path csv = csv(
                "good.csv",
                "credit_code,month,electricity_kwh,gas_m3,capital",
                "A,2025-01-01,100.5,2.0,12.30",
                "B,2025-02-01,200,,",
                "\"C, Ltd\",2025-03-01,1e3,3,7");
        IngestResult result =
                ingestor.ingest(TABLE, SCHEMA, csv, SourceFormat.CSV, WriteMode.APPEND, Map.of("lakelab.upload", "u1"));

        assertThat(result.rows()).isEqualTo(3);
        assertThat(result.previousSnapshotId()).isNull();
        Table table = catalog.loadTable(TABLE.identifier());
        assertThat(table.currentSnapshot().snapshotId()).isEqualTo(result.snapshotId());
        assertThat(table.currentSnapshot().summary()).containsEntry("lakelab.upload", "u1");
        List<Record> rows = read(table);
        assertThat(rows).hasSize(3);
        Record b = rows.stream()
                .filter(r -> r.getField("credit_code").equals("B"))
                .findFirst()
                .orElseThrow();
        assertThat(b.getField("month")).isEqualTo(LocalDate.of(2025, 2, 1));
        assertThat(b.getField("gas_m3")).isNull();
        assertThat(rows).anySatisfy(r -> assertThat(r.getField("capital")).isEqualTo(new BigDecimal("12.30")));
        assertThat(rows).anySatisfy(r -> assertThat(r.getField("credit_code")).isEqualTo("C, Ltd"));
    }

    @Test
    void headerColumnsMatchByNameInAnyOrder() throws IOException {
        Path csv = csv("reordered.csv", "electricity_kwh,CREDIT_CODE,month", "1.5,A,2025-01-01");
        IngestResult result = ingestor.ingest(TABLE, SCHEMA, csv, SourceFormat.CSV, WriteMode.APPEND, Map.of());
        assertThat(result.rows()).isEqualTo(1);
        assertThat(read(catalog.loadTable(TABLE.identifier())).get(0).getField("electricity_kwh"))
                .isEqualTo(1.5);
    }

    @Test
    void appendThenReplace() throws IOException {
        Path two = csv("two.csv", "credit_code,month,electricity_kwh", "A,2025-01-01,1", "B,2025-01-01,2");
        IngestResult first = ingestor.ingest(TABLE, SCHEMA, two, SourceFormat.CSV, WriteMode.APPEND, Map.of());
        IngestResult second = ingestor.ingest(TABLE, SCHEMA, two, SourceFormat.CSV, WriteMode.APPEND, Map.of());
        assertThat(second.previousSnapshotId()).isEqualTo(first.snapshotId());
        assertThat(read(catalog.loadTable(TABLE.identifier()))).hasSize(4);

        Path one = csv("one.csv", "credit_code,month,electricity_kwh", "Z,2025-06-01,9");
        IngestResult replaced =
                ingestor.ingest(TABLE, SCHEMA, one, SourceFormat.CSV, WriteMode.REPLACE, Map.of("k", "v"));
        Table table = catalog.loadTable(TABLE.identifier());
        assertThat(replaced.previousSnapshotId()).isEqualTo(second.snapshotId());
        assertThat(read(table)).extracting(r -> r.getField("credit_code")).containsExactly("Z");
        assertThat(table.currentSnapshot().summary()).containsEntry("k", "v").containsEntry("total-records", "1");
    }

    @Test
    void badValuesAreListedAndTableIsUnchanged() throws IOException {
        ingestor.ingest(
                TABLE,
                SCHEMA,
                csv("ok.csv", "credit_code,month,electricity_kwh", "A,2025-01-01,1"),
                SourceFormat.CSV,
                WriteMode.APPEND,
                Map.of());
        Snapshot before = catalog.loadTable(TABLE.identifier()).currentSnapshot();
        List<Path> filesBefore = dataFiles();
        Path bad = csv(
                "bad.csv",
                "credit_code,month,electricity_kwh,gas_m3,capital",
                "A,2025-01-01,1,,",
                "B,2025-13-01,2,,",
                ",2025-01-01,abc,,",
                "D,2025-01-01,3,,1.234",
                "E,2025-01-01");

        assertThatThrownBy(() -> ingestor.ingest(TABLE, SCHEMA, bad, SourceFormat.CSV, WriteMode.APPEND, Map.of()))
                .isInstanceOfSatisfying(IngestionException.class, e -> {
                    assertThat(e.category()).isEqualTo(ErrorCategory.BAD_REQUEST);
                    assertThat(e.totalViolations()).isEqualTo(5);
                    assertThat(e.violations())
                            .extracting(Violation::row, Violation::column)
                            .containsExactly(
                                    org.assertj.core.groups.Tuple.tuple(2L, "month"),
                                    org.assertj.core.groups.Tuple.tuple(3L, "credit_code"),
                                    org.assertj.core.groups.Tuple.tuple(3L, "electricity_kwh"),
                                    org.assertj.core.groups.Tuple.tuple(4L, "capital"),
                                    org.assertj.core.groups.Tuple.tuple(5L, "(row)"));
                    assertThat(e.violations().get(0).problem())
                            .contains("'2025-13-01' is not a valid date", "yyyy-MM-dd");
                    assertThat(e.violations().get(3).problem()).contains("more than 2 decimal places");
                })
                .hasMessageContaining("File bad.csv does not match the schema of datasets.energy")
                .hasMessageContaining("5 problem(s) in column(s)")
                .hasMessageContaining("month")
                .hasMessageContaining("line 3 (row 2), column month")
                .hasMessageContaining("The table was not changed")
                .hasMessageContaining("load it again");

        assertThat(catalog.loadTable(TABLE.identifier()).currentSnapshot().snapshotId())
                .isEqualTo(before.snapshotId());
        assertThat(dataFiles()).containsExactlyInAnyOrderElementsOf(filesBefore);
    }

    @Test
    void missingRequiredAndUnknownColumnsAreHeaderViolations() throws IOException {
        Path bad = csv("cols.csv", "credit_code,electricity_kwh,colour", "A,1,red");
        assertThatThrownBy(() -> ingestor.ingest(TABLE, SCHEMA, bad, SourceFormat.CSV, WriteMode.APPEND, Map.of()))
                .isInstanceOfSatisfying(
                        IngestionException.class,
                        e -> assertThat(e.violations())
                                .extracting(Violation::row, Violation::column)
                                .containsExactly(
                                        org.assertj.core.groups.Tuple.tuple(0L, "month"),
                                        org.assertj.core.groups.Tuple.tuple(0L, "colour")))
                .hasMessageContaining("header (line 1), column month: required column is missing")
                .hasMessageContaining("header (line 1), column colour: is not a column of the dataset")
                .hasMessageContaining("The table was not changed");
        // the table was created (empty) but holds no snapshot and no files
        assertThat(catalog.loadTable(TABLE.identifier()).currentSnapshot()).isNull();
        assertThat(dataFiles()).isEmpty();
    }

    @Test
    void failedLoadAfterManyGoodRowsLeavesNoFiles() throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("credit_code,month,electricity_kwh");
        for (int i = 0; i < 5000; i++) {
            lines.add("C" + i + ",2025-01-01," + i);
        }
        lines.add("LAST,not-a-date,1");
        Path bad = csv("late.csv", lines.toArray(String[]::new));
        assertThatThrownBy(() -> ingestor.ingest(TABLE, SCHEMA, bad, SourceFormat.CSV, WriteMode.REPLACE, Map.of()))
                .isInstanceOf(IngestionException.class)
                .hasMessageContaining("line 5002 (row 5001), column month");
        assertThat(dataFiles()).isEmpty();
    }

    @Test
    void loadsParquetWrittenByAnotherTool() throws IOException {
        Path file = parquet("good.parquet", SCHEMA.toIcebergSchema(), 50);
        IngestResult result = ingestor.ingest(TABLE, SCHEMA, file, SourceFormat.PARQUET, WriteMode.APPEND, Map.of());
        assertThat(result.rows()).isEqualTo(50);
        List<Record> rows = read(catalog.loadTable(TABLE.identifier()));
        assertThat(rows).hasSize(50);
        assertThat(rows).anySatisfy(r -> assertThat(r.getField("credit_code")).isEqualTo("C7"));
    }

    @Test
    void parquetWithWrongTypeOrMissingColumnIsRejected() throws IOException {
        Schema wrongType = new Schema(
                Types.NestedField.required(1, "credit_code", Types.LongType.get()),
                Types.NestedField.required(2, "month", Types.DateType.get()),
                Types.NestedField.required(3, "electricity_kwh", Types.DoubleType.get()));
        Path file = parquet("wrong.parquet", wrongType, 3);
        assertThatThrownBy(() -> ingestor.ingest(TABLE, SCHEMA, file, SourceFormat.PARQUET, WriteMode.APPEND, Map.of()))
                .isInstanceOf(IngestionException.class)
                .hasMessageContaining("wrong.parquet")
                .hasMessageContaining("credit_code");

        Schema missing = new Schema(Types.NestedField.required(1, "credit_code", Types.StringType.get()));
        Path partial = parquet("partial.parquet", missing, 3);
        assertThatThrownBy(
                        () -> ingestor.ingest(TABLE, SCHEMA, partial, SourceFormat.PARQUET, WriteMode.APPEND, Map.of()))
                .isInstanceOfSatisfying(
                        IngestionException.class,
                        e -> assertThat(e.violations())
                                .extracting(Violation::column)
                                .containsExactly("month", "electricity_kwh"))
                .hasMessageContaining("required column is missing from the Parquet file");
        assertThat(dataFiles()).isEmpty();
    }

    @Test
    void missingFileIsABadRequest() {
        assertThatThrownBy(() -> ingestor.ingest(
                        TABLE, SCHEMA, tmp.resolve("nope.csv"), SourceFormat.CSV, WriteMode.APPEND, Map.of()))
                .hasMessageContaining("nope.csv does not exist")
                .hasMessageContaining("upload the file again");
    }

    @Test
    void schemaThatDiffersFromTableIsAConflict() throws IOException {
        Path csv = csv("ok.csv", "credit_code,month,electricity_kwh", "A,2025-01-01,1");
        ingestor.ingest(TABLE, SCHEMA, csv, SourceFormat.CSV, WriteMode.APPEND, Map.of());
        DatasetSchema other = DatasetSchema.of(ColumnSpec.of("credit_code", "long", true));
        assertThatThrownBy(() -> ingestor.ingest(TABLE, other, csv, SourceFormat.CSV, WriteMode.APPEND, Map.of()))
                .hasMessageContaining("does not match the dataset schema")
                .hasMessageContaining("credit_code is string in the table but long")
                .hasMessageContaining("month exists in the table but not in the dataset schema");
    }

    private Path csv(String name, String... lines) throws IOException {
        Path file = tmp.resolve(name);
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return file;
    }

    /** A standalone Parquet file, written with Iceberg's generic writer as an external tool would. */
    private Path parquet(String name, Schema schema, int rows) throws IOException {
        Path file = tmp.resolve(name);
        try (FileAppender<Record> out = Parquet.write(org.apache.iceberg.Files.localOutput(file.toFile()))
                .schema(schema)
                .createWriterFunc(GenericParquetWriter::create)
                .build()) {
            for (int i = 0; i < rows; i++) {
                Record r = GenericRecord.create(schema);
                for (Types.NestedField f : schema.columns()) {
                    r.setField(f.name(), sample(f, i));
                }
                out.add(r);
            }
        }
        return file;
    }

    private static Object sample(Types.NestedField f, int i) {
        return switch (f.type().typeId()) {
            case STRING -> "C" + i;
            case LONG -> (long) i;
            case DATE -> LocalDate.of(2025, 1 + i % 12, 1);
            case DOUBLE -> i * 1.5;
            case DECIMAL -> new BigDecimal(i + ".25");
            default -> null;
        };
    }

    private List<Path> dataFiles() throws IOException {
        Path root = tmp.resolve("warehouse");
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().contains("/data/"))
                    .filter(Files::isRegularFile)
                    .toList();
        }
    }

    private static List<Record> read(Table table) throws IOException {
        List<Record> rows = new ArrayList<>();
        try (CloseableIterable<Record> records = IcebergGenerics.read(table).build()) {
            records.forEach(r -> rows.add(r.copy()));
        }
        return rows;
    }
}
