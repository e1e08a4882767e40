package io.lakelab.platform.lineage;

import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Persists run events in {@code lineage_events} and edges in {@code lineage_edges}. */
@Repository
class LineageRepository {

    /**
     * Edges of the run that last wrote each target table: a table's lineage is that of its current
     * version, not of every version it ever had.
     */
    private static final String CURRENT_EDGES = "SELECT e.* FROM lineage_edges e JOIN ("
            + " SELECT DISTINCT ON (le.target_table) le.target_table, le.run_id FROM lineage_edges le"
            + " JOIN job_runs r ON r.id = le.run_id ORDER BY le.target_table, r.finished_at DESC NULLS LAST, le.id DESC"
            + ") latest ON latest.target_table = e.target_table AND latest.run_id = e.run_id";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    LineageRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insertEvents(String runId, List<JsonNode> events) {
        int seq = 0;
        for (JsonNode event : events) {
            jdbc.sql("INSERT INTO lineage_events (run_id, seq, event) VALUES (?, ?, ?::jsonb)")
                    .params(runId, seq++, json.writeValueAsString(event))
                    .update();
        }
    }

    void insertEdges(List<LineageEdge> edges) {
        for (LineageEdge e : edges) {
            jdbc.sql("INSERT INTO lineage_edges (run_id, statement, source_table, source_snapshot_id, target_table,"
                            + " target_snapshot_id) VALUES (?, ?, ?, ?, ?, ?)")
                    .params(
                            e.runId(),
                            e.statement(),
                            e.source(),
                            e.sourceSnapshotId(),
                            e.target(),
                            e.targetSnapshotId())
                    .update();
        }
    }

    List<JsonNode> events(String runId) {
        return jdbc.sql("SELECT event FROM lineage_events WHERE run_id = ? ORDER BY seq")
                .param(runId)
                .query((rs, i) -> json.readTree(rs.getString("event")))
                .list();
    }

    List<LineageEdge> edgesOfRun(String runId) {
        return jdbc.sql("SELECT * FROM lineage_edges WHERE run_id = ? ORDER BY id")
                .param(runId)
                .query(this::map)
                .list();
    }

    List<LineageEdge> currentEdgesInto(Collection<String> targets) {
        return jdbc.sql(CURRENT_EDGES + " WHERE e.target_table IN (:tables) ORDER BY e.id")
                .param("tables", targets)
                .query(this::map)
                .list();
    }

    List<LineageEdge> currentEdgesFrom(Collection<String> sources) {
        return jdbc.sql(CURRENT_EDGES + " WHERE e.source_table IN (:tables) ORDER BY e.id")
                .param("tables", sources)
                .query(this::map)
                .list();
    }

    private LineageEdge map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new LineageEdge(
                rs.getString("run_id"),
                rs.getInt("statement"),
                rs.getString("source_table"),
                (Long) rs.getObject("source_snapshot_id"),
                rs.getString("target_table"),
                (Long) rs.getObject("target_snapshot_id"));
    }
}
