package io.lakelab.jobs;

import io.lakelab.catalog.iceberg.IcebergCatalogs;
import io.lakelab.jobs.ColumnLineage.SourceColumn;
import io.lakelab.jobs.ColumnLineage.Subtype;
import io.lakelab.jobs.JobResult.OutputTable;
import io.lakelab.jobs.JobResult.TableVersion;
import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineage.RunEvent.EventType;
import io.openlineage.client.OpenLineageClientUtils;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Builds the OpenLineage run events of a job run with the OpenLineage client model: START when the
 * run begins, COMPLETE or FAIL when it ends, with datasets named {@code namespace.table} in the
 * {@code iceberg://lakelab} namespace and a version facet carrying the Iceberg snapshot id. An output
 * whose column lineage is known carries the {@code columnLineage} facet: every written column with
 * its DIRECT input fields ({@link ColumnLineage}); the platform propagates column tags along it. An
 * output without the facet has unknown column lineage.
 */
final class LineageEvents {
    static final URI PRODUCER = URI.create("https://github.com/lakelab/lakelab/tree/main/jobs");
    static final String DATASET_NAMESPACE = "iceberg://" + IcebergCatalogs.CATALOG_NAME;

    private final OpenLineage ol = new OpenLineage(PRODUCER);
    private final UUID runId;
    private final String jobNamespace;
    private final String jobName;

    LineageEvents(JobSpec spec) {
        this.runId = runUuid(spec.runId());
        this.jobNamespace = "lakelab://" + spec.workspace();
        this.jobName = spec.jobName();
    }

    /** OpenLineage run ids are UUIDs; a platform run id that is not one maps to a stable name-based UUID. */
    static UUID runUuid(String runId) {
        try {
            return UUID.fromString(runId);
        } catch (IllegalArgumentException e) {
            return UUID.nameUUIDFromBytes(runId.getBytes(StandardCharsets.UTF_8));
        }
    }

    String start() {
        return OpenLineageClientUtils.toJson(builder(EventType.START).build());
    }

    String complete(
            List<TableVersion> inputs,
            List<OutputTable> outputs,
            Map<String, Map<String, Map<SourceColumn, Subtype>>> columns) {
        return OpenLineageClientUtils.toJson(builder(EventType.COMPLETE)
                .inputs(inputs(inputs))
                .outputs(outputs(outputs, columns))
                .build());
    }

    String fail(
            List<TableVersion> inputs,
            List<OutputTable> outputs,
            Map<String, Map<String, Map<SourceColumn, Subtype>>> columns,
            String error) {
        OpenLineage.RunFacets facets = ol.newRunFacetsBuilder()
                .errorMessage(ol.newErrorMessageRunFacet(error, "Spark SQL", null))
                .build();
        return OpenLineageClientUtils.toJson(builder(EventType.FAIL)
                .run(ol.newRunBuilder().runId(runId).facets(facets).build())
                .inputs(inputs(inputs))
                .outputs(outputs(outputs, columns))
                .build());
    }

    private OpenLineage.RunEventBuilder builder(EventType type) {
        return ol.newRunEventBuilder()
                .eventType(type)
                .eventTime(ZonedDateTime.now(ZoneOffset.UTC))
                .run(ol.newRunBuilder().runId(runId).build())
                .job(ol.newJobBuilder().namespace(jobNamespace).name(jobName).build())
                .inputs(List.of())
                .outputs(List.of());
    }

    private List<OpenLineage.InputDataset> inputs(List<TableVersion> tables) {
        return tables.stream()
                .map(t -> ol.newInputDatasetBuilder()
                        .namespace(DATASET_NAMESPACE)
                        .name(t.table())
                        .facets(ol.newDatasetFacetsBuilder()
                                .version(version(t.snapshotId()))
                                .build())
                        .build())
                .toList();
    }

    private List<OpenLineage.OutputDataset> outputs(
            List<OutputTable> tables, Map<String, Map<String, Map<SourceColumn, Subtype>>> columns) {
        return tables.stream()
                .map(t -> ol.newOutputDatasetBuilder()
                        .namespace(DATASET_NAMESPACE)
                        .name(t.table())
                        .facets(ol.newDatasetFacetsBuilder()
                                .version(version(t.snapshotId()))
                                .schema(ol.newSchemaDatasetFacet(t.schema().stream()
                                        .map(c -> ol.newSchemaDatasetFacetFieldsBuilder()
                                                .name(c.name())
                                                .type(c.type())
                                                .build())
                                        .toList()))
                                .columnLineage(columnLineage(columns.get(t.table())))
                                .build())
                        .build())
                .toList();
    }

    /** The facet of one output, null (left out) when its column lineage is unknown. */
    private OpenLineage.ColumnLineageDatasetFacet columnLineage(Map<String, Map<SourceColumn, Subtype>> columns) {
        if (columns == null) {
            return null;
        }
        OpenLineage.ColumnLineageDatasetFacetFieldsBuilder fields = ol.newColumnLineageDatasetFacetFieldsBuilder();
        columns.forEach((column, sources) -> fields.put(
                column,
                ol.newColumnLineageDatasetFacetFieldsAdditionalBuilder()
                        .inputFields(sources.entrySet().stream()
                                .sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing(SourceColumn::table)
                                        .thenComparing(SourceColumn::column)))
                                .map(s -> ol.newInputField(
                                        DATASET_NAMESPACE,
                                        s.getKey().table(),
                                        s.getKey().column(),
                                        List.of(ol.newInputFieldTransformations(
                                                "DIRECT", s.getValue().name(), null, null))))
                                .toList())
                        .build()));
        return ol.newColumnLineageDatasetFacetBuilder().fields(fields.build()).build();
    }

    private OpenLineage.DatasetVersionDatasetFacet version(Long snapshotId) {
        return snapshotId == null ? null : ol.newDatasetVersionDatasetFacet(String.valueOf(snapshotId));
    }
}
