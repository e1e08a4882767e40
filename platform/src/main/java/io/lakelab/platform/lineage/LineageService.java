package io.lakelab.platform.lineage;

import io.lakelab.catalog.DatasetName;
import io.lakelab.catalog.LakeLabException;
import io.lakelab.catalog.TableRef;
import io.lakelab.platform.dataset.Dataset;
import io.lakelab.platform.dataset.DatasetService;
import io.lakelab.platform.identity.Authorizer;
import io.lakelab.platform.identity.CurrentUser;
import io.lakelab.platform.identity.Operation;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * Stores what job runs report about lineage and answers graph queries over it. Tables are the
 * graph's nodes (a dataset is its table); each edge carries the run and snapshot ids.
 */
@Service
public class LineageService {

    static final int MAX_DEPTH = 50;

    private final LineageRepository repository;
    private final DatasetService datasets;
    private final Authorizer authorizer;

    LineageService(LineageRepository repository, DatasetService datasets, Authorizer authorizer) {
        this.repository = repository;
        this.datasets = datasets;
        this.authorizer = authorizer;
    }

    /** Records a successful run's edges and OpenLineage events; called by the job feature. */
    public void record(String runId, List<LineageEdge> edges, List<JsonNode> events) {
        repository.insertEdges(edges);
        repository.insertEvents(runId, events);
    }

    /** The run's OpenLineage events, for a caller the job feature already authorized. */
    public List<JsonNode> events(String runId) {
        return repository.events(runId);
    }

    public List<LineageEdge> edgesOfRun(String runId) {
        return repository.edgesOfRun(runId);
    }

    public LineageGraph graph(CurrentUser user, String datasetOrTable, LineageGraph.Direction direction, int depth) {
        authorizer.authorizeOrThrow(user, Operation.VIEW_LINEAGE);
        if (depth < 1 || depth > MAX_DEPTH) {
            throw LakeLabException.badRequest(
                    "Lineage depth " + depth + " is out of range: give a depth between 1 and " + MAX_DEPTH + ".");
        }
        String root = resolve(datasetOrTable).qualified();
        Map<String, LineageGraph.Edge> edges = new LinkedHashMap<>();
        Set<String> tables = new LinkedHashSet<>(List.of(root));
        if (direction != LineageGraph.Direction.DOWNSTREAM) {
            walk(root, depth, true, tables, edges);
        }
        if (direction != LineageGraph.Direction.UPSTREAM) {
            walk(root, depth, false, tables, edges);
        }
        List<LineageGraph.Node> nodes = tables.stream().map(this::node).toList();
        return new LineageGraph(root, nodes, List.copyOf(edges.values()));
    }

    private void walk(
            String root, int depth, boolean upstream, Set<String> tables, Map<String, LineageGraph.Edge> edges) {
        Set<String> seen = new LinkedHashSet<>(List.of(root));
        Set<String> frontier = Set.of(root);
        for (int level = 0; level < depth && !frontier.isEmpty(); level++) {
            List<LineageEdge> found =
                    upstream ? repository.currentEdgesInto(frontier) : repository.currentEdgesFrom(frontier);
            Set<String> next = new LinkedHashSet<>();
            for (LineageEdge e : found) {
                if (e.source().equals(e.target())) {
                    continue; // a table read while it was rewritten: not a dependency on another table
                }
                String key = e.source() + ">" + e.target() + "@" + e.runId();
                edges.merge(key, toEdge(e), (a, b) -> newer(a, b));
                String other = upstream ? e.source() : e.target();
                tables.add(other);
                if (seen.add(other)) {
                    next.add(other);
                }
            }
            frontier = next;
        }
    }

    private static LineageGraph.Edge toEdge(LineageEdge e) {
        return new LineageGraph.Edge(e.source(), e.target(), e.runId(), e.sourceSnapshotId(), e.targetSnapshotId());
    }

    private static LineageGraph.Edge newer(LineageGraph.Edge a, LineageGraph.Edge b) {
        long sa = a.targetSnapshotId() == null ? Long.MIN_VALUE : a.targetSnapshotId();
        long sb = b.targetSnapshotId() == null ? Long.MIN_VALUE : b.targetSnapshotId();
        return sb > sa ? b : a;
    }

    private TableRef resolve(String datasetOrTable) {
        if (datasetOrTable.contains(".")) {
            return TableRef.parse(datasetOrTable);
        }
        return datasets.require(new DatasetName(datasetOrTable)).table();
    }

    private LineageGraph.Node node(String table) {
        Optional<Dataset> dataset;
        try {
            dataset = datasets.findByTable(TableRef.parse(table));
        } catch (LakeLabException e) {
            dataset = Optional.empty();
        }
        return dataset.map(d -> new LineageGraph.Node(d.name().value(), table, d.kind(), d.grade()))
                .orElseGet(() -> new LineageGraph.Node(null, table, null, null));
    }
}
