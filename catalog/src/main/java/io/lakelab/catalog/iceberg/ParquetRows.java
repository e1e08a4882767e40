package io.lakelab.catalog.iceberg;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
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
 * files written by any tool (no Iceberg field ids) work. Only Iceberg APIs whose signatures carry no
 * Parquet types are used: inside the Spark runtime bundle Parquet is relocated.
 */
final class ParquetRows implements RowSource {
    private final Schema schema;
    private final InputFile input;

    ParquetRows(Schema schema, InputFile input) {
        this.schema = schema;
        this.input = input;
    }

    @Override
    public void read(Violations violations, Consumer<Record> sink) throws IOException {
        NameMapping mapping = MappingUtil.create(schema);
        Metrics metrics = readMetrics(mapping, violations);
        if (metrics == null) {
            return;
        }
        Map<Integer, Long> valueCounts = metrics.valueCounts() == null ? Map.of() : metrics.valueCounts();
        for (Types.NestedField field : schema.columns()) {
            if (!valueCounts.containsKey(field.fieldId()) && field.isRequired()) {
                violations.add(0, field.name(), "required column is missing from the Parquet file");
            }
        }
        if (violations.any()) {
            return;
        }
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
                Record record = GenericRecord.create(schema);
                boolean ok = true;
                for (int i = 0; i < fields.size(); i++) {
                    Types.NestedField field = fields.get(i);
                    Object value = read.get(i);
                    String problem = value == null
                            ? (field.isRequired() ? "is required but null" : null)
                            : Values.mismatch(value, field.type());
                    if (problem != null) {
                        violations.add(row, field.name(), problem);
                        ok = false;
                    } else {
                        record.set(i, value);
                    }
                }
                if (ok) {
                    sink.accept(record);
                }
            }
        } catch (RuntimeException e) {
            // the reader fails on columns whose physical type cannot become the declared type
            violations.add(
                    row + 1,
                    "(file)",
                    "cannot be read as the dataset schema (" + e.getMessage() + "); check the column types");
        }
    }

    private Metrics readMetrics(NameMapping mapping, Violations violations) {
        try {
            return ParquetUtil.fileMetrics(input, MetricsConfig.getDefault(), mapping);
        } catch (RuntimeException e) {
            violations.add(0, "(file)", "is not a readable Parquet file (" + e.getMessage() + ")");
            return null;
        }
    }

    @Override
    public void close() {}
}
