package io.lakelab.platform.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakelab.platform.support.PlatformTestSupport;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Catalog registration, search and ingestion through the real API, on embedded PostgreSQL and a
 * real Iceberg catalog: good files land as new snapshots, bad files leave the table exactly as it
 * was and say which rows and columns are wrong.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatasetIngestionIT extends PlatformTestSupport {

    @Autowired
    Catalog catalog;

    String lab;
    String dataset;
    Path dir;

    @BeforeAll
    void setUp() throws IOException {
        lab = unique("ing");
        dataset = unique("meters_");
        dir = Files.createTempDirectory("ingest-");
        assertThat(post("admin", "/api/v1/labs", lab(lab)).status()).isEqualTo(201);
        Response registered = post(
                "admin",
                "/api/v1/datasets",
                Map.of(
                        "name", dataset,
                        "titleZh", "电表读数",
                        "titleEn", "Meter readings",
                        "description", "Monthly meter readings per enterprise",
                        "kind", "SOCIAL",
                        "provider", "Shanghai Energy Co.",
                        "grade", "IMPORTANT",
                        "tags", List.of("energy", "meter"),
                        "columns",
                                List.of(
                                        Map.of(
                                                "name",
                                                "credit_code",
                                                "type",
                                                "string",
                                                "required",
                                                true,
                                                "tags",
                                                List.of("ID")),
                                        Map.of("name", "month", "type", "date", "required", true),
                                        Map.of("name", "kwh", "type", "double", "required", false)),
                        "lab", lab));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
    }

    static Map<String, Object> lab(String code) {
        return Map.of(
                "code", code,
                "nameZh", "测试实验室",
                "nameEn", "Test lab",
                "direction", "LOW_CARBON",
                "leadUnit", "Test Co.",
                "coBuilders", List.of(Map.of("name", "Fudan University", "role", "ACADEMIA")));
    }

    private Table table() {
        return catalog.loadTable(TableIdentifier.of("datasets", dataset));
    }

    private Path csv(String name, String... lines) throws IOException {
        return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
    }

    @Test
    void goodFileAppendsThenReplacesAsNewSnapshots() throws IOException {
        Path good = csv("good.csv", "credit_code,month,kwh", "91310000MA1FL0000X,2025-01-01,10.5", "A,2025-02-01,");
        Response first = upload("admin", "/api/v1/datasets/" + dataset + "/ingestions?mode=REPLACE", good);
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.json().get("rowsWritten").asLong()).isEqualTo(2);
        long firstSnapshot = first.json().get("snapshotId").asLong();
        assertThat(table().currentSnapshot().snapshotId()).isEqualTo(firstSnapshot);

        Response second = upload("admin", "/api/v1/datasets/" + dataset + "/ingestions?mode=APPEND", good);
        assertThat(second.json().get("totalRows").asLong()).isEqualTo(4);
        Response replaced = upload("admin", "/api/v1/datasets/" + dataset + "/ingestions?mode=REPLACE", good);
        assertThat(replaced.json().get("totalRows").asLong()).isEqualTo(2);
        assertThat(table().currentSnapshot().parentId())
                .isEqualTo(second.json().get("snapshotId").asLong());

        JsonNode entry = get("bob", "/api/v1/datasets/" + dataset).json();
        assertThat(entry.get("rowCount").asLong()).isEqualTo(2);
        assertThat(entry.get("snapshotId").asLong())
                .isEqualTo(replaced.json().get("snapshotId").asLong());
    }

    @Test
    void badFileIsRefusedWithRowsAndColumnsAndChangesNothing() throws IOException {
        upload(
                "admin",
                "/api/v1/datasets/" + dataset + "/ingestions?mode=REPLACE",
                csv("seed.csv", "credit_code,month,kwh", "X,2025-01-01,1"));
        long before = table().currentSnapshot().snapshotId();
        long filesBefore = dataFiles();

        Path bad = csv("bad.csv", "credit_code,month,kwh", "X,2025-01-01,1", "Y,not-a-date,2", ",2025-03-01,abc");
        Response refused = upload("admin", "/api/v1/datasets/" + dataset + "/ingestions", bad);

        assertThat(refused.status()).isEqualTo(400);
        JsonNode problem = refused.json();
        assertThat(problem.get("detail").asString()).contains("bad.csv").contains("not changed");
        assertThat(problem.get("violations").toString())
                .contains("month")
                .contains("kwh")
                .contains("credit_code");
        assertThat(table().currentSnapshot().snapshotId()).isEqualTo(before);
        assertThat(dataFiles()).isEqualTo(filesBefore);

        JsonNode audit =
                get("admin", "/api/v1/audit?action=dataset.ingest&limit=5").json();
        assertThat(audit.toString()).contains("FAILED");
    }

    @Test
    void missingColumnAndUnknownFormatAreExplained() throws IOException {
        Response missing = upload(
                "admin", "/api/v1/datasets/" + dataset + "/ingestions", csv("missing.csv", "credit_code,kwh", "X,1"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("detail").asString()).contains("month");

        Response unknown = upload(
                "admin",
                "/api/v1/datasets/" + dataset + "/ingestions",
                Files.writeString(dir.resolve("data.txt"), "x"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("detail").asString()).contains("*.csv or *.parquet");
    }

    @Test
    void onlyTheOwningLabsEngineersAndAdminsIngest() throws IOException {
        Path good = csv("ok.csv", "credit_code,month,kwh", "X,2025-01-01,1");
        assertThat(upload("bob", "/api/v1/datasets/" + dataset + "/ingestions", good)
                        .status())
                .isEqualTo(403);
        Response eve = upload("eve", "/api/v1/datasets/" + dataset + "/ingestions", good);
        assertThat(eve.status()).isEqualTo(403);
        assertThat(eve.json().get("detail").asString()).contains(lab);
    }

    @Test
    void searchByTextTagKindCategoryAndGrade() {
        assertThat(get("bob", "/api/v1/datasets?q=meter%20readings").json().toString())
                .contains(dataset);
        assertThat(get("bob", "/api/v1/datasets?tag=meter").json().toString()).contains(dataset);
        assertThat(get("bob", "/api/v1/datasets?kind=SOCIAL&grade=IMPORTANT")
                        .json()
                        .toString())
                .contains(dataset);
        assertThat(get("bob", "/api/v1/datasets?kind=PUBLIC").json().toString()).doesNotContain(dataset);
        assertThat(get("bob", "/api/v1/datasets?category=UNCONDITIONAL").json().toString())
                .doesNotContain(dataset);
    }

    @Test
    void registrationRulesForOpenCategories() {
        Response publicWithout = post(
                "admin",
                "/api/v1/datasets",
                Map.of(
                        "name",
                        unique("pub_"),
                        "titleZh",
                        "公共",
                        "titleEn",
                        "Public",
                        "kind",
                        "PUBLIC",
                        "provider",
                        "Shanghai Big Data Center",
                        "grade",
                        "GENERAL",
                        "columns",
                        List.of(Map.of("name", "a", "type", "string", "required", false))));
        assertThat(publicWithout.status()).isEqualTo(400);
        assertThat(publicWithout.json().get("detail").asString()).contains("openCategory");

        Response badType = post(
                "admin",
                "/api/v1/datasets",
                Map.of(
                        "name",
                        unique("pub_"),
                        "titleZh",
                        "公共",
                        "titleEn",
                        "Public",
                        "kind",
                        "PUBLIC",
                        "openCategory",
                        "UNCONDITIONAL",
                        "provider",
                        "Shanghai Big Data Center",
                        "grade",
                        "GENERAL",
                        "columns",
                        List.of(Map.of("name", "a", "type", "varchar", "required", false))));
        assertThat(badType.status()).isEqualTo(400);
        assertThat(badType.json().get("detail").asString()).contains("varchar");
    }

    @Test
    void gbkFileLoadsWithTheEncodingOptionAndIsA400NamingTheLineWithout() throws IOException {
        Path gbk = Files.write(
                dir.resolve("excel-gbk.csv"),
                "credit_code,month,kwh\r\nA,2025-01-01,1\r\n上海电力,2025-02-01,2\r\n".getBytes(Charset.forName("GBK")));
        Response refused = upload("admin", "/api/v1/datasets/" + dataset + "/ingestions?mode=REPLACE", gbk);
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().get("detail").asString())
                .contains("excel-gbk.csv is not valid UTF-8 text: line 3")
                .contains("encoding=GB18030")
                .contains("not changed");
        assertThat(refused.json().get("violations").get(0).get("line").asLong()).isEqualTo(3);

        Response loaded =
                upload("admin", "/api/v1/datasets/" + dataset + "/ingestions?mode=REPLACE&encoding=GB18030", gbk);
        assertThat(loaded.status()).as(loaded.body()).isEqualTo(201);
        assertThat(loaded.json().get("encoding").asString()).isEqualTo("GB18030");
        assertThat(loaded.json().get("profile").get("rows").asLong()).isEqualTo(2);
        try (var rows = org.apache.iceberg.data.IcebergGenerics.read(table()).build()) {
            List<Object> codes = new java.util.ArrayList<>();
            rows.forEach(r -> codes.add(r.getField("credit_code")));
            assertThat(codes).containsExactlyInAnyOrder("A", "上海电力");
        }
        assertThat(table().currentSnapshot().snapshotId())
                .isEqualTo(loaded.json().get("snapshotId").asLong());

        Response unknown = upload("admin", "/api/v1/datasets/" + dataset + "/ingestions?encoding=latin1", gbk);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("detail").asString()).contains("Encoding 'latin1' is not supported");
    }

    @Test
    void parquetWithoutColumnStatisticsIsAccepted() throws IOException {
        org.apache.iceberg.Schema schema = table().schema();
        Path file = dir.resolve("no-stats.parquet");
        var writer = org.apache.iceberg.parquet.Parquet.write(org.apache.iceberg.Files.localOutput(file.toFile()))
                .schema(schema)
                .createWriterFunc(org.apache.iceberg.data.parquet.GenericParquetWriter::create);
        schema.columns().forEach(f -> writer.set("write.parquet.stats-enabled.column." + f.name(), "false"));
        try (org.apache.iceberg.io.FileAppender<org.apache.iceberg.data.Record> out = writer.build()) {
            for (int i = 0; i < 3; i++) {
                var r = org.apache.iceberg.data.GenericRecord.create(schema);
                r.setField("credit_code", "P" + i);
                r.setField("month", java.time.LocalDate.of(2025, 1 + i, 1));
                r.setField("kwh", i == 1 ? null : i * 1.5);
                out.add(r);
            }
        }
        Response loaded = upload("admin", "/api/v1/datasets/" + dataset + "/ingestions?mode=REPLACE", file);
        assertThat(loaded.status()).as(loaded.body()).isEqualTo(201);
        assertThat(loaded.json().get("rowsWritten").asLong()).isEqualTo(3);
        assertThat(loaded.json().get("encoding").isNull()).isTrue();
        assertThat(loaded.json().get("profile").get("columns").toString()).contains("{\"name\":\"kwh\",\"nulls\":1");
    }

    @Test
    void keysRulesTrimmingAndTheQualityProfilePerSnapshot() throws IOException {
        String ships = unique("ships_");
        Map<String, Object> request = new java.util.HashMap<>(Map.of(
                "name",
                ships,
                "titleZh",
                "船舶",
                "titleEn",
                "Ships",
                "kind",
                "SOCIAL",
                "provider",
                "Port Co.",
                "grade",
                "GENERAL",
                "lab",
                lab,
                "columns",
                List.of(
                        Map.of("name", "imo", "type", "string", "required", true),
                        Map.of("name", "port", "type", "string", "required", false),
                        Map.of("name", "tonnage", "type", "long", "required", false)),
                "primaryKey",
                List.of("imo"),
                "trimStrings",
                true));
        request.put(
                "qualityRules",
                List.of(
                        Map.of("column", "imo", "type", "REGEX", "pattern", "[0-9]{7"),
                        Map.of("column", "port", "type", "ALLOWED_VALUES", "values", List.of("CNSHA"))));
        Response badRegex = post("admin", "/api/v1/datasets", request);
        assertThat(badRegex.status()).as(badRegex.body()).isEqualTo(400);
        assertThat(badRegex.json().get("detail").asString()).contains("invalid pattern '[0-9]{7'");

        request.put(
                "qualityRules",
                List.of(
                        Map.of("column", "imo", "type", "IMO_NUMBER"),
                        Map.of(
                                "column",
                                "port",
                                "type",
                                "ALLOWED_VALUES",
                                "values",
                                List.of("CNSHA"),
                                "severity",
                                "WARN"),
                        Map.of("column", "tonnage", "type", "RANGE", "min", "1")));
        Response registered = post("admin", "/api/v1/datasets", request);
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        assertThat(registered.json().get("schema").get("primaryKey").toString()).contains("imo");

        Path padded = csv("ports.csv", "imo,port,tonnage", "9074729, CNSHA,10", "9176187,cnsha,20", "9319466,CNSHA,30");
        Response loaded = upload("admin", "/api/v1/datasets/" + ships + "/ingestions", padded);
        assertThat(loaded.status()).as(loaded.body()).isEqualTo(201);
        assertThat(loaded.json().get("warnings").toString())
                .contains("Column port: 1 cell(s) have leading or trailing spaces")
                .contains("they were trimmed")
                .contains("1 row(s) break the rule port ALLOWED_VALUES [CNSHA] (WARN)");
        long snapshot = loaded.json().get("snapshotId").asLong();

        Path duplicate = csv("dup.csv", "imo,port,tonnage", "9321483,CNSHA,5", "9074729,CNSHA,0");
        Response refused = upload("admin", "/api/v1/datasets/" + ships + "/ingestions", duplicate);
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        JsonNode violations = refused.json().get("violations");
        assertThat(violations.get(0).get("line").asLong()).isEqualTo(3);
        assertThat(violations.get(0).get("key").get("imo").asString()).isEqualTo("9074729");
        assertThat(refused.json().get("detail").asString())
                .contains("line 3 (row 2), key imo=9074729, column imo: repeats the primary key")
                .contains("0 is outside the range [1, ]");

        Path more = csv("more.csv", "imo,port", "9321483,CNSHA");
        Response appended = upload("admin", "/api/v1/datasets/" + ships + "/ingestions", more);
        assertThat(appended.status()).as(appended.body()).isEqualTo(201);
        assertThat(appended.json().get("warnings").toString()).contains("Optional column tonnage is not in the file");

        // A profile quotes cells of every row: not for analysts, whatever their grants.
        Response analyst = get("bob", "/api/v1/datasets/" + ships + "/quality");
        assertThat(analyst.status()).isEqualTo(403);
        assertThat(analyst.json().get("detail").asString())
                .contains("only administrators and the engineers of the lab that provides the dataset");
        JsonNode latest = get("admin", "/api/v1/datasets/" + ships + "/quality").json();
        assertThat(latest.get("snapshotId").asLong())
                .isEqualTo(appended.json().get("snapshotId").asLong());
        assertThat(latest.get("totalRows").asLong()).isEqualTo(4);
        JsonNode first = get("admin", "/api/v1/datasets/" + ships + "/quality/" + snapshot)
                .json();
        assertThat(first.get("profile").get("rows").asLong()).isEqualTo(3);
        assertThat(first.get("profile").get("trimmed").asBoolean()).isTrue();
        assertThat(first.get("profile").get("columns").toString()).contains("\"caseVariants\":1");
        assertThat(first.get("profile").get("rules").toString()).contains("\"severity\":\"WARN\",\"violations\":1");

        Response none = get("admin", "/api/v1/datasets/" + ships + "/quality/42");
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.json().get("detail").asString()).contains("profiles exist for snapshots");
    }

    @Test
    void theRegistrationAndFileExamplesInTheIngestionDocsWork() throws IOException {
        String doc = Files.readString(Path.of("../docs/ingestion.md"));
        String name = unique("ships_");
        String registration = block(doc, "Declared at registration", "```json")
                .replace("\"name\": \"ships\"", "\"name\": \"" + name + "\"")
                .replace("\"lab\": \"lowcarbon\"", "\"lab\": \"" + lab + "\"");
        Response registered = post("admin", "/api/v1/datasets", registration);
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        assertThat(registered.json().get("schema").get("qualityRules").size()).isEqualTo(6);

        Path ships = Files.writeString(dir.resolve("ships.csv"), block(doc, "Try it", "```csv"));
        Response loaded = upload("admin", "/api/v1/datasets/" + name + "/ingestions", ships);
        assertThat(loaded.status()).as(loaded.body()).isEqualTo(201);
        assertThat(loaded.json().get("warnings").toString())
                .contains("they were trimmed")
                .contains("only by case")
                .contains("break the rule port ALLOWED_VALUES [CNSHA, CNNGB] (WARN)");

        Response again = upload("admin", "/api/v1/datasets/" + name + "/ingestions", ships);
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().get("detail").asString())
                .contains("line 2 (row 1), key imo=9074729, column imo: repeats the primary key [9074729] of a row"
                        + " already in the table");

        Path repeated = Files.writeString(
                dir.resolve("ships-repeated.csv"),
                block(doc, "Try it", "```csv").replace("9176187", "9074729"));
        Response refused = upload("admin", "/api/v1/datasets/" + name + "/ingestions?mode=REPLACE", repeated);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("detail").asString())
                .contains("line 3 (row 2), key imo=9074729, column imo: repeats the primary key [9074729] of line 2");
    }

    /** The first fenced block opened by {@code fence} after {@code heading} in a docs page. */
    private static String block(String doc, String heading, String fence) {
        int start = doc.indexOf(fence, doc.indexOf(heading)) + fence.length() + 1;
        return doc.substring(start, doc.indexOf("```", start));
    }

    private long dataFiles() throws IOException {
        Path data = Path.of(java.net.URI.create(table().location())).resolve("data");
        if (!Files.exists(data)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(data)) {
            return files.filter(Files::isRegularFile).count();
        }
    }
}
