package io.lakelab.platform.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakelab.catalog.ColumnSpec;
import io.lakelab.catalog.DatasetSchema;
import io.lakelab.catalog.Grade;
import io.lakelab.catalog.TableRef;
import io.lakelab.platform.dataset.Dataset;
import io.lakelab.platform.lineage.LineageEdge;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tag propagation over a run's column-lineage facets with a catalog of two sources: direct inputs
 * carry their tags (also through a table the run wrote), INDIRECT ones do not, and missing lineage
 * falls back to every tag upstream rather than to none.
 */
class ColumnTagsTest {
    private static final String CONTACTS = "datasets.contacts";
    private static final String PLACES = "datasets.places";
    private static final String PEOPLE = "lab_x.people";
    private static final String REGIONS = "lab_x.regions";
    private static final String OTHER = "lab_x.other";

    private static final Map<String, Dataset> CATALOG = Map.of(
            CONTACTS,
            dataset(
                    CONTACTS,
                    new ColumnSpec("phone", "string", "", false, Set.of("PII")),
                    new ColumnSpec("region", "string", "", false, Set.of("AREA")),
                    ColumnSpec.of("id", "long", false)),
            PLACES,
            dataset(
                    PLACES,
                    ColumnSpec.of("id", "long", false),
                    new ColumnSpec("code", "string", "", false, Set.of("ID"))));

    private static final List<LineageEdge> EDGES = List.of(
            edge(1, CONTACTS, PEOPLE), edge(1, PLACES, PEOPLE), edge(2, PEOPLE, REGIONS), edge(3, CONTACTS, OTHER));

    @Test
    void directSourcesCarryTheirTagsThroughTablesTheRunWrote() {
        ColumnTags tags = tags("""
                [{"eventType": "START"},
                 {"eventType": "COMPLETE", "outputs": [
                   {"name": "lab_x.people", "facets": {"columnLineage": {"fields": {
                     "h": {"inputFields": [
                       {"name": "datasets.contacts", "field": "phone",
                        "transformations": [{"type": "DIRECT", "subtype": "TRANSFORMATION"}]},
                       {"name": "datasets.places", "field": "id",
                        "transformations": [{"type": "INDIRECT", "subtype": "JOIN"}]}]},
                     "code": {"inputFields": [{"name": "datasets.places", "field": "code"}]},
                     "n": {"inputFields": []}}}}},
                   {"name": "lab_x.regions", "facets": {"columnLineage": {"fields": {
                     "hashes": {"inputFields": [{"name": "lab_x.people", "field": "h",
                        "transformations": [{"type": "DIRECT", "subtype": "AGGREGATION"}]}]}}}}}]}]
                """);
        assertThat(tags.of(PEOPLE, "h")).containsExactly("PII");
        assertThat(tags.of(PEOPLE, "code")).containsExactly("ID");
        assertThat(tags.of(PEOPLE, "n")).isEmpty();
        assertThat(tags.of(REGIONS, "hashes")).containsExactly("PII");
        // a column the facet does not list: every tag of everything upstream
        assertThat(tags.of(REGIONS, "other")).containsExactly("AREA", "ID", "PII");
    }

    @Test
    void anOutputWithoutTheFacetGetsEveryTagOfItsSourcesOnly() {
        ColumnTags tags = tags("""
                [{"eventType": "COMPLETE", "outputs": [{"name": "lab_x.other", "facets": {}}]}]""");
        assertThat(tags.of(OTHER, "anything")).containsExactly("AREA", "PII");
        assertThat(tags.of(REGIONS, "x")).containsExactly("AREA", "ID", "PII");
    }

    @Test
    void withoutEdgesEveryInputOfTheRunCounts() {
        ColumnTags tags = new ColumnTags(
                json("[]"), List.of(), Set.of(OTHER), List.of(PLACES), t -> Optional.ofNullable(CATALOG.get(t)));
        assertThat(tags.of(OTHER, "c")).containsExactly("ID");
    }

    @Test
    void aTableReadingItselfDoesNotLoop() {
        ColumnTags tags = tags("""
                [{"eventType": "COMPLETE", "outputs": [{"name": "lab_x.people", "facets": {"columnLineage":
                  {"fields": {"p": {"inputFields": [
                    {"name": "lab_x.people", "field": "p"}, {"name": "datasets.contacts", "field": "phone"}]}}}}}]}]
                """);
        assertThat(tags.of(PEOPLE, "p")).containsExactly("PII");
    }

    private static ColumnTags tags(String events) {
        return new ColumnTags(
                json(events),
                EDGES,
                Set.of(PEOPLE, REGIONS, OTHER),
                List.of(CONTACTS, PLACES),
                t -> Optional.ofNullable(CATALOG.get(t)));
    }

    private static JsonNode json(String text) {
        return JsonMapper.builder().build().readTree(text);
    }

    private static LineageEdge edge(int statement, String source, String target) {
        return new LineageEdge("run-1", statement, source, 1L, target, 2L);
    }

    private static Dataset dataset(String table, ColumnSpec... columns) {
        return new Dataset(
                1,
                null,
                "t",
                "t",
                "",
                null,
                "p",
                null,
                Grade.values()[0],
                List.of(),
                DatasetSchema.of(columns),
                TableRef.parse(table),
                null,
                "admin",
                null,
                null,
                null,
                null);
    }
}
