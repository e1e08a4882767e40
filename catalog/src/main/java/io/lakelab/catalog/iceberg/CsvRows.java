package io.lakelab.catalog.iceberg;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;

/**
 * Reads a CSV file with a header row; columns are matched to the schema by name. The file is decoded
 * in the given encoding and checked for undecodable bytes first (see {@link CsvEncoding}). Problems
 * carry the line as an editor or Excel counts it, which differs from the row when a quoted cell spans
 * lines, and the row's primary-key values.
 */
final class CsvRows implements RowSource {
    private final Schema schema;
    private final List<String> key;
    private final Path file;
    private final CsvEncoding.Detected encoding;
    private CSVParser parser;
    private int headerSize;
    /** The line where the last record read ended; the next record starts on the line after it. */
    private long endOfPrevious;

    CsvRows(Schema schema, List<String> key, Path file, CsvEncoding.Detected encoding) {
        this.schema = schema;
        this.key = key;
        this.file = file;
        this.encoding = encoding;
    }

    @Override
    public void read(Violations violations, Sink sink) throws IOException {
        CsvEncoding.Detected used = CsvEncoding.preferUtf8(file, encoding);
        if (!used.equals(encoding)) {
            violations.warn("File " + file.getFileName() + " is UTF-8 text, not "
                    + encoding.charset().name()
                    + " as the encoding option says: it was read as UTF-8, since reading it as "
                    + encoding.charset().name() + " would garble its Chinese text. Omit the option for UTF-8 files.");
        }
        CsvEncoding.check(file, used, file.getFileName().toString());
        Reader reader = CsvEncoding.open(file, used);
        // empty lines are skipped below, not by the parser, so line numbers stay exact
        parser = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(false).get().parse(reader);
        try {
            read(parser.iterator(), violations, sink);
        } catch (UncheckedIOException e) {
            // a malformed quote or an unexpected end of file
            violations.add(
                    new Violation.Position(0, endOfPrevious + 1, Map.of()),
                    "(file)",
                    "cannot be parsed as CSV from this line on (" + e.getCause().getMessage()
                            + "); check for a quote that is opened but never closed");
        }
    }

    private void read(Iterator<CSVRecord> records, Violations violations, Sink sink) {
        CSVRecord header = null;
        long headerLine = 1;
        while (header == null && records.hasNext()) {
            CSVRecord first = records.next();
            endOfPrevious = parser.getCurrentLineNumber();
            if (!blank(first)) {
                header = first;
            } else {
                headerLine++;
            }
        }
        if (header == null) {
            violations.add(
                    Violation.Position.CSV_HEADER,
                    "(header)",
                    "the file is empty; it needs a header row naming the columns");
            return;
        }
        int[] positions = header(header, new Violation.Position(0, headerLine, Map.of()), violations);
        if (violations.any()) {
            return;
        }
        int[] keyPositions = key.stream()
                .mapToInt(k -> positions[schema.columns().indexOf(schema.findField(k))])
                .toArray();
        List<Types.NestedField> fields = schema.columns();
        long row = 0;
        while (records.hasNext()) {
            CSVRecord csv = records.next();
            long line = endOfPrevious + 1;
            endOfPrevious = parser.getCurrentLineNumber();
            if (blank(csv)) {
                continue;
            }
            row++;
            Violation.Position at = new Violation.Position(row, line, keyOf(csv, keyPositions));
            // a short or long row would shift values into the wrong columns
            if (csv.size() != headerSize) {
                violations.add(
                        at, "(row)", "has " + csv.size() + " values but the header has " + headerSize + " columns");
                continue;
            }
            Record record = GenericRecord.create(schema);
            boolean ok = true;
            for (int i = 0; i < fields.size(); i++) {
                String text = positions[i] < 0 ? "" : csv.get(positions[i]);
                if (text.isEmpty()) {
                    if (fields.get(i).isRequired()) {
                        violations.add(at, fields.get(i).name(), "is required but empty");
                        ok = false;
                    }
                    continue;
                }
                try {
                    record.set(i, Values.parse(text, fields.get(i).type()));
                } catch (Values.BadValue e) {
                    violations.add(at, fields.get(i).name(), e.getMessage());
                    ok = false;
                }
            }
            if (ok) {
                sink.accept(at, record);
            }
        }
    }

    private static boolean blank(CSVRecord record) {
        return record.size() == 1 && record.get(0).isEmpty();
    }

    private Map<String, String> keyOf(CSVRecord csv, int[] keyPositions) {
        if (keyPositions.length == 0) {
            return Map.of();
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int k = 0; k < keyPositions.length; k++) {
            int p = keyPositions[k];
            values.put(key.get(k), p >= 0 && p < csv.size() ? csv.get(p).strip() : "");
        }
        return values;
    }

    /** Position of each schema column in the file, -1 when absent; header problems go to violations. */
    private int[] header(CSVRecord header, Violation.Position at, Violations violations) {
        Map<String, Integer> byName = new HashMap<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).strip().toLowerCase(Locale.ROOT);
            if (i == 0 && name.startsWith("\uFEFF")) {
                name = name.substring(1); // a second byte-order mark, as some tools write after the first
            }
            names.add(name);
            if (byName.putIfAbsent(name, i) != null) {
                violations.add(at, name, "appears more than once in the header; keep one column of that name");
            }
        }
        headerSize = header.size();
        int[] positions = new int[schema.columns().size()];
        for (int i = 0; i < positions.length; i++) {
            Types.NestedField field = schema.columns().get(i);
            Integer position = byName.get(field.name());
            positions[i] = position == null ? -1 : position;
            if (position == null && field.isRequired()) {
                violations.add(at, field.name(), "required column is missing from the header; add the column");
            } else if (position == null) {
                violations.warn("Optional column " + field.name() + " is not in the file: it is empty (null) in every"
                        + " row loaded. Add the column to the file if it should have values.");
            }
        }
        for (String name : names) {
            if (schema.findField(name) == null) {
                violations.add(
                        at,
                        name.isEmpty() ? "(unnamed)" : name,
                        "is not a column of the dataset; remove it or add it to the dataset schema");
            }
        }
        return positions;
    }

    @Override
    public void close() throws IOException {
        if (parser != null) {
            parser.close();
        }
    }
}
