package io.lakelab.platform.dataset;

import io.lakelab.catalog.ColumnSpec;
import io.lakelab.catalog.DatasetKind;
import io.lakelab.catalog.Grade;
import io.lakelab.catalog.OpenCategory;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/**
 * Registration of a source dataset. {@code openCategory} is required for PUBLIC data and absent
 * for SOCIAL data; {@code lab} names the lab whose engineers may ingest into it (none: only
 * administrators may).
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
        String lab) {}
