package io.lakelab.jobs;

import io.lakelab.jobs.JobResult.IndicatorValue;
import io.lakelab.jobs.JobResult.LineageEdge;
import io.lakelab.jobs.JobResult.OutputTable;
import io.lakelab.jobs.JobResult.TableVersion;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a run has done so far: statements run, versions read and written, lineage edges and
 * indicator values. It is kept outside the statement loop so a failed run still reports (and
 * emits lineage for) everything that happened before the failure.
 */
final class RunLog {
    int statementsRun;
    final Map<String, TableVersion> inputs = new LinkedHashMap<>();
    final Map<String, OutputTable> outputs = new LinkedHashMap<>();
    final List<LineageEdge> edges = new ArrayList<>();
    final List<IndicatorValue> indicators = new ArrayList<>();
    private final Set<TableVersion> produced = new HashSet<>();

    /** Records one statement's reads and writes; versions this run produced are not run inputs. */
    void statement(int index, List<TableVersion> reads, List<OutputTable> writes) {
        statementsRun++;
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
