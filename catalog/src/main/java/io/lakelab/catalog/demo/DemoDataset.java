package io.lakelab.catalog.demo;

import io.lakelab.catalog.DatasetKind;
import io.lakelab.catalog.DatasetName;
import io.lakelab.catalog.DatasetSchema;
import io.lakelab.catalog.Grade;
import io.lakelab.catalog.OpenCategory;
import io.lakelab.catalog.TableRef;
import io.lakelab.catalog.Workspaces;
import java.util.Set;

/**
 * One source dataset of the demo scenario: its catalog entry (titles, kind, provider, open category
 * for public data, grade, tags), its schema and the CSV file name {@link DemoScenario#writeFiles}
 * writes it to. {@code openCategory} is null for SOCIAL data.
 */
public record DemoDataset(
        DatasetName name,
        String titleZh,
        String titleEn,
        String description,
        DatasetKind kind,
        String provider,
        OpenCategory openCategory,
        Grade grade,
        Set<String> tags,
        DatasetSchema schema,
        String fileName) {

    public DemoDataset {
        tags = Set.copyOf(tags);
    }

    /** Where the platform ingests it: {@code datasets.<name>}. */
    public TableRef table() {
        return new TableRef(Workspaces.SOURCE_NAMESPACE, name.value());
    }
}
