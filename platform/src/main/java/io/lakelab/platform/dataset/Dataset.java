package io.lakelab.platform.dataset;

import io.lakelab.catalog.DatasetKind;
import io.lakelab.catalog.DatasetName;
import io.lakelab.catalog.DatasetSchema;
import io.lakelab.catalog.Grade;
import io.lakelab.catalog.LabCode;
import io.lakelab.catalog.OpenCategory;
import io.lakelab.catalog.TableRef;
import java.time.Instant;
import java.util.List;

/**
 * A catalog entry: a public, social or derived dataset, its governance attributes (open category,
 * security grade, provider), its schema and the Iceberg table that holds its data.
 */
public record Dataset(
        long id,
        DatasetName name,
        String titleZh,
        String titleEn,
        String description,
        DatasetKind kind,
        String provider,
        OpenCategory openCategory,
        Grade grade,
        List<String> tags,
        DatasetSchema schema,
        TableRef table,
        LabCode ownerLab,
        String registeredBy,
        Instant registeredAt,
        Long rowCount,
        Long snapshotId,
        Instant updatedAt) {}
