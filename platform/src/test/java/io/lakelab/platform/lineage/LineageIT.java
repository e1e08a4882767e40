package io.lakelab.platform.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakelab.platform.job.DemoLabSupport;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The lineage graph of the demo fusion job's outputs, through the API: upstream back to the public
 * and social sources, downstream from a source to every output, with the run id and the real
 * Iceberg snapshot ids on each edge.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LineageIT extends DemoLabSupport {

    static final String EMISSIONS = WORKSPACE + ".emissions_by_district_industry";

    @Autowired
    Catalog catalog;

    String run;

    @BeforeAll
    void setUp() {
        run = fusionRun();
    }

    @Test
    void upstreamOfTheEmissionsReachesEverySource() {
        JsonNode graph = get(
                        "bob", "/api/v1/lineage/datasets/lowcarbon__emissions_by_district_industry?direction=upstream")
                .json();
        // One name per node, used by the root and by every edge: the dataset name.
        assertThat(graph.get("root").asString()).isEqualTo("lowcarbon__emissions_by_district_industry");
        assertThat(node(graph, EMISSIONS).get("name").asString())
                .isEqualTo(graph.get("root").asString());
        List<String> names = new ArrayList<>();
        graph.get("nodes").forEach(n -> names.add(n.get("name").asString()));
        graph.get("edges")
                .forEach(e -> assertThat(names)
                        .contains(e.get("source").asString(), e.get("target").asString()));
        assertThat(names).contains("energy_consumption", "lowcarbon__registry_valid");
        assertThat(tables(graph))
                .containsExactlyInAnyOrder(
                        EMISSIONS,
                        WORKSPACE + ".consumption_matched",
                        WORKSPACE + ".registry_valid",
                        "datasets.energy_consumption",
                        "datasets.enterprise_registry",
                        "datasets.emission_factors");
        JsonNode source = node(graph, "datasets.energy_consumption");
        assertThat(source.get("dataset").asString()).isEqualTo("energy_consumption");
        assertThat(source.get("kind").asString()).isEqualTo("SOCIAL");
        assertThat(source.get("grade").asString()).isEqualTo("IMPORTANT");
        assertThat(node(graph, EMISSIONS).get("kind").asString()).isEqualTo("DERIVED");

        JsonNode factors = edge(graph, "datasets.emission_factors", EMISSIONS);
        assertThat(factors.get("runId").asString()).isEqualTo(run);
        assertThat(factors.get("sourceSnapshotId").asLong()).isEqualTo(snapshot("datasets", "emission_factors"));
        assertThat(factors.get("targetSnapshotId").asLong())
                .isEqualTo(snapshot(WORKSPACE, "emissions_by_district_industry"));
        edge(graph, WORKSPACE + ".registry_valid", WORKSPACE + ".consumption_matched");
        edge(graph, "datasets.enterprise_registry", WORKSPACE + ".registry_valid");
        assertThat(tables(graph)).doesNotContain(WORKSPACE + ".consumption_rejects");
    }

    @Test
    void downstreamOfASourceReachesEveryOutput() {
        JsonNode graph = get("alice", "/api/v1/lineage/datasets/enterprise_registry?direction=downstream")
                .json();
        assertThat(tables(graph))
                .contains(
                        "datasets.enterprise_registry",
                        WORKSPACE + ".registry_valid",
                        WORKSPACE + ".consumption_rejects",
                        WORKSPACE + ".consumption_matched",
                        EMISSIONS)
                .doesNotContain("datasets.energy_consumption");

        JsonNode shallow = get("alice", "/api/v1/lineage/datasets/enterprise_registry?direction=downstream&depth=1")
                .json();
        assertThat(tables(shallow))
                .containsExactlyInAnyOrder("datasets.enterprise_registry", WORKSPACE + ".registry_valid");

        JsonNode both = get("rita", "/api/v1/lineage/datasets/" + WORKSPACE + ".consumption_matched")
                .json();
        assertThat(tables(both)).contains("datasets.energy_consumption", EMISSIONS);
    }

    @Test
    void badRequestsSayWhatIsWrong() {
        Response direction = get("bob", "/api/v1/lineage/datasets/enterprise_registry?direction=sideways");
        assertThat(direction.status()).isEqualTo(400);
        assertThat(direction.json().get("detail").asString()).contains("upstream, downstream or both");
        Response depth = get("bob", "/api/v1/lineage/datasets/enterprise_registry?depth=0");
        assertThat(depth.status()).isEqualTo(400);
        assertThat(depth.json().get("detail").asString()).contains("depth");
        Response missing = get("bob", "/api/v1/lineage/datasets/no_such_dataset");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("detail").asString()).contains("no_such_dataset");
    }

    private static List<String> tables(JsonNode graph) {
        List<String> tables = new ArrayList<>();
        graph.get("nodes").forEach(n -> tables.add(n.get("table").asString()));
        return tables;
    }

    private static JsonNode node(JsonNode graph, String table) {
        for (JsonNode n : graph.get("nodes")) {
            if (n.get("table").asString().equals(table)) {
                return n;
            }
        }
        throw new AssertionError("no node " + table + " in " + graph);
    }

    /** The edge between the nodes of these two tables (edges name nodes by their node name). */
    private static JsonNode edge(JsonNode graph, String sourceTable, String targetTable) {
        String source = node(graph, sourceTable).get("name").asString();
        String target = node(graph, targetTable).get("name").asString();
        for (JsonNode e : graph.get("edges")) {
            if (e.get("source").asString().equals(source)
                    && e.get("target").asString().equals(target)) {
                return e;
            }
        }
        throw new AssertionError("no edge " + source + " -> " + target + " in " + graph);
    }

    private long snapshot(String namespace, String table) {
        return catalog.loadTable(TableIdentifier.of(namespace, table))
                .currentSnapshot()
                .snapshotId();
    }
}
