package io.lakelab.platform.job;

import io.lakelab.catalog.ColumnSpec;
import io.lakelab.platform.dataset.Dataset;
import io.lakelab.platform.lineage.LineageEdge;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * The tags of a run's output columns: the union of the tags of every source column that feeds the
 * column DIRECTLY (copied, transformed, aggregated) per the {@code columnLineage} facet of the run's
 * COMPLETE event, followed back through tables the run itself wrote. A masked source column stays
 * tagged: the tag is about what the data is, not how it was shown to the job.
 *
 * <p>Conservative where lineage is missing: an output without the facet, or a column the facet does
 * not list, gets the union of the tags of every column of every source the output was computed from
 * (its table-level edges; without any edge, every table the run read). The run never calls a column
 * untagged because it could not tell.
 */
final class ColumnTags {

    /** A column as {@code namespace.table} and lower-case name. */
    private record Col(String table, String column) {}

    private final Map<String, Map<String, List<Col>>> lineage;
    private final List<LineageEdge> edges;
    private final Set<String> written;
    private final List<String> inputs;
    private final Function<String, Optional<Dataset>> catalog;
    private final Map<Col, Set<String>> memo = new HashMap<>();

    ColumnTags(
            JsonNode lineageEvents,
            List<LineageEdge> edges,
            Set<String> written,
            List<String> inputs,
            Function<String, Optional<Dataset>> catalog) {
        this.lineage = facets(lineageEvents);
        this.edges = edges;
        this.written = written;
        this.inputs = inputs;
        this.catalog = catalog;
    }

    /** The tags column {@code column} of output {@code table} inherits from its sources. */
    Set<String> of(String table, String column) {
        return of(new Col(table, column), new HashSet<>());
    }

    private Set<String> of(Col col, Set<Col> visiting) {
        Set<String> known = memo.get(col);
        if (known != null) {
            return known;
        }
        if (!visiting.add(col)) {
            return Set.of(); // a cycle (INSERT INTO t SELECT ... FROM t): the other paths carry the tags
        }
        Set<String> tags = new TreeSet<>();
        List<Col> sources = lineage.getOrDefault(col.table(), Map.of()).get(col.column());
        if (sources == null) {
            tags.addAll(allSourceTags(col.table()));
        } else {
            for (Col source : sources) {
                tags.addAll(catalogTags(source));
                if (written.contains(source.table())) {
                    tags.addAll(of(source, visiting));
                }
            }
        }
        visiting.remove(col);
        memo.put(col, Set.copyOf(tags));
        return tags;
    }

    /** Every tag of every catalogued table {@code table} was computed from; without edges, of every input. */
    private Set<String> allSourceTags(String table) {
        Set<String> tags = new TreeSet<>();
        Set<String> seen = new HashSet<>(Set.of(table));
        Deque<String> todo = new ArrayDeque<>(List.of(table));
        boolean anyEdge = false;
        while (!todo.isEmpty()) {
            String target = todo.pop();
            for (LineageEdge e : edges) {
                if (!e.target().equals(target)) {
                    continue;
                }
                anyEdge = true;
                tags.addAll(tableTags(e.source()));
                if (seen.add(e.source())) {
                    todo.push(e.source());
                }
            }
        }
        if (!anyEdge) {
            inputs.forEach(t -> tags.addAll(tableTags(t)));
        }
        return tags;
    }

    private Set<String> tableTags(String table) {
        Set<String> tags = new TreeSet<>();
        catalog.apply(table).ifPresent(d -> d.schema().columns().forEach(c -> tags.addAll(c.tags())));
        return tags;
    }

    /** The tags the catalog already records for a column (a source, or an earlier version of an output). */
    private Set<String> catalogTags(Col col) {
        return catalog.apply(col.table())
                .flatMap(d -> d.schema().column(col.column()))
                .map(ColumnSpec::tags)
                .orElse(Set.of());
    }

    /** Output table -> column -> direct source columns, from the COMPLETE event's columnLineage facets. */
    private static Map<String, Map<String, List<Col>>> facets(JsonNode events) {
        Map<String, Map<String, List<Col>>> out = new HashMap<>();
        for (JsonNode event : events) {
            if (!"COMPLETE".equals(RunCompletion.text(event.path("eventType")))) {
                continue;
            }
            for (JsonNode output : event.path("outputs")) {
                JsonNode fields = output.path("facets").path("columnLineage").path("fields");
                if (!fields.isObject()) {
                    continue;
                }
                Map<String, List<Col>> columns = new HashMap<>();
                fields.properties().forEach(field -> {
                    List<Col> sources = new java.util.ArrayList<>();
                    for (JsonNode input : field.getValue().path("inputFields")) {
                        if (!direct(input.path("transformations"))) {
                            continue;
                        }
                        sources.add(new Col(
                                RunCompletion.text(input.path("name")), RunCompletion.text(input.path("field"))));
                    }
                    columns.put(field.getKey(), List.copyOf(sources));
                });
                out.put(RunCompletion.text(output.path("name")), columns);
            }
        }
        return out;
    }

    /** An input field without transformations is taken as DIRECT: when in doubt, the tag flows. */
    private static boolean direct(JsonNode transformations) {
        if (!transformations.isArray() || transformations.isEmpty()) {
            return true;
        }
        for (JsonNode t : transformations) {
            if (!"INDIRECT".equals(RunCompletion.text(t.path("type")))) {
                return true;
            }
        }
        return false;
    }
}
