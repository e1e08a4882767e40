package io.lakelab.platform.dataset;

import io.lakelab.catalog.DatasetKind;
import io.lakelab.catalog.DatasetName;
import io.lakelab.catalog.Grade;
import io.lakelab.catalog.OpenCategory;
import io.lakelab.catalog.iceberg.SourceFormat;
import io.lakelab.catalog.iceberg.WriteMode;
import io.lakelab.platform.identity.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** HTTP for the dataset catalog and ingestion. */
@RestController
@RequestMapping("/api/v1/datasets")
@Tag(name = "datasets", description = "The dataset catalog: registration, search and ingestion of files")
class DatasetController {

    private final DatasetService datasets;
    private final IngestionService ingestion;

    DatasetController(DatasetService datasets, IngestionService ingestion) {
        this.datasets = datasets;
        this.ingestion = ingestion;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Register a source dataset",
            description = "Administrators, or lab engineers for their own lab. Creates the empty Iceberg table"
                    + " datasets.<name> with the given columns; primary key, quality rules and trimStrings say"
                    + " what every ingestion checks. 409 when the name is taken.")
    Dataset register(CurrentUser user, @Valid @RequestBody RegisterDatasetRequest request) {
        return datasets.register(user, request);
    }

    @GetMapping
    @Operation(
            summary = "Search the catalog",
            description = "Every filter is optional: q (case-insensitive text in the name, titles, description,"
                    + " provider, tags or column names and descriptions), tag, kind, category (open category)"
                    + " and grade.")
    List<Dataset> search(
            CurrentUser user,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String tag,
            @RequestParam(required = false) DatasetKind kind,
            @RequestParam(required = false) OpenCategory category,
            @RequestParam(required = false) Grade grade) {
        return datasets.search(user, new DatasetQuery(q, tag, kind, category, grade));
    }

    @GetMapping("/{name}")
    @Operation(
            summary = "Get a catalog entry",
            description = "One dataset with its schema, table, owner lab, row count and current snapshot.")
    Dataset get(CurrentUser user, @PathVariable String name) {
        return datasets.get(user, new DatasetName(name));
    }

    @PostMapping(path = "/{name}/ingestions", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Ingest a CSV or Parquet file",
            description = "Engineers of the dataset's lab and administrators upload the file as multipart part"
                    + " 'file'; administrators may instead send JSON naming a file on the server. A good file"
                    + " becomes one Iceberg snapshot (201 with warnings and the quality profile); a file with a"
                    + " bad row changes nothing and answers 400 naming the rows and columns.")
    IngestionService.Ingestion upload(
            CurrentUser user,
            @PathVariable String name,
            @RequestPart("file") MultipartFile file,
            @RequestParam(required = false) SourceFormat format,
            @Parameter(description = ENCODING, example = "GB18030") @RequestParam(required = false) String encoding,
            @RequestParam(defaultValue = "APPEND") WriteMode mode)
            throws IOException {
        try (InputStream in = file.getInputStream()) {
            return ingestion.ingestUpload(
                    user, new DatasetName(name), file.getOriginalFilename(), in, format, encoding, mode);
        }
    }

    static final String ENCODING = "Text encoding of a CSV file: UTF-8 (default), GB18030 or GBK (what Chinese"
            + " Excel writes for \"CSV (逗号分隔)\"), UTF-16, UTF-16LE or UTF-16BE. A byte-order mark in the file"
            + " wins. Ignored for Parquet.";

    /** Ingestion from a file already on the server, for administrators. */
    @Schema(description = "A file already on the server to ingest (administrators).")
    record ServerPathIngestion(
            @Schema(
                    description = "Absolute path of the CSV or Parquet file on the platform's machine.",
                    example = "/data/fleet_fuel_use.csv")
            @NotBlank
            String path,

            @Schema(description = "CSV or PARQUET (omit: from the file name, *.csv or *.parquet).", example = "CSV")
            SourceFormat format,

            @Schema(description = ENCODING, example = "GB18030")
            String encoding,

            @Schema(
                    description = "APPEND (default) adds the rows, REPLACE replaces all rows in one snapshot.",
                    example = "REPLACE")
            WriteMode mode) {}

    @PostMapping(path = "/{name}/ingestions", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Ingest a CSV or Parquet file",
            description = "Engineers of the dataset's lab and administrators upload the file as multipart part"
                    + " 'file'; administrators may instead send JSON naming a file on the server. A good file"
                    + " becomes one Iceberg snapshot (201 with warnings and the quality profile); a file with a"
                    + " bad row changes nothing and answers 400 naming the rows and columns.")
    IngestionService.Ingestion fromServerPath(
            CurrentUser user, @PathVariable String name, @Valid @RequestBody ServerPathIngestion request) {
        return ingestion.ingestServerPath(
                user,
                new DatasetName(name),
                Path.of(request.path()),
                request.format(),
                request.encoding(),
                request.mode());
    }
}
