package io.lakelab.catalog.iceberg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.lakelab.catalog.ColumnSpec;
import io.lakelab.catalog.DatasetSchema;
import io.lakelab.catalog.ErrorCategory;
import io.lakelab.catalog.QualityRule;
import io.lakelab.catalog.TableRef;
import io.lakelab.catalog.UnifiedCreditCode;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.MetricsConfig;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetWriter;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.FileAppender;
import org.apache.iceberg.mapping.MappingUtil;
import org.apache.iceberg.parquet.Parquet;
import org.apache.iceberg.parquet.ParquetUtil;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files as labs really have them: GBK text from Chinese Excel, byte-order marks, Parquet without column
 * statistics, quoted cells spanning lines, padded and mixed-case codes, and the quality rules and
 * profile a dataset declares. Real Iceberg tables on a JDBC catalog (embedded PostgreSQL).
 */
class RealFilesIngestIT {
    private static final Charset GBK = Charset.forName("GBK");
    private static final DatasetSchema SHIPS = DatasetSchema.of(
            ColumnSpec.of("imo", "string", true),
            ColumnSpec.of("name", "string", true),
            ColumnSpec.of("port", "string", false),
            ColumnSpec.of("tonnage", "long", false));

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
    void gbkFileLoadsWithItsEncoding() throws IOException {
        Path file = write("gbk.csv", GBK, "imo,name,port", "9074729,远洋之星,CNSHA", "9176187,东方明珠,CNNGB");
        IngestResult result = ingestor.ingest(
                table("gbk"), SHIPS, file, SourceFormat.CSV, CsvEncoding.resolve("gbk"), WriteMode.APPEND, Map.of());
        assertThat(result.rows()).isEqualTo(2);
        assertThat(read("gbk")).extracting(r -> r.getField("name")).containsExactlyInAnyOrder("远洋之星", "东方明珠");
    }

    @Test
    void gbkFileWithoutEncodingIsABadRequestNamingLineAndFix() throws IOException {
        Path file = write("excel.csv", GBK, "imo,name,port", "9074729,Star,CNSHA", "9176187,东方明珠,CNNGB");
        assertThatThrownBy(() ->
                        ingestor.ingest(table("excel"), SHIPS, file, SourceFormat.CSV, WriteMode.APPEND, Map.of()))
                .isInstanceOfSatisfying(IngestionException.class, e -> {
                    assertThat(e.category()).isEqualTo(ErrorCategory.BAD_REQUEST);
                    assertThat(e.violations())
                            .extracting(Violation::line, Violation::column)
                            .containsExactly(tuple(3L, "(encoding)"));
                })
                .hasMessageContaining("File excel.csv is not valid UTF-8 text: line 3 holds the byte(s) 0xB6")
                .hasMessageContaining("encoding=GB18030")
                .hasMessageContaining("CSV UTF-8")
                .hasMessageContaining("The table was not changed");
        assertThat(catalog.loadTable(table("excel").identifier()).currentSnapshot())
                .isNull();
        assertThatThrownBy(() -> CsvEncoding.resolve("latin1"))
                .hasMessageContaining("Encoding 'latin1' is not supported")
                .hasMessageContaining("GB18030");
    }

    @Test
    void aUtf8FileLoadedAsGb18030IsReadAsUtf8WithAWarning() throws IOException {
        Path file = write("utf8.csv", StandardCharsets.UTF_8, "imo,name", "9074729,远洋之星");
        IngestResult result = ingestor.ingest(
                table("utf8"),
                SHIPS,
                file,
                SourceFormat.CSV,
                CsvEncoding.resolve("GB18030"),
                WriteMode.APPEND,
                Map.of());
        assertThat(read("utf8")).extracting(r -> r.getField("name")).containsExactly("远洋之星");
        assertThat(result.warnings())
                .anySatisfy(w -> assertThat(w).contains("utf8.csv is UTF-8 text, not GB18030", "read as UTF-8"));
    }

    @Test
    void byteOrderMarksDecideTheEncoding() throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        Path utf8 = tmp.resolve("bom.csv");
        Files.write(utf8, concat(bom, "imo,name\n9074729,远洋之星\n".getBytes(StandardCharsets.UTF_8)));
        Path utf16 = tmp.resolve("utf16.csv");
        Files.write(utf16, "imo,name\n9176187,东方明珠\n".getBytes(StandardCharsets.UTF_16)); // big-endian BOM
        assertThat(ingestor.ingest(table("bom"), SHIPS, utf8, SourceFormat.CSV, WriteMode.APPEND, Map.of())
                        .rows())
                .isEqualTo(1);
        // the mark wins over a wrong encoding option
        assertThat(ingestor.ingest(table("bom"), SHIPS, utf16, SourceFormat.CSV, GBK, WriteMode.APPEND, Map.of())
                        .rows())
                .isEqualTo(1);
        assertThat(read("bom")).extracting(r -> r.getField("name")).containsExactlyInAnyOrder("远洋之星", "东方明珠");
    }

    @Test
    void parquetWithoutColumnStatisticsLoadsAndNullsComeFromTheData() throws IOException {
        Schema schema = SHIPS.toIcebergSchema();
        Path file = parquetWithoutStats(
                "nostats.parquet",
                schema,
                List.<Object[]>of(ship("9074729", "Star", null, 100L), ship("9176187", "Pearl", "CNNGB", null)));
        // the file really lacks statistics: its footer has no value or null counts
        var footer = ParquetUtil.fileMetrics(
                org.apache.iceberg.Files.localInput(file.toFile()),
                MetricsConfig.getDefault(),
                MappingUtil.create(schema));
        assertThat(footer.nullValueCounts()).isNullOrEmpty();

        IngestResult result =
                ingestor.ingest(table("nostats"), SHIPS, file, SourceFormat.PARQUET, WriteMode.APPEND, Map.of());
        assertThat(result.rows()).isEqualTo(2);
        assertThat(result.profile().columns())
                .extracting(QualityProfile.ColumnProfile::name, QualityProfile.ColumnProfile::nulls)
                .contains(tuple("port", 1L), tuple("tonnage", 1L), tuple("imo", 0L));

        Schema optionalName = new Schema(schema.columns().stream()
                .map(f -> f.name().equals("name") ? f.asOptional() : f)
                .toList());
        Path nullName = parquetWithoutStats(
                "nullname.parquet", optionalName, List.<Object[]>of(ship("9074729", null, null, 1L)));
        assertThatThrownBy(() -> ingestor.ingest(
                        table("nostats"), SHIPS, nullName, SourceFormat.PARQUET, WriteMode.APPEND, Map.of()))
                .isInstanceOf(IngestionException.class)
                .hasMessageContaining("row 1, column name: is required but null")
                .hasMessageNotContaining("header");

        Schema noPort = new Schema(
                schema.columns().stream().filter(f -> !f.name().equals("port")).toList());
        Path without =
                parquetWithoutStats("noport.parquet", noPort, List.<Object[]>of(ship("9176187", "Pearl", null, 5L)));
        IngestResult partial =
                ingestor.ingest(table("nostats"), SHIPS, without, SourceFormat.PARQUET, WriteMode.APPEND, Map.of());
        assertThat(partial.warnings())
                .anySatisfy(w -> assertThat(w).contains("Optional column port is not in the file"));

        Schema noName = new Schema(
                schema.columns().stream().filter(f -> !f.name().equals("name")).toList());
        Path missing =
                parquetWithoutStats("noname.parquet", noName, List.<Object[]>of(ship("9176187", null, null, 5L)));
        assertThatThrownBy(() -> ingestor.ingest(
                        table("nostats"), SHIPS, missing, SourceFormat.PARQUET, WriteMode.APPEND, Map.of()))
                .hasMessageContaining("file schema, column name: required column is missing from the Parquet file");
    }

    @Test
    void problemsNameTheEditorLineAndTheKey() throws IOException {
        DatasetSchema keyed = SHIPS.withQuality(List.of("imo"), List.of());
        Path file = write(
                "lines.csv",
                StandardCharsets.UTF_8,
                "imo,name,port,tonnage",
                "9074729,\"Star",
                "of the East\",CNSHA,100",
                "",
                "9176187,Pearl,CNNGB,heavy",
                "9319466,,CNSHA,1");
        assertThatThrownBy(() ->
                        ingestor.ingest(table("lines"), keyed, file, SourceFormat.CSV, WriteMode.APPEND, Map.of()))
                .isInstanceOfSatisfying(
                        IngestionException.class,
                        e -> assertThat(e.violations())
                                .extracting(Violation::row, Violation::line, Violation::key)
                                .containsExactly(
                                        tuple(2L, 5L, Map.of("imo", "9176187")),
                                        tuple(3L, 6L, Map.of("imo", "9319466"))))
                .hasMessageContaining("line 5 (row 2), key imo=9176187, column tonnage: 'heavy' is not a valid long");
    }

    @Test
    void anUnclosedQuoteIsABadRequestNamingWhereItStarts() throws IOException {
        Path file =
                write("quote.csv", StandardCharsets.UTF_8, "imo,name", "9074729,Star", "9176187,\"Pearl", "9319466,C");
        assertThatThrownBy(() ->
                        ingestor.ingest(table("quote"), SHIPS, file, SourceFormat.CSV, WriteMode.APPEND, Map.of()))
                .isInstanceOf(IngestionException.class)
                .hasMessageContaining("line 3, column (file): cannot be parsed as CSV from this line on")
                .hasMessageContaining("a quote that is opened but never closed");
    }

    @Test
    void paddedAndMixedCaseCodesAreReportedAndTrimmedOnRequest() throws IOException {
        String[] lines = {"imo,name,port", "9074729,A,CNSHA", "9176187,B, CNSHA", "9319466,C,cnsha", "9321483,D,CNSHA "
        };
        IngestResult kept = ingestor.ingest(
                table("kept"),
                SHIPS,
                write("ports.csv", StandardCharsets.UTF_8, lines),
                SourceFormat.CSV,
                WriteMode.APPEND,
                Map.of());
        QualityProfile.ColumnProfile port = column(kept.profile(), "port");
        assertThat(port.padded()).isEqualTo(2);
        assertThat(port.caseVariants()).isEqualTo(3); // ' CNSHA', 'cnsha', 'CNSHA ' differ from 'CNSHA'
        assertThat(port.distinct()).isEqualTo(4);
        assertThat(kept.warnings())
                .anySatisfy(w -> assertThat(w)
                        .contains(
                                "Column port: 2 cell(s) have leading or trailing spaces",
                                "line 3: ' CNSHA'",
                                "\"trimStrings\": true"))
                .anySatisfy(
                        w -> assertThat(w).contains("Column port: 3 row(s) spell a value differently", "'cnsha' x1"))
                .anySatisfy(w -> assertThat(w).contains("Optional column tonnage is not in the file"));
        assertThat(read("kept")).extracting(r -> r.getField("port")).contains(" CNSHA", "CNSHA ");

        IngestResult trimmed = ingestor.ingest(
                table("trimmed"),
                SHIPS.trimmingStrings(),
                write("ports.csv", StandardCharsets.UTF_8, lines),
                SourceFormat.CSV,
                WriteMode.APPEND,
                Map.of());
        assertThat(read("trimmed")).extracting(r -> r.getField("port")).containsOnly("CNSHA", "cnsha");
        assertThat(column(trimmed.profile(), "port").caseVariants()).isEqualTo(1);
        assertThat(column(trimmed.profile(), "port").distinct()).isEqualTo(2);
        assertThat(trimmed.warnings()).anySatisfy(w -> assertThat(w).contains("they were trimmed"));
    }

    @Test
    void errorRulesRefuseWarnRulesReportAndTheProfileCountsBoth() throws IOException {
        String code = UnifiedCreditCode.withCheckDigit("91310000MA1FL0000");
        DatasetSchema owners = DatasetSchema.of(
                        ColumnSpec.of("credit_code", "string", false),
                        ColumnSpec.of("imo", "string", false),
                        ColumnSpec.of("port", "string", false),
                        ColumnSpec.of("tonnage", "long", false))
                .withQuality(
                        List.of("imo"),
                        List.of(
                                QualityRule.of("credit_code", QualityRule.RuleType.CREDIT_CODE),
                                QualityRule.of("imo", QualityRule.RuleType.IMO_NUMBER),
                                new QualityRule(
                                        "port",
                                        QualityRule.RuleType.ALLOWED_VALUES,
                                        List.of("CNSHA", "CNNGB"),
                                        null,
                                        null,
                                        null,
                                        QualityRule.Severity.WARN,
                                        null),
                                new QualityRule(
                                        "tonnage",
                                        QualityRule.RuleType.RANGE,
                                        List.of(),
                                        "1",
                                        "500000",
                                        null,
                                        null,
                                        null)));
        Path good = write(
                "owners.csv",
                StandardCharsets.UTF_8,
                "credit_code,imo,port,tonnage",
                code + ",9074729,CNSHA,100",
                code + ",IMO 9176187,cnsha,2000");
        IngestResult loaded =
                ingestor.ingest(table("owners"), owners, good, SourceFormat.CSV, WriteMode.APPEND, Map.of());
        assertThat(loaded.profile().rows()).isEqualTo(2);
        assertThat(loaded.profile().rules())
                .extracting(
                        QualityProfile.RuleResult::column,
                        QualityProfile.RuleResult::severity,
                        QualityProfile.RuleResult::violations)
                .containsExactly(
                        tuple("imo", "ERROR", 0L),
                        tuple("credit_code", "ERROR", 0L),
                        tuple("imo", "ERROR", 0L),
                        tuple("port", "WARN", 1L),
                        tuple("tonnage", "ERROR", 0L));
        assertThat(loaded.warnings())
                .anySatisfy(w -> assertThat(w)
                        .contains("1 row(s) break the rule port ALLOWED_VALUES [CNSHA, CNNGB] (WARN)", "'cnsha'"));

        Path bad = write(
                "bad.csv",
                StandardCharsets.UTF_8,
                "credit_code,imo,port,tonnage",
                "91310000MA1FL00001,9321483,CNSHA,100", // wrong check character
                code + ",9074729,CNSHA,0", // key already in the table; tonnage below the range
                code + ",1234568,CNSHA,5"); // bad IMO check digit
        assertThatThrownBy(() ->
                        ingestor.ingest(table("owners"), owners, bad, SourceFormat.CSV, WriteMode.APPEND, Map.of()))
                .isInstanceOfSatisfying(
                        IngestionException.class,
                        e -> assertThat(e.violations())
                                .extracting(Violation::line, Violation::column)
                                .containsExactly(
                                        tuple(2L, "credit_code"),
                                        tuple(3L, "imo"),
                                        tuple(3L, "tonnage"),
                                        tuple(4L, "imo")))
                .hasMessageContaining("is not a valid unified social credit code")
                .hasMessageContaining("repeats the primary key [9074729] of a row already in the table")
                .hasMessageContaining("0 is outside the range [1, 500000]")
                .hasMessageContaining("'1234568' is not a valid IMO number");
        assertThat(read("owners")).hasSize(2);

        Path twice = write(
                "twice.csv",
                StandardCharsets.UTF_8,
                "credit_code,imo,port,tonnage",
                code + ",9319466,CNSHA,1",
                code + ",9319466,CNNGB,2");
        assertThatThrownBy(() ->
                        ingestor.ingest(table("owners"), owners, twice, SourceFormat.CSV, WriteMode.REPLACE, Map.of()))
                .hasMessageContaining(
                        "line 3 (row 2), key imo=9319466, column imo: repeats the primary key [9319466] of line 2");
    }

    @Test
    void uniqueNotNullAndRegexRulesAlsoCountRowsAlreadyInTheTable() throws IOException {
        DatasetSchema ships = SHIPS.withQuality(
                List.of(),
                List.of(
                        QualityRule.of("name", QualityRule.RuleType.UNIQUE),
                        QualityRule.of("port", QualityRule.RuleType.NOT_NULL),
                        new QualityRule("imo", QualityRule.RuleType.REGEX, null, null, null, "[0-9]{7}", null, null)));
        Path first = write("first.csv", StandardCharsets.UTF_8, "imo,name,port", "9074729,Star,CNSHA");
        assertThat(ingestor.ingest(table("unique"), ships, first, SourceFormat.CSV, WriteMode.APPEND, Map.of())
                        .profile()
                        .rules())
                .extracting(QualityProfile.RuleResult::violations)
                .containsExactly(0L, 0L, 0L);
        Path second = write(
                "second.csv",
                StandardCharsets.UTF_8,
                "imo,name,port",
                "9176187,Star,CNNGB",
                "9319466,Pearl,",
                "IMO9321483,Pearl,CNSHA");
        assertThatThrownBy(() ->
                        ingestor.ingest(table("unique"), ships, second, SourceFormat.CSV, WriteMode.APPEND, Map.of()))
                .isInstanceOfSatisfying(
                        IngestionException.class,
                        e -> assertThat(e.violations())
                                .extracting(Violation::line, Violation::column)
                                .containsExactly(
                                        tuple(2L, "name"), tuple(3L, "port"), tuple(4L, "name"), tuple(4L, "imo")))
                .hasMessageContaining("value 'Star' repeats that of a row already in the table")
                .hasMessageContaining("is empty but the rule requires a value")
                .hasMessageContaining("value 'Pearl' repeats that of line 3")
                .hasMessageContaining("'IMO9321483' does not match the pattern [0-9]{7}");
        // replacing the table checks the file alone
        Path replacing = write("replacing.csv", StandardCharsets.UTF_8, "imo,name,port", "9176187,Star,CNNGB");
        assertThat(ingestor.ingest(table("unique"), ships, replacing, SourceFormat.CSV, WriteMode.REPLACE, Map.of())
                        .rows())
                .isEqualTo(1);
    }

    private static QualityProfile.ColumnProfile column(QualityProfile profile, String name) {
        return profile.columns().stream()
                .filter(c -> c.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static TableRef table(String name) {
        return TableRef.of("datasets", name);
    }

    private Path write(String name, Charset charset, String... lines) throws IOException {
        return Files.write(tmp.resolve(name), (String.join("\r\n", lines) + "\r\n").getBytes(charset));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static Object[] ship(String imo, String name, String port, Long tonnage) {
        return new Object[] {imo, name, port, tonnage};
    }

    /** A Parquet file whose writer recorded no column statistics, as some tools do. */
    private Path parquetWithoutStats(String name, Schema schema, List<Object[]> rows) throws IOException {
        Path file = tmp.resolve(name);
        Parquet.WriteBuilder builder = Parquet.write(org.apache.iceberg.Files.localOutput(file.toFile()))
                .schema(schema)
                .createWriterFunc(GenericParquetWriter::create);
        schema.columns().forEach(f -> builder.set("write.parquet.stats-enabled.column." + f.name(), "false"));
        List<String> all = SHIPS.columnNames();
        try (FileAppender<Record> out = builder.build()) {
            for (Object[] values : rows) {
                Record r = GenericRecord.create(schema);
                schema.columns().forEach(f -> r.setField(f.name(), values[all.indexOf(f.name())]));
                out.add(r);
            }
        }
        return file;
    }

    private List<Record> read(String name) throws IOException {
        List<Record> rows = new ArrayList<>();
        try (CloseableIterable<Record> records = IcebergGenerics.read(
                        catalog.loadTable(table(name).identifier()))
                .build()) {
            records.forEach(r -> rows.add(r.copy()));
        }
        return rows;
    }
}
