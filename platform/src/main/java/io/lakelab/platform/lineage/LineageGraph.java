package io.lakelab.platform.lineage;

import io.lakelab.catalog.DatasetKind;
import io.lakelab.catalog.Grade;
import java.util.List;

/**
 * The lineage graph around one dataset: the tables reached by walking edges (with their catalog
 * dataset, kind and grade when they are registered) and the edges walked, each naming the run that
 * made it and the snapshot ids on both ends.
 */
public record LineageGraph(String root, List<Node> nodes, List<Edge> edges) {

    /** A table in the graph; dataset, kind and grade are null for a table the catalog does not know. */
    public record Node(String dataset, String table, DatasetKind kind, Grade grade) {}

    /** The latest run that wrote {@code target} read {@code source}. */
    public record Edge(String source, String target, String runId, Long sourceSnapshotId, Long targetSnapshotId) {}

    /** Which way to walk from the root. */
    public enum Direction {
        UPSTREAM,
        DOWNSTREAM,
        BOTH
    }
}
