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
public record RegisterDatasetRequest(
        @NotBlank String name,
        @NotBlank String titleZh,
        @NotBlank String titleEn,
        String description,
        @NotNull DatasetKind kind,
        @NotBlank String provider,
        OpenCategory openCategory,
        @NotNull Grade grade,
        List<String> tags,
        @NotEmpty List<ColumnSpec> columns,
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
