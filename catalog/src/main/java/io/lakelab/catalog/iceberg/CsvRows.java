package io.lakelab.catalog.iceberg;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;

/** Reads a UTF-8 CSV file with a header row; columns are matched to the schema by name. */
final class CsvRows implements RowSource {
    private final Schema schema;
    private final CSVParser parser;
    private int headerSize;

    CsvRows(Schema schema, Path file) throws IOException {
        this.schema = schema;
        Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        this.parser =
                CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).get().parse(reader);
    }

    @Override
    public void read(Violations violations, Consumer<Record> sink) {
        Iterator<CSVRecord> records = parser.iterator();
        if (!records.hasNext()) {
            violations.add(0, "(header)", "the file is empty; it needs a header row naming the columns");
            return;
        }
        int[] positions = header(records.next(), violations);
        if (violations.any()) {
            return;
        }
        List<Types.NestedField> fields = schema.columns();
        long row = 0;
        while (records.hasNext()) {
            CSVRecord csv = records.next();
            row++;
            Record record = GenericRecord.create(schema);
            boolean ok = true;
            // a short or long row would shift values into the wrong columns
            if (csv.size() != headerSize) {
                violations.add(
                        row, "(row)", "has " + csv.size() + " values but the header has " + headerSize + " columns");
                continue;
            }
            for (int i = 0; i < fields.size(); i++) {
                Types.NestedField field = fields.get(i);
                String text = positions[i] < 0 ? "" : csv.get(positions[i]);
                if (text.isEmpty()) {
                    if (field.isRequired()) {
                        violations.add(row, field.name(), "is required but empty");
                        ok = false;
                    }
                    continue;
                }
                try {
                    record.set(i, Values.parse(text, field.type()));
                } catch (Values.BadValue e) {
                    violations.add(row, field.name(), e.getMessage());
                    ok = false;
                }
            }
            if (ok) {
                sink.accept(record);
            }
        }
    }

    /** Position of each schema column in the file, -1 when absent; header problems go to violations. */
    private int[] header(CSVRecord header, Violations violations) {
        Map<String, Integer> byName = new HashMap<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).strip().toLowerCase(Locale.ROOT);
            if (i == 0 && name.startsWith("\uFEFF")) {
                name = name.substring(1); // a byte-order mark written by spreadsheet programs
            }
            names.add(name);
            if (byName.putIfAbsent(name, i) != null) {
                violations.add(0, name, "appears more than once in the header; keep one column of that name");
            }
        }
        headerSize = header.size();
        int[] positions = new int[schema.columns().size()];
        for (int i = 0; i < positions.length; i++) {
            Types.NestedField field = schema.columns().get(i);
            Integer position = byName.get(field.name());
            positions[i] = position == null ? -1 : position;
            if (position == null && field.isRequired()) {
                violations.add(0, field.name(), "required column is missing from the header");
            }
        }
        for (String name : names) {
            if (schema.findField(name) == null) {
                violations.add(
                        0,
                        name.isEmpty() ? "(unnamed)" : name,
                        "is not a column of the dataset; remove it or add it to the dataset schema");
            }
        }
        return positions;
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
