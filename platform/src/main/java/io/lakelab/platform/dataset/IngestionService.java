package io.lakelab.platform.dataset;

import io.lakelab.catalog.DatasetKind;
import io.lakelab.catalog.DatasetName;
import io.lakelab.catalog.ErrorCategory;
import io.lakelab.catalog.LakeLabException;
import io.lakelab.catalog.iceberg.CsvEncoding;
import io.lakelab.catalog.iceberg.IngestResult;
import io.lakelab.catalog.iceberg.IngestionException;
import io.lakelab.catalog.iceberg.QualityProfile;
import io.lakelab.catalog.iceberg.SourceFormat;
import io.lakelab.catalog.iceberg.TableIngestor;
import io.lakelab.catalog.iceberg.WriteMode;
import io.lakelab.platform.audit.AuditService;
import io.lakelab.platform.identity.Authorizer;
import io.lakelab.platform.identity.CurrentUser;
import io.lakelab.platform.identity.Operation;
import io.lakelab.platform.identity.Role;
import io.lakelab.platform.incident.Freezes;
import io.lakelab.platform.infra.StorageProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.springframework.stereotype.Service;

/**
 * Loads CSV or Parquet files into a source dataset's Iceberg table, validated against the
 * declared schema. Each ingest is one new snapshot (append or replace); a bad file changes
 * nothing and the error names the rows and columns at fault. Every attempt is recorded.
 */
@Service
public class IngestionService {

    /**
     * The outcome of one ingest, as the API returns it, with the warnings for the person who loaded
     * the file (optional columns absent, whitespace, case variants, WARN rules broken) and the
     * quality profile of the rows loaded.
     */
    public record Ingestion(
            long id,
            String dataset,
            String format,
            String encoding,
            String mode,
            String state,
            long rowsWritten,
            long totalRows,
            long snapshotId,
            List<String> warnings,
            QualityProfile profile) {}

    private final DatasetService datasets;
    private final IngestionRepository ingestions;
    private final Authorizer authorizer;
    private final AuditService audit;
    private final Catalog catalog;
    private final StorageProperties storage;
    private final QualityRepository quality;
    private final Freezes freezes;

    IngestionService(
            DatasetService datasets,
            IngestionRepository ingestions,
            QualityRepository quality,
            Authorizer authorizer,
            AuditService audit,
            Catalog catalog,
            StorageProperties storage,
            Freezes freezes) {
        this.freezes = freezes;
        this.datasets = datasets;
        this.ingestions = ingestions;
        this.quality = quality;
        this.authorizer = authorizer;
        this.audit = audit;
        this.catalog = catalog;
        this.storage = storage;
    }

    /** Ingests an uploaded file; the upload is staged under the LakeLab home and removed afterwards. */
    public Ingestion ingestUpload(
            CurrentUser user,
            DatasetName name,
            String fileName,
            InputStream content,
            SourceFormat format,
            String encoding,
            WriteMode mode) {
        Dataset dataset = authorize(user, name);
        SourceFormat resolved = format != null ? format : formatOf(fileName);
        // Staged under its own name, so errors name the file the user uploaded.
        String safeName = Path.of(fileName == null ? "upload" : fileName)
                .getFileName()
                .toString()
                .replaceAll("[^\\p{L}\\p{N}._-]", "_");
        Path stagingDir = storage.uploads().resolve(UUID.randomUUID().toString());
        Path staged = stagingDir.resolve(safeName);
        try {
            Files.createDirectories(stagingDir);
            Files.copy(content, staged, StandardCopyOption.REPLACE_EXISTING);
            return ingest(user, dataset, staged, "upload:" + fileName, resolved, encoding, mode);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not stage the upload " + fileName, e);
        } finally {
            try {
                Files.deleteIfExists(staged);
                Files.deleteIfExists(stagingDir);
            } catch (IOException ignored) {
                // A leftover staging file is harmless; the uploads directory is ours.
            }
        }
    }

    /** Ingests a file already on the server (administrators only). */
    public Ingestion ingestServerPath(
            CurrentUser user, DatasetName name, Path path, SourceFormat format, String encoding, WriteMode mode) {
        authorizer.authorizeOrThrow(user, Operation.INGEST_SERVER_PATH);
        Dataset dataset = authorize(user, name);
        if (!Files.isRegularFile(path)) {
            throw LakeLabException.badRequest(
                    "No readable file at server path " + path + ": give an absolute path to a CSV or Parquet file.");
        }
        return ingest(
                user,
                dataset,
                path,
                "path:" + path,
                format != null ? format : formatOf(path.toString()),
                encoding,
                mode);
    }

    private Dataset authorize(CurrentUser user, DatasetName name) {
        Dataset dataset = datasets.requireVisible(user, name);
        if (dataset.kind() == DatasetKind.DERIVED) {
            throw LakeLabException.badRequest("Dataset '" + name.value()
                    + "' is derived: its data comes from the jobs that write it, not from ingestion.");
        }
        if (dataset.ownerLab() == null) {
            if (!user.has(Role.PLATFORM_ADMIN)) {
                authorizer.authorizeOrThrow(user, Operation.INGEST_SERVER_PATH); // admins only; audited
            }
        } else {
            authorizer.authorizeOrThrow(user, Operation.INGEST, dataset.ownerLab());
        }
        freezes.requireDatasetNotFrozen(name, "ingesting into it");
        return dataset;
    }

    private Ingestion ingest(
            CurrentUser user,
            Dataset dataset,
            Path file,
            String source,
            SourceFormat format,
            String encoding,
            WriteMode mode) {
        WriteMode resolvedMode = mode == null ? WriteMode.APPEND : mode;
        Charset charset = CsvEncoding.resolve(encoding);
        String encodingName = format == SourceFormat.CSV ? charset.name() : null; // Parquet has none
        String resource = "dataset:" + dataset.name().value();
        try {
            IngestResult result = new TableIngestor(catalog)
                    .ingest(
                            dataset.table(),
                            dataset.schema(),
                            file,
                            format,
                            charset,
                            resolvedMode,
                            Map.of("lakelab.ingested-by", user.username(), "lakelab.source", source));
            long total = totalRows(dataset);
            datasets.recordData(dataset, total, result.snapshotId());
            long id = ingestions.insertSucceeded(
                    dataset.id(),
                    format,
                    encodingName,
                    resolvedMode,
                    source,
                    result.rows(),
                    result.snapshotId(),
                    user.username());
            quality.insert(dataset.id(), id, result.snapshotId(), total, result.profile(), result.warnings());
            audit.record(
                    user.username(),
                    "dataset.ingest",
                    resource,
                    AuditService.Outcome.SUCCEEDED,
                    Map.of(
                            "rows",
                            result.rows(),
                            "snapshotId",
                            result.snapshotId(),
                            "mode",
                            resolvedMode.name(),
                            "warnings",
                            result.warnings().size()));
            return new Ingestion(
                    id,
                    dataset.name().value(),
                    format.name(),
                    encodingName,
                    resolvedMode.name(),
                    "SUCCEEDED",
                    result.rows(),
                    total,
                    result.snapshotId(),
                    result.warnings(),
                    result.profile());
        } catch (IngestionException e) {
            ingestions.insertFailed(
                    dataset.id(), format, encodingName, resolvedMode, source, e.getMessage(), user.username());
            audit.record(
                    user.username(),
                    "dataset.ingest",
                    resource,
                    AuditService.Outcome.FAILED,
                    Map.of("error", e.getMessage(), "mode", resolvedMode.name()));
            throw e;
        }
    }

    /**
     * The quality profile of a dataset's latest ingested snapshot, or of the given snapshot. A
     * profile counts and quotes cells of every row and column, whatever a grant narrows (row filter,
     * columns, masks), so only those who may load the data read it: administrators and the
     * engineers of the providing lab.
     */
    public DatasetQuality quality(CurrentUser user, DatasetName name, Long snapshotId) {
        Dataset dataset = datasets.get(user, name);
        boolean loadsIt = user.has(Role.PLATFORM_ADMIN)
                || (dataset.ownerLab() != null && authorizer.allows(user, Operation.INGEST, dataset.ownerLab()));
        if (!loadsIt) {
            String reason = "Quality profiles of '" + name.value() + "' quote and count cells of every row and"
                    + " column, whatever a grant narrows: only administrators and the engineers of the lab that"
                    + " provides the dataset may read them. Query the rows granted to you instead.";
            audit.record(
                    user.username(),
                    "dataset.quality",
                    "dataset:" + name.value(),
                    AuditService.Outcome.DENIED,
                    Map.of("reason", reason));
            throw new LakeLabException(ErrorCategory.FORBIDDEN, reason);
        }
        Optional<DatasetQuality> found =
                snapshotId == null ? quality.latest(dataset) : quality.forSnapshot(dataset, snapshotId);
        return found.orElseThrow(() -> new LakeLabException(
                ErrorCategory.NOT_FOUND,
                snapshotId == null
                        ? "Dataset '" + name.value() + "' has no quality profile yet: profiles are made by"
                                + " ingestion, so ingest a file first."
                        : "Dataset '" + name.value() + "' has no quality profile for snapshot " + snapshotId
                                + ": profiles exist for snapshots " + quality.snapshots(dataset)
                                + " (only ingestions make them; derived data has none)."));
    }

    private long totalRows(Dataset dataset) {
        Table table = catalog.loadTable(TableIdentifier.of(
                Namespace.of(dataset.table().namespace()), dataset.table().name()));
        Snapshot current = table.currentSnapshot();
        if (current == null) {
            return 0;
        }
        String total = current.summary().get("total-records");
        return total == null ? 0 : Long.parseLong(total);
    }

    static SourceFormat formatOf(String fileName) {
        String lower = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".csv")) {
            return SourceFormat.CSV;
        }
        if (lower.endsWith(".parquet")) {
            return SourceFormat.PARQUET;
        }
        throw new LakeLabException(
                ErrorCategory.BAD_REQUEST,
                "Cannot tell the format of '" + fileName + "': name the file *.csv or *.parquet, or pass format=CSV"
                        + " or format=PARQUET.");
    }
}
