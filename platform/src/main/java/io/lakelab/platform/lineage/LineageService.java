package io.lakelab.platform.lineage;

import io.lakelab.catalog.DatasetName;
import io.lakelab.catalog.ErrorCategory;
import io.lakelab.catalog.LakeLabException;
import io.lakelab.catalog.TableRef;
import io.lakelab.catalog.Workspaces;
import io.lakelab.platform.dataset.Dataset;
import io.lakelab.platform.dataset.DatasetService;
import io.lakelab.platform.identity.Authorizer;
import io.lakelab.platform.identity.CurrentUser;
import io.lakelab.platform.identity.Operation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * Stores what job runs report about lineage and answers graph queries over it. Edges are stored
 * between tables; a graph names each node once (its dataset name, or its table when the catalog
 * does not know it) and uses that name in the root and the edges. Graphs show the caller only what
 * the catalog shows it ({@link DatasetService#visibleTo}).
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

    /**
     * The graph around a dataset (or a qualified table) as the caller may see it: a root the caller
     * may not see is answered like an unknown name (404); other labs' outputs on the way are opaque
     * nodes, kept only where they connect nodes the caller sees, and their run ids are left out.
     */
    public LineageGraph graph(CurrentUser user, String datasetOrTable, LineageGraph.Direction direction, int depth) {
        authorizer.authorizeOrThrow(user, Operation.VIEW_LINEAGE);
        if (depth < 1 || depth > MAX_DEPTH) {
            throw LakeLabException.badRequest(
                    "Lineage depth " + depth + " is out of range: give a depth between 1 and " + MAX_DEPTH + ".");
        }
        String root = resolve(user, datasetOrTable).qualified();
        Map<String, LineageEdge> edges = new LinkedHashMap<>();
        Set<String> tables = new LinkedHashSet<>(List.of(root));
        if (direction != LineageGraph.Direction.DOWNSTREAM) {
            walk(root, depth, true, tables, edges);
        }
        if (direction != LineageGraph.Direction.UPSTREAM) {
            walk(root, depth, false, tables, edges);
        }
        return new LineageView(user, root, tables, edges.values()).graph();
    }

    private void walk(String root, int depth, boolean upstream, Set<String> tables, Map<String, LineageEdge> edges) {
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
                edges.merge(key, e, LineageService::newer);
                String other = upstream ? e.source() : e.target();
                tables.add(other);
                if (seen.add(other)) {
                    next.add(other);
                }
            }
            frontier = next;
        }
    }

    private static LineageEdge newer(LineageEdge a, LineageEdge b) {
        long sa = a.targetSnapshotId() == null ? Long.MIN_VALUE : a.targetSnapshotId();
        long sb = b.targetSnapshotId() == null ? Long.MIN_VALUE : b.targetSnapshotId();
        return sb > sa ? b : a;
    }

    /** The root's table, if the caller may see it; the answer for an unknown name otherwise. */
    private TableRef resolve(CurrentUser user, String datasetOrTable) {
        if (!datasetOrTable.contains(".")) {
            return datasets.requireVisible(user, new DatasetName(datasetOrTable))
                    .table();
        }
        TableRef table = TableRef.parse(datasetOrTable);
        Optional<Dataset> dataset = datasets.findByTable(table);
        if (dataset.isPresent() ? datasets.visibleTo(user, dataset.get()) : unregisteredVisible(user, table)) {
            return table;
        }
        throw new LakeLabException(
                ErrorCategory.NOT_FOUND,
                "No dataset or table named '" + datasetOrTable + "': search the catalog with GET /api/v1/datasets.");
    }

    /** A table the catalog does not know is visible unless it lies in a workspace of a lab the caller may not see. */
    private boolean unregisteredVisible(CurrentUser user, TableRef table) {
        return Workspaces.labOf(table.namespace())
                .map(lab -> datasets.seesOutputsOf(user, lab))
                .orElse(true);
    }

    /** Turns walked tables and edges into the graph one caller may see. */
    private final class LineageView {
        private final CurrentUser user;
        private final String root;
        private final Map<String, Optional<Dataset>> datasetOf = new LinkedHashMap<>();
        private final Map<String, Boolean> visible = new LinkedHashMap<>();
        private final Set<String> tables;
        private final List<LineageEdge> edges;

        LineageView(CurrentUser user, String root, Set<String> tables, Collection<LineageEdge> edges) {
            this.user = user;
            this.root = root;
            this.tables = new LinkedHashSet<>(tables);
            this.edges = new ArrayList<>(edges);
            for (String table : tables) {
                Optional<Dataset> dataset = dataset(table);
                datasetOf.put(table, dataset);
                visible.put(
                        table,
                        dataset.isPresent()
                                ? datasets.visibleTo(user, dataset.get())
                                : unregisteredVisible(user, TableRef.parse(table)));
            }
            pruneHiddenEnds();
        }

        /**
         * Drops hidden nodes that lead nowhere visible (a hidden node with at most one neighbour,
         * repeatedly): downstream of a source, other labs' uses of it are not shown at all.
         */
        private void pruneHiddenEnds() {
            boolean changed = true;
            while (changed) {
                changed = false;
                Map<String, Set<String>> neighbours = new HashMap<>();
                for (LineageEdge e : edges) {
                    neighbours.computeIfAbsent(e.source(), k -> new HashSet<>()).add(e.target());
                    neighbours.computeIfAbsent(e.target(), k -> new HashSet<>()).add(e.source());
                }
                for (String table : List.copyOf(tables)) {
                    if (!visible.get(table)
                            && !table.equals(root)
                            && neighbours.getOrDefault(table, Set.of()).size() <= 1) {
                        tables.remove(table);
                        edges.removeIf(
                                e -> e.source().equals(table) || e.target().equals(table));
                        changed = true;
                    }
                }
            }
        }

        LineageGraph graph() {
            Map<String, String> names = new HashMap<>();
            List<LineageGraph.Node> nodes = new ArrayList<>();
            int hidden = 0;
            for (String table : tables) {
                if (visible.get(table)) {
                    Optional<Dataset> d = datasetOf.get(table);
                    String name = d.map(x -> x.name().value()).orElse(table);
                    names.put(table, name);
                    nodes.add(new LineageGraph.Node(
                            name,
                            d.map(x -> x.name().value()).orElse(null),
                            table,
                            d.map(Dataset::kind).orElse(null),
                            d.map(Dataset::grade).orElse(null),
                            true));
                } else {
                    String name = LineageGraph.NOT_VISIBLE + ++hidden;
                    names.put(table, name);
                    nodes.add(new LineageGraph.Node(name, null, null, null, null, false));
                }
            }
            List<LineageGraph.Edge> shown = edges.stream()
                    .map(e -> {
                        boolean bothVisible = visible.get(e.source()) && visible.get(e.target());
                        return new LineageGraph.Edge(
                                names.get(e.source()),
                                names.get(e.target()),
                                ranByVisibleLab(e.target()) ? e.runId() : null,
                                bothVisible ? e.sourceSnapshotId() : null,
                                bothVisible ? e.targetSnapshotId() : null);
                    })
                    .toList();
            return new LineageGraph(names.get(root), List.copyOf(nodes), shown);
        }

        /** A run writes into its own lab's workspace: its id is shown to whoever may see that lab's outputs. */
        private boolean ranByVisibleLab(String target) {
            return Workspaces.labOf(TableRef.parse(target).namespace())
                    .map(lab -> datasets.seesOutputsOf(user, lab))
                    .orElse(false);
        }

        private Optional<Dataset> dataset(String table) {
            try {
                return datasets.findByTable(TableRef.parse(table));
            } catch (LakeLabException e) {
                return Optional.empty();
            }
        }
    }
}
