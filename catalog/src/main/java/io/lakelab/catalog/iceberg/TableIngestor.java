package io.lakelab.catalog.iceberg;

import io.lakelab.catalog.ColumnSpec;
import io.lakelab.catalog.DatasetSchema;
import io.lakelab.catalog.ErrorCategory;
import io.lakelab.catalog.LakeLabException;
import io.lakelab.catalog.TableRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotUpdate;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.GenericFileWriterFactory;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.types.Types;

/**
 * Loads a CSV or Parquet file into an Iceberg table, all or nothing. Every row is checked against the
 * dataset schema while Parquet data files are written; if any row is bad, the written files are
 * deleted, nothing is committed, and an {@link IngestionException} lists the problems. Uses only
 * Iceberg, commons-csv and the JDK, so it also runs inside Spark's relocated Iceberg runtime bundle.
 */
public final class TableIngestor {
    /** Rows per data file: small enough to keep writer memory modest, large enough for few files. */
    static final long ROWS_PER_FILE = 1_000_000;

    private final Catalog catalog;

    public TableIngestor(Catalog catalog) {
        this.catalog = catalog;
    }

    /** Ingests a file; a CSV file is read as UTF-8 (or as its byte-order mark says). */
    public IngestResult ingest(
            TableRef ref,
            DatasetSchema schema,
            Path file,
            SourceFormat format,
            WriteMode mode,
            Map<String, String> snapshotProperties) {
        return ingest(ref, schema, file, format, StandardCharsets.UTF_8, mode, snapshotProperties);
    }

    /**
     * Ingests a file; a CSV file is read in {@code encoding} unless a byte-order mark says otherwise
     * (see {@link CsvEncoding}). Parquet ignores the encoding.
     */
    public IngestResult ingest(
            TableRef ref,
            DatasetSchema schema,
            Path file,
            SourceFormat format,
            Charset encoding,
            WriteMode mode,
            Map<String, String> snapshotProperties) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw LakeLabException.badRequest(
                    "File " + file + " does not exist or cannot be read: upload the file again and retry.");
        }
        Table table = loadOrCreate(ref, schema);
        Snapshot before = table.currentSnapshot();
        QualityChecks checks = new QualityChecks(schema, table.schema());
        Violations violations = new Violations();
        List<DataFile> written = new ArrayList<>();
        long rows;
        try (Writer writer = new Writer(table, written, violations);
                RowSource source = open(format, table.schema(), schema.primaryKey(), file, encoding, table)) {
            if (mode == WriteMode.APPEND && before != null) {
                rememberExisting(table, checks);
            }
            source.read(violations, (at, record) -> {
                if (checks.check(at, record, violations)) {
                    writer.write(record);
                }
            });
            rows = writer.rows;
        } catch (IOException | RuntimeException e) {
            deleteAll(table, written);
            if (e instanceof LakeLabException lle) {
                throw lle;
            }
            if (isDecodingProblem(e)) {
                throw LakeLabException.badRequest("File " + file.getFileName() + " could not be decoded as "
                        + encoding.name() + " text (" + e.getMessage() + "); save it as UTF-8 or give its encoding"
                        + " (one of " + String.join(", ", CsvEncoding.SUPPORTED) + "). The table was not changed.");
            }
            throw new LakeLabException(
                    ErrorCategory.INTERNAL,
                    "Loading " + file.getFileName() + " into " + ref + " failed (" + e.getMessage()
                            + "); the table was not changed. Retry, and report the error if it persists.",
                    e);
        }
        if (violations.any()) {
            deleteAll(table, written);
            throw new IngestionException(message(file, ref, violations), violations.kept(), violations.total());
        }
        List<String> warnings = new ArrayList<>(violations.warnings());
        warnings.addAll(checks.warnings());
        IngestResult committed = commit(table, ref, before, written, rows, mode, snapshotProperties);
        return new IngestResult(
                committed.snapshotId(), committed.previousSnapshotId(), rows, checks.profile(), warnings);
    }

    /** Loads the key and UNIQUE columns of the rows already in the table, so appends cannot repeat them. */
    private static void rememberExisting(Table table, QualityChecks checks) throws IOException {
        List<String> columns = checks.uniqueColumns().stream()
                .map(i -> table.schema().columns().get(i).name())
                .toList();
        if (columns.isEmpty()) {
            return;
        }
        try (CloseableIterable<Record> existing =
                IcebergGenerics.read(table).select(columns).build()) {
            existing.forEach(checks::existing);
        }
    }

    private static boolean isDecodingProblem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CharacterCodingException) {
                return true;
            }
        }
        return false;
    }

    private IngestResult commit(
            Table table,
            TableRef ref,
            Snapshot before,
            List<DataFile> written,
            long rows,
            WriteMode mode,
            Map<String, String> properties) {
        try {
            SnapshotUpdate<?> update;
            if (mode == WriteMode.APPEND) {
                var append = table.newAppend();
                written.forEach(append::appendFile);
                update = append;
            } else {
                var overwrite = table.newOverwrite().overwriteByRowFilter(Expressions.alwaysTrue());
                written.forEach(overwrite::addFile);
                update = overwrite;
            }
            properties.forEach(update::set);
            update.commit();
        } catch (RuntimeException e) {
            deleteAll(table, written);
            throw new LakeLabException(
                    ErrorCategory.CONFLICT,
                    "Committing to " + ref + " failed (" + e.getMessage()
                            + "); the table was not changed. Retry the load.",
                    e);
        }
        Snapshot after = table.currentSnapshot();
        return new IngestResult(after.snapshotId(), before == null ? null : before.snapshotId(), rows, null, List.of());
    }

    private Table loadOrCreate(TableRef ref, DatasetSchema schema) {
        IcebergCatalogs.ensureNamespace(catalog, ref.namespace());
        Table table;
        try {
            table = catalog.loadTable(ref.identifier());
        } catch (NoSuchTableException e) {
            try {
                table = catalog.createTable(ref.identifier(), schema.toIcebergSchema(), PartitionSpec.unpartitioned());
            } catch (org.apache.iceberg.exceptions.AlreadyExistsException raced) {
                table = catalog.loadTable(ref.identifier());
            }
        }
        checkSchema(ref, schema, table.schema());
        return table;
    }

    /** The declared schema must match the table's, so a load never writes columns the table lacks. */
    private static void checkSchema(TableRef ref, DatasetSchema declared, Schema actual) {
        List<String> problems = new ArrayList<>();
        for (ColumnSpec column : declared.columns()) {
            Types.NestedField field = actual.findField(column.name());
            if (field == null) {
                problems.add(column.name() + " is missing from the table");
            } else if (!field.type().equals(column.icebergType())) {
                problems.add(column.name() + " is " + field.type() + " in the table but " + column.type()
                        + " in the dataset schema");
            }
        }
        for (Types.NestedField field : actual.columns()) {
            if (declared.column(field.name()).isEmpty()) {
                problems.add(field.name() + " exists in the table but not in the dataset schema");
            }
        }
        if (!problems.isEmpty()) {
            throw new LakeLabException(
                    ErrorCategory.CONFLICT,
                    "Table " + ref + " does not match the dataset schema: " + String.join("; ", problems)
                            + ". Align the dataset schema with the table, or drop the table and load again.");
        }
    }

    private static RowSource open(
            SourceFormat format, Schema schema, List<String> key, Path file, Charset encoding, Table table)
            throws IOException {
        return switch (format) {
            case CSV -> new CsvRows(schema, key, file, CsvEncoding.detect(file, encoding));
            case PARQUET ->
                new ParquetRows(
                        schema,
                        key,
                        table.io().newInputFile(file.toAbsolutePath().toString()));
        };
    }

    private static String message(Path file, TableRef ref, Violations violations) {
        String rows =
                violations.kept().stream().map(Violation::toString).limit(5).collect(Collectors.joining("; "));
        return "File " + file.getFileName() + " does not match the schema of " + ref + ": "
                + violations.total() + " problem(s) in column(s) " + String.join(", ", violations.columns())
                + " (" + rows + (violations.total() > 5 ? "; ..." : "") + "). The table was not changed. "
                + "Fix these rows or columns in the file, or change the dataset schema, and load it again.";
    }

    private static void deleteAll(Table table, List<DataFile> files) {
        for (DataFile f : files) {
            try {
                table.io().deleteFile(f.location());
            } catch (RuntimeException e) {
                // best effort: an orphan file is harmless to readers and removed by orphan-file cleanup
            }
        }
        files.clear();
    }

    /** Writes valid rows into rolling data files until the first violation, then stops writing. */
    private static final class Writer implements AutoCloseable {
        private final Table table;
        private final List<DataFile> written;
        private final Violations violations;
        private final GenericFileWriterFactory factory;
        private final OutputFileFactory files;
        private DataWriter<Record> current;
        private long inCurrent;
        long rows;

        Writer(Table table, List<DataFile> written, Violations violations) {
            this.table = table;
            this.written = written;
            this.violations = violations;
            this.factory = new GenericFileWriterFactory.Builder(table)
                    .dataFileFormat(FileFormat.PARQUET)
                    .dataSchema(table.schema())
                    .build();
            this.files = OutputFileFactory.builderFor(table, 1, System.nanoTime())
                    .format(FileFormat.PARQUET)
                    .operationId(UUID.randomUUID().toString())
                    .build();
        }

        void write(Record record) {
            if (violations.any()) {
                return; // the load will fail: keep validating, stop spending disk on data files
            }
            if (current == null) {
                current = factory.newDataWriter(files.newOutputFile(), table.spec(), null);
                inCurrent = 0;
            }
            current.write(record);
            rows++;
            if (++inCurrent >= ROWS_PER_FILE) {
                roll();
            }
        }

        private void roll() {
            try {
                current.close();
                written.add(current.toDataFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                current = null;
            }
        }

        @Override
        public void close() {
            if (current != null) {
                roll();
            }
        }
    }
}
