package io.lakelab.platform.job;

import io.lakelab.catalog.ColumnSpec;
import io.lakelab.catalog.DatasetSchema;
import io.lakelab.catalog.Grade;
import io.lakelab.catalog.LakeLabException;
import io.lakelab.catalog.TableRef;
import io.lakelab.platform.dataset.Dataset;
import io.lakelab.platform.dataset.DatasetService;
import io.lakelab.platform.indicator.ComputedIndicator;
import io.lakelab.platform.indicator.IndicatorService;
import io.lakelab.platform.indicator.IndicatorValue;
import io.lakelab.platform.lineage.LineageEdge;
import io.lakelab.platform.lineage.LineageService;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Records what a successful run produced, in one transaction: each output table becomes (or
 * updates) a DERIVED dataset of the lab whose grade is the highest grade of the source tables it
 * was computed from (就高从严) and whose columns carry the tags of the source columns they were
 * derived from ({@link ColumnTags}), then the lineage edges and events, the indicator values, and the run
 * itself as SUCCEEDED with its inputs and outputs.
 */
@Component
class RunOutputs {

    private static final Logger log = LoggerFactory.getLogger(RunOutputs.class);

    /** The run's inputs and registered outputs. */
    record Recorded(List<JobRun.TableVersion> inputs, List<JobRun.TableVersion> outputs) {}

    private final JobRepository repository;
    private final DatasetService datasets;
    private final LineageService lineage;
    private final IndicatorService indicators;
    private final TransactionTemplate transaction;

    RunOutputs(
            JobRepository repository,
            DatasetService datasets,
            LineageService lineage,
            IndicatorService indicators,
            PlatformTransactionManager transactions) {
        this.repository = repository;
        this.datasets = datasets;
        this.lineage = lineage;
        this.indicators = indicators;
        this.transaction = new TransactionTemplate(transactions);
    }

    Recorded record(JobRepository.StoredRun stored, JsonNode result) {
        return transaction.execute(status -> recordInTransaction(stored, result));
    }

    private Recorded recordInTransaction(JobRepository.StoredRun stored, JsonNode result) {
        JobRun run = stored.run();
        List<LineageEdge> edges = new ArrayList<>();
        for (JsonNode e : result.path("edges")) {
            edges.add(new LineageEdge(
                    run.id(),
                    e.path("statement").asInt(),
                    RunCompletion.text(e.path("source")),
                    number(e.path("sourceSnapshotId")),
                    RunCompletion.text(e.path("target")),
                    number(e.path("targetSnapshotId"))));
        }
        List<JobRun.TableVersion> inputs = new ArrayList<>();
        List<Grade> inputGrades = new ArrayList<>();
        for (JsonNode i : result.path("inputs")) {
            String table = RunCompletion.text(i.path("table"));
            Optional<Dataset> dataset = find(table);
            dataset.ifPresent(d -> inputGrades.add(d.grade()));
            inputs.add(new JobRun.TableVersion(
                    table,
                    number(i.path("snapshotId")),
                    dataset.map(d -> d.name().value()).orElse(null),
                    null));
        }
        Set<String> written = new HashSet<>();
        result.path("outputs").forEach(o -> written.add(RunCompletion.text(o.path("table"))));
        ColumnTags tags = new ColumnTags(
                result.path("lineageEvents"),
                edges,
                written,
                inputs.stream().map(JobRun.TableVersion::table).toList(),
                this::find);
        List<JobRun.TableVersion> outputs = new ArrayList<>();
        for (JsonNode o : result.path("outputs")) {
            TableRef table = TableRef.parse(RunCompletion.text(o.path("table")));
            Long snapshotId = number(o.path("snapshotId"));
            Long rows = number(o.path("rows"));
            if (snapshotId == null) {
                log.info("Run {} created {} without a snapshot; it is not registered", run.id(), table);
                continue;
            }
            Grade grade = gradeOf(table.qualified(), edges, written, inputGrades);
            DatasetSchema schema = schema(table.qualified(), o.path("schema"), tags, find(table.qualified()));
            Dataset d = datasets.registerDerived(
                    run.lab(), table, schema, grade, rows == null ? 0 : rows, snapshotId, run.id());
            outputs.add(new JobRun.TableVersion(
                    table.qualified(), snapshotId, d.name().value(), rows));
        }
        List<JsonNode> events = new ArrayList<>();
        result.path("lineageEvents").forEach(events::add);
        lineage.record(run.id(), edges, events);
        indicators.recordValues(run.lab(), run.id(), computed(result.path("indicators")));
        if (!repository.finish(run.id(), List.of(JobState.RUNNING), JobState.SUCCEEDED, null, 0, inputs, outputs)) {
            throw new IllegalStateException("run " + run.id() + " was no longer RUNNING");
        }
        return new Recorded(inputs, outputs);
    }

    /**
     * The highest grade among the catalogued tables {@code target} was computed from in this run,
     * following the run's edges back through tables the run itself wrote. Without any edge to
     * follow, the highest grade of everything the run read: when in doubt, the stricter grade.
     */
    private Grade gradeOf(String target, List<LineageEdge> edges, Set<String> written, List<Grade> inputGrades) {
        List<Grade> grades = new ArrayList<>();
        Set<String> seen = new HashSet<>(Set.of(target));
        Deque<String> todo = new ArrayDeque<>(List.of(target));
        boolean anyEdge = false;
        while (!todo.isEmpty()) {
            String table = todo.pop();
            for (LineageEdge e : edges) {
                if (!e.target().equals(table)) {
                    continue;
                }
                anyEdge = true;
                if (!written.contains(e.source())) {
                    find(e.source()).ifPresent(d -> grades.add(d.grade()));
                }
                if (seen.add(e.source())) {
                    todo.push(e.source());
                }
            }
        }
        return Grade.highest(anyEdge ? grades : inputGrades);
    }

    private Optional<Dataset> find(String table) {
        try {
            return table == null ? Optional.empty() : datasets.findByTable(TableRef.parse(table));
        } catch (LakeLabException e) {
            return Optional.empty();
        }
    }

    /**
     * The output's schema as written, each column tagged with what its sources' columns carry plus
     * the tags an earlier version of the dataset already had: a re-run never drops a tag (like the
     * grade, only a reassessment lowers it).
     */
    private static DatasetSchema schema(String table, JsonNode columns, ColumnTags tags, Optional<Dataset> earlier) {
        List<ColumnSpec> specs = new ArrayList<>();
        for (JsonNode c : columns) {
            String name = RunCompletion.text(c.path("name"));
            String type = RunCompletion.text(c.path("type"));
            Set<String> columnTags = new java.util.TreeSet<>(tags.of(table, name));
            earlier.flatMap(d -> d.schema().column(name)).ifPresent(e -> columnTags.addAll(e.tags()));
            try {
                specs.add(new ColumnSpec(name, type, "", false, columnTags));
            } catch (LakeLabException e) {
                // a nested type (struct, list, map) has no primitive type string; keep the column, say what it is
                specs.add(new ColumnSpec(name, "string", "nested type " + type, false, columnTags));
            }
        }
        return new DatasetSchema(specs);
    }

    private static List<ComputedIndicator> computed(JsonNode values) {
        List<ComputedIndicator> out = new ArrayList<>();
        for (JsonNode v : values) {
            List<IndicatorValue.TableSnapshot> tables = new ArrayList<>();
            v.path("tables")
                    .forEach(t -> tables.add(new IndicatorValue.TableSnapshot(
                            RunCompletion.text(t.path("table")), number(t.path("snapshotId")))));
            Double value = v.path("value").isNumber() ? v.path("value").asDouble() : null;
            out.add(new ComputedIndicator(
                    RunCompletion.text(v.path("code")), value, RunCompletion.text(v.path("error")), tables));
        }
        return out;
    }

    private static Long number(JsonNode node) {
        return node != null && node.isNumber() ? node.asLong() : null;
    }
}
