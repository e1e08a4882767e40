package io.lakelab.platform.lineage;

import io.lakelab.catalog.DatasetKind;
import io.lakelab.catalog.Grade;
import java.util.List;

/**
 * The lineage graph around one dataset. Every node has a {@code name}, and {@code root} and the
 * edges' {@code source} and {@code target} are node names: the dataset name of a registered table,
 * the qualified table name of a table the catalog does not know, or an opaque {@code
 * not-visible-N} for another lab's output the caller may not see (shown only where it connects
 * nodes the caller does see). Each edge names the run that made it and the snapshot ids on both
 * ends when the caller may see them.
 */
public record LineageGraph(String root, List<Node> nodes, List<Edge> edges) {

    /** Node name prefix of another lab's output the caller may not see. */
    public static final String NOT_VISIBLE = "not-visible-";

    /**
     * A table in the graph. {@code dataset}, {@code kind} and {@code grade} are null for a table the
     * catalog does not know; everything but {@code name} is null, and {@code visible} false, for a
     * node the caller may not see.
     */
    public record Node(String name, String dataset, String table, DatasetKind kind, Grade grade, boolean visible) {}

    /**
     * The latest run that wrote {@code target} read {@code source} (both node names). {@code runId}
     * is null unless the caller may see the outputs of the lab that ran it; snapshot ids are null on
     * an edge that touches a node the caller may not see.
     */
    public record Edge(String source, String target, String runId, Long sourceSnapshotId, Long targetSnapshotId) {}

    /** Which way to walk from the root. */
    public enum Direction {
        UPSTREAM,
        DOWNSTREAM,
        BOTH
    }
}
