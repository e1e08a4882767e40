package io.lakelab.catalog.iceberg;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.Metrics;
import org.apache.iceberg.MetricsConfig;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.formats.FormatModelRegistry;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.mapping.MappingUtil;
import org.apache.iceberg.mapping.NameMapping;
import org.apache.iceberg.parquet.ParquetUtil;
import org.apache.iceberg.types.Types;

/**
 * Reads a Parquet file against a table schema. Columns are matched by name through a name mapping, so
 * files written by any tool (no Iceberg field ids) work. Which columns the file has comes from its
 * column chunks, which every writer records, never from column statistics (value and null counts,
 * bounds), which writers may omit; nulls are read from the data. Only Iceberg APIs whose signatures
 * carry no Parquet types are used: inside the Spark runtime bundle Parquet is relocated.
 */
final class ParquetRows implements RowSource {
    private final Schema schema;
    private final List<String> key;
    private final InputFile input;

    ParquetRows(Schema schema, List<String> key, InputFile input) {
        this.schema = schema;
        this.key = key;
        this.input = input;
    }

    @Override
    public void read(Violations violations, Sink sink) throws IOException {
        NameMapping mapping = MappingUtil.create(schema);
        Metrics metrics = readMetrics(mapping, violations);
        if (metrics == null) {
            return;
        }
        if (metrics.recordCount() != null && metrics.recordCount() == 0) {
            violations.warn("The Parquet file holds no rows: nothing was added.");
            return;
        }
        // every column of every row group has a chunk with a size, with or without statistics
        Map<Integer, Long> chunks = metrics.columnSizes() == null ? Map.of() : metrics.columnSizes();
        for (Types.NestedField field : schema.columns()) {
            if (chunks.containsKey(field.fieldId())) {
                continue;
            }
            if (field.isRequired()) {
                violations.add(
                        Violation.Position.FILE_SCHEMA,
                        field.name(),
                        "required column is missing from the Parquet file's schema; write the file with this column");
            } else {
                violations.warn("Optional column " + field.name() + " is not in the file: it is empty (null) in every"
                        + " row loaded. Add the column to the file if it should have values.");
            }
        }
        if (violations.any()) {
            return;
        }
        int[] keyIndexes = key.stream()
                .mapToInt(k -> schema.columns().indexOf(schema.findField(k)))
                .toArray();
        // read every column as optional: missing or null values are reported by us, not by the reader
        Schema projection = new Schema(
                schema.columns().stream().map(Types.NestedField::asOptional).toList());
        List<Types.NestedField> fields = schema.columns();
        long row = 0;
        try (CloseableIterable<Record> records = FormatModelRegistry.<Record, Schema>readBuilder(
                        FileFormat.PARQUET, Record.class, input)
                .project(projection)
                .withNameMapping(mapping)
                .build()) {
            for (Record read : records) {
                row++;
                Violation.Position at = new Violation.Position(row, null, keyOf(read, keyIndexes));
                Record record = GenericRecord.create(schema);
                boolean ok = true;
                for (int i = 0; i < fields.size(); i++) {
                    Types.NestedField field = fields.get(i);
                    Object value = read.get(i);
                    String problem = value == null
                            ? (field.isRequired() ? "is required but null" : null)
                            : Values.mismatch(value, field.type());
                    if (problem != null) {
                        violations.add(at, field.name(), problem);
                        ok = false;
                    } else {
                        record.set(i, value);
                    }
                }
                if (ok) {
                    sink.accept(at, record);
                }
            }
        } catch (RuntimeException e) {
            // the reader fails on columns whose physical type cannot become the declared type
            violations.add(
                    new Violation.Position(row + 1, null, Map.of()),
                    "(file)",
                    "cannot be read as the dataset schema (" + e.getMessage() + "); check the column types");
        }
    }

    private Metrics readMetrics(NameMapping mapping, Violations violations) {
        try {
            return ParquetUtil.fileMetrics(input, MetricsConfig.getDefault(), mapping);
        } catch (RuntimeException e) {
            violations.add(
                    Violation.Position.FILE_SCHEMA,
                    "(file)",
                    "is not a readable Parquet file (" + e.getMessage() + ")");
            return null;
        }
    }

    private Map<String, String> keyOf(Record read, int[] keyIndexes) {
        if (keyIndexes.length == 0) {
            return Map.of();
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int k = 0; k < keyIndexes.length; k++) {
            values.put(key.get(k), String.valueOf(read.get(keyIndexes[k])));
        }
        return values;
    }

    @Override
    public void close() {}
}
