package io.lakelab.platform.dataset;

import io.lakelab.catalog.ColumnSpec;
import io.lakelab.catalog.DatasetKind;
import io.lakelab.catalog.Grade;
import io.lakelab.catalog.OpenCategory;
import io.lakelab.catalog.QualityRule;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/**
 * Registration of a source dataset. {@code openCategory} is required for PUBLIC data and absent
 * for SOCIAL data; {@code lab} names the lab whose engineers may ingest into it (none: only
 * administrators may). {@code primaryKey}, {@code qualityRules} and {@code trimStrings} say what
 * ingestion checks beyond the column types (see docs/ingestion.md).
 */
@Schema(description = "A source dataset to register: its catalog entry and the schema of its Iceberg table.")
public record RegisterDatasetRequest(
        @Schema(
                description = "Unique name: a lower-case letter then 1 to 62 lower-case letters, digits or"
                        + " underscores; the table is datasets.<name>.",
                example = "fleet_fuel_use")
        @NotBlank
        String name,

        @Schema(description = "Chinese title.", example = "船队燃油消耗月报") @NotBlank
        String titleZh,

        @Schema(description = "English title.", example = "Fleet fuel use, monthly") @NotBlank
        String titleEn,

        @Schema(
                description = "What the data is and how it was collected; optional.",
                example = "Fuel burnt per vessel and month, reported by the operators.")
        String description,

        @Schema(
                description = "PUBLIC (公共数据, needs openCategory) or SOCIAL (社会数据, no openCategory); DERIVED is"
                        + " registered by the platform only.",
                example = "SOCIAL")
        @NotNull
        DatasetKind kind,

        @Schema(description = "The body or enterprise that provides the data.", example = "COSCO Shipping Lines")
        @NotBlank
        String provider,

        @Schema(
                description = "Open category of PUBLIC data (required there, absent for SOCIAL data).",
                example = "CONDITIONAL")
        OpenCategory openCategory,

        @Schema(description = "Classification grade under GB/T 43697-2024.", example = "IMPORTANT") @NotNull
        Grade grade,

        @Schema(description = "Free tags to search the catalog by; optional.", example = "[\"shipping\", \"energy\"]")
        List<String> tags,

        @Schema(description = "The table's columns, in order; at least one.") @NotEmpty
        List<ColumnSpec> columns,

        @Schema(
                description = "Code of the lab whose engineers may ingest into the dataset (omit: only"
                        + " administrators may).",
                example = "lowcarbon")
        String lab,

        @Schema(
                description = "Columns that together identify a row: every ingestion refuses a file with an"
                        + " empty key column or a key that repeats (in the file, or of a row already in the"
                        + " table when appending).",
                example = "[\"imo\"]")
        List<String> primaryKey,

        @Schema(
                description = "Quality rules checked on every ingestion. type: NOT_NULL, UNIQUE,"
                        + " ALLOWED_VALUES (values), RANGE (min/max, inclusive), REGEX (pattern, whole value),"
                        + " CREDIT_CODE (unified social credit code check character), IMO_NUMBER (IMO check"
                        + " digit). severity: ERROR (default) refuses the file, WARN only reports.",
                example = "[{\"column\": \"port\", \"type\": \"ALLOWED_VALUES\", \"values\": [\"CNSHA\","
                        + " \"CNNGB\"], \"severity\": \"WARN\"}, {\"column\": \"imo\", \"type\": \"REGEX\","
                        + " \"pattern\": \"[0-9]{7}\"}]")
        List<QualityRule> qualityRules,

        @Schema(
                description = "Strip leading and trailing whitespace from string cells before they are"
                        + " checked and stored (a cell of only spaces becomes empty). Default false: cells are"
                        + " stored as written and padded cells are reported.",
                example = "true")
        Boolean trimStrings) {}
