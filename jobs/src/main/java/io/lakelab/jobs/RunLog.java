package io.lakelab.jobs;

import io.lakelab.jobs.ColumnLineage.SourceColumn;
import io.lakelab.jobs.ColumnLineage.Subtype;
import io.lakelab.jobs.JobResult.IndicatorValue;
import io.lakelab.jobs.JobResult.LineageEdge;
import io.lakelab.jobs.JobResult.OutputTable;
import io.lakelab.jobs.JobResult.TableVersion;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a run has done so far: statements run, versions read and written, lineage edges, column
 * lineage and indicator values. It is kept outside the statement loop so a failed run still reports (and
 * emits lineage for) everything that happened before the failure.
 */
final class RunLog {
    int statementsRun;
    final Map<String, TableVersion> inputs = new LinkedHashMap<>();
    final Map<String, OutputTable> outputs = new LinkedHashMap<>();
    final List<LineageEdge> edges = new ArrayList<>();
    final List<IndicatorValue> indicators = new ArrayList<>();
    private final Set<TableVersion> produced = new HashSet<>();
    private final Map<String, Map<String, Map<SourceColumn, Subtype>>> columns = new LinkedHashMap<>();
    private final Set<String> columnsUnknown = new HashSet<>();

    /** Records one statement's reads and writes; versions this run produced are not run inputs. */
    void statement(int index, List<TableVersion> reads, List<OutputTable> writes) {
        statement(index, reads, writes, Optional.empty());
    }

    /**
     * Records one statement with the column lineage of what it wrote; without lineage (or with more
     * than one table written) each written table's column lineage becomes unknown for the whole run.
     */
    void statement(
            int index,
            List<TableVersion> reads,
            List<OutputTable> writes,
            Optional<Map<String, Map<SourceColumn, Subtype>>> lineage) {
        statementsRun++;
        for (OutputTable write : writes) {
            if (lineage.isEmpty() || writes.size() != 1) {
                columnsUnknown.add(write.table());
                continue;
            }
            Map<String, Map<SourceColumn, Subtype>> byColumn =
                    columns.computeIfAbsent(write.table(), t -> new LinkedHashMap<>());
            lineage.get().forEach((column, sources) -> {
                Map<SourceColumn, Subtype> known = byColumn.computeIfAbsent(column, c -> new LinkedHashMap<>());
                sources.forEach((source, subtype) -> known.merge(source, subtype, Subtype::max));
            });
        }
        for (TableVersion read : reads) {
            if (!produced.contains(read)) {
                inputs.putIfAbsent(read.table() + "@" + read.snapshotId(), read);
            }
        }
        for (OutputTable write : writes) {
            // keep the first-written order but the last version of each table
            outputs.remove(write.table());
            outputs.put(write.table(), write);
            produced.add(new TableVersion(write.table(), write.snapshotId()));
            for (TableVersion read : reads) {
                if (!read.table().equals(write.table())) {
                    edges.add(
                            new LineageEdge(index, read.table(), read.snapshotId(), write.table(), write.snapshotId()));
                }
            }
        }
    }

    /** The column lineage of each written table whose every write had one, by column. */
    Map<String, Map<String, Map<SourceColumn, Subtype>>> columnLineage() {
        Map<String, Map<String, Map<SourceColumn, Subtype>>> known = new LinkedHashMap<>(columns);
        columnsUnknown.forEach(known::remove);
        return known;
    }

    Set<String> writtenTables() {
        return outputs.keySet();
    }

    List<TableVersion> inputList() {
        return List.copyOf(inputs.values());
    }

    List<OutputTable> outputList() {
        return List.copyOf(outputs.values());
    }
}
