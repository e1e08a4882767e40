package io.lakelab.jobs;

import io.lakelab.catalog.LakeLabException;
import io.lakelab.catalog.TableRef;
import io.lakelab.catalog.iceberg.IcebergCatalogs;
import io.lakelab.jobs.AccessCheck.Checked;
import io.lakelab.jobs.JobResult.OutputTable;
import io.lakelab.jobs.JobResult.TableVersion;
import io.lakelab.jobs.governance.AuditLog;
import io.lakelab.jobs.governance.GovernedRun;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.spark.CommitMetadata;
import org.apache.spark.sql.catalyst.plans.logical.Command;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.classic.SparkSession;
import org.apache.spark.sql.execution.CommandExecutionMode;
import org.apache.spark.sql.execution.QueryExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one LakeLab job: checks every statement and indicator against the lab's grants before
 * anything runs, runs the statements in the lab workspace with each Iceberg commit tagged with the
 * run id, records which table versions each statement read and wrote, refreshes indicators and
 * writes {@code result.json} plus OpenLineage events into the run directory. {@link #main} is the
 * entry point of the runner JVM; {@link #run} runs a job in an existing session (tests). It never
 * undoes partial writes: the platform restores the workspace snapshot it took before launch.
 */
public final class JobRunner {
    public static final String RUN_ID_PROPERTY = "lakelab.run-id";
    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);
    private static final int MAX_ERROR = 2000;

    private final SparkSession spark;
    private final PrintStream progressOut;

    public JobRunner(SparkSession spark) {
        this(spark, System.out);
    }

    public JobRunner(SparkSession spark, PrintStream progressOut) {
        this.spark = spark;
        this.progressOut = progressOut;
    }

    /** Reads the spec from stdin, runs it in a new Spark session and exits 0 (succeeded) or 1. */
    public static void main(String[] args) {
        PrintStream stdout = System.out;
        // nothing but progress lines may reach stdout: libraries that print go to stderr instead
        System.setOut(System.err);
        int exit = 1;
        try {
            exit = launch(System.in, stdout);
        } catch (Throwable t) {
            LOG.error("The job runner failed", t);
        } finally {
            System.exit(exit);
        }
    }

    static int launch(InputStream in, PrintStream progressOut) throws IOException {
        String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        JobSpec spec;
        try {
            spec = JobJson.readSpec(json);
        } catch (LakeLabException e) {
            System.err.println("LakeLab job runner: " + e.getMessage());
            Optional<String> runDir = JobJson.textField(json, "runDir");
            if (runDir.isPresent()) {
                String runId = JobJson.textField(json, "runId").orElse("unknown");
                Instant now = Instant.now();
                writeResult(runDir.get(), failed(runId, e.getMessage(), now));
            }
            return 1;
        }
        SparkSession spark = null;
        JobResult result;
        try {
            spark = JobSession.create(spec);
            result = new JobRunner(spark, progressOut).run(spec);
        } catch (Exception e) {
            LOG.error("Run {} could not start", spec.runId(), e);
            result = failed(spec.runId(), "The job could not start: " + message(e), Instant.now());
            writeResult(spec.runDir(), result);
        } finally {
            if (spark != null) {
                spark.stop();
            }
        }
        return result.succeeded() ? 0 : 1;
    }

    /** Runs a job in this runner's session and writes its result files; never throws for job errors. */
    public JobResult run(JobSpec spec) {
        Instant started = Instant.now();
        LineageEvents events = new LineageEvents(spec);
        List<String> lineage = new ArrayList<>();
        lineage.add(events.start());
        writeEvent(spec, lineage);
        RunLog log = new RunLog();
        AuditLog audit = new AuditLog(spec.runId(), spec.user(), spec.labCode(), progressOut);
        String error = null;
        Catalog catalog = null;
        try {
            catalog = IcebergCatalogs.open(spec.iceberg());
            execute(spec, catalog, log, audit);
        } catch (Exception e) {
            error = e instanceof LakeLabException ? e.getMessage() : message(e);
            if (e instanceof LakeLabException && e.getCause() == null) {
                // a refusal or bad request: the message says it all, a stack trace would be noise
                LOG.warn("Run {} failed: {}", spec.runId(), error);
            } else {
                LOG.error("Run {} failed: {}", spec.runId(), error, e);
            }
        } finally {
            close(catalog);
        }
        lineage.add(
                error == null
                        ? events.complete(log.inputList(), log.outputList(), log.columnLineage())
                        : events.fail(log.inputList(), log.outputList(), log.columnLineage(), error));
        writeEvent(spec, lineage);
        JobResult result = new JobResult(
                spec.runId(),
                error == null ? JobState.SUCCEEDED : JobState.FAILED,
                error,
                log.statementsRun,
                log.inputList(),
                log.outputList(),
                List.copyOf(log.edges),
                List.copyOf(log.indicators),
                lineage.stream().map(JobJson::tree).toList(),
                started,
                Instant.now(),
                audit.events());
        writeResult(spec.runDir(), result);
        return result;
    }

    private void execute(JobSpec spec, Catalog catalog, RunLog log, AuditLog audit) {
        String workspace = spec.workspace();
        // before the pre-flight parses anything: a shared in-process session may have had it switched on
        spark.conf().set(JobSession.NO_SUBSTITUTION, "false");
        // Governed: Ranger decides reads in the session; the pre-flight keeps only its structural refusals.
        Predicate<String> readable = spec.governed() ? t -> true : spec.readableTables()::contains;
        AccessCheck access = new AccessCheck(spark, spec.lab(), workspace, readable);
        List<Checked> statements = new ArrayList<>();
        for (int i = 0; i < spec.statements().size(); i++) {
            audit.beginStatement(i + 1);
            statements.add(preflight(
                    access,
                    audit,
                    i + 1,
                    "Statement " + (i + 1),
                    spec.statements().get(i)));
        }
        List<Checked> indicators = new ArrayList<>();
        for (int i = 0; i < spec.indicators().size(); i++) {
            IndicatorSpec indicator = spec.indicators().get(i);
            audit.beginStatement(spec.statements().size() + i + 1);
            indicators.add(preflight(access, audit, i + 1, "Indicator " + indicator.code(), indicator.sql()));
        }
        prepareSession(spec, catalog);
        try (GovernedRun governed = GovernedRun.start(spark, spec, audit)) {
            execute(spec, catalog, log, audit, statements, indicators);
        }
    }

    private static Checked preflight(AccessCheck access, AuditLog audit, int index, String what, String sql) {
        try {
            return access.check(index, what, sql);
        } catch (LakeLabException e) {
            audit.record(what.toLowerCase(java.util.Locale.ROOT), "preflight", false, -1, e.getMessage());
            throw e;
        }
    }

    private void execute(
            JobSpec spec,
            Catalog catalog,
            RunLog log,
            AuditLog audit,
            List<Checked> statements,
            List<Checked> indicators) {
        String workspace = spec.workspace();
        TableVersions versions =
                new TableVersions(catalog, workspace, spec.governed() ? t -> true : spec.readableTables()::contains);
        int total = statements.size() + (indicators.isEmpty() ? 0 : 1);
        Progress progress = new Progress(progressOut, total);
        if (total == 0) {
            progress.report(0, "nothing to run");
        }
        Map<String, String> commitProperties = Map.of(RUN_ID_PROPERTY, spec.runId());
        for (Checked statement : statements) {
            int n = statement.index();
            progress.report(n - 1, "running statement " + n + ": " + statement.sql());
            audit.beginStatement(n);
            runStatement(statement, versions, commitProperties, log);
            progress.report(n, "statement " + n + " done");
        }
        if (!indicators.isEmpty()) {
            List<Checked> selected =
                    Indicators.selected(indicators, log.writtenTables(), spec.recomputeAllIndicators());
            progress.report(statements.size(), "computing " + selected.size() + " indicator(s)");
            audit.beginStatement(statements.size() + 1);
            log.indicators.addAll(new Indicators(spark, versions).compute(selected, spec.indicators()));
            progress.report(total, "indicators done");
        }
    }

    private void prepareSession(JobSpec spec, Catalog catalog) {
        IcebergCatalogs.ensureNamespace(catalog, spec.workspace());
        // a shared in-process session must not carry temporary views from an earlier job into this one
        spark.sessionState().catalog().clearTempTables();
        spark.conf().set("spark.sql.shuffle.partitions", String.valueOf(spec.shufflePartitions()));
        spark.sql("USE " + IcebergCatalogs.CATALOG_NAME + ".`" + spec.workspace() + "`");
        JobSession.registerFunctions(spark);
    }

    private void runStatement(
            Checked statement, TableVersions versions, Map<String, String> commitProperties, RunLog log) {
        String what = "Statement " + statement.index();
        try {
            QueryExecution qe = spark.sessionState().executePlan(statement.parsed(), CommandExecutionMode.ALL());
            LogicalPlan analyzed = qe.analyzed();
            // read versions and the write targets' versions are taken before the statement commits anything
            List<TableVersion> reads = versions.reads(analyzed, what);
            Map<TableRef, Optional<TableVersion>> before = new HashMap<>();
            for (TableRef target : statement.tables().writes()) {
                before.put(target, versions.current(target));
            }
            CommitMetadata.withCommitProperties(
                    commitProperties,
                    () -> {
                        qe.commandExecuted();
                        if (!(analyzed instanceof Command)) {
                            qe.toRdd().count();
                        }
                        return null;
                    },
                    RuntimeException.class);
            List<OutputTable> writes = new ArrayList<>();
            for (Map.Entry<TableRef, Optional<TableVersion>> target : before.entrySet()) {
                versions.output(target.getKey())
                        .filter(out -> target.getValue().isEmpty()
                                || !Objects.equals(target.getValue().get().snapshotId(), out.snapshotId()))
                        .ifPresent(writes::add);
            }
            log.statement(statement.index(), reads, writes, ColumnLineage.of(analyzed));
        } catch (LakeLabException e) {
            throw e;
        } catch (Exception e) {
            // AnalysisException is a checked exception to Java (Scala declares none), so catch Exception
            throw new JobFailure(what + " failed: " + message(e), e);
        }
    }

    /** A statement failure whose message is already complete for the user. */
    static final class JobFailure extends LakeLabException {
        JobFailure(String message, Throwable cause) {
            super(io.lakelab.catalog.ErrorCategory.BAD_REQUEST, message, cause);
        }
    }

    static String message(Throwable e) {
        String message = e.getMessage() == null
                ? e.getClass().getSimpleName()
                : e.getMessage().strip();
        message = message.lines().findFirst().orElse(message);
        return message.length() > MAX_ERROR ? message.substring(0, MAX_ERROR) + "..." : message;
    }

    static JobResult failed(String runId, String error, Instant at) {
        return new JobResult(
                runId,
                JobState.FAILED,
                error,
                0,
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                at,
                at,
                List.of());
    }

    private static void writeEvent(JobSpec spec, List<String> lineage) {
        String json = lineage.get(lineage.size() - 1);
        String type = JobJson.tree(json).path("eventType").asText("EVENT");
        JobJson.write(Path.of(spec.runDir(), "lineage", lineage.size() + "-" + type + ".json"), JobJson.tree(json));
    }

    private static void writeResult(String runDir, JobResult result) {
        JobJson.write(Path.of(runDir, "result.json"), result);
    }

    private static void close(Catalog catalog) {
        if (catalog instanceof Closeable closeable) {
            try {
                closeable.close();
            } catch (IOException e) {
                LOG.warn("Closing the Iceberg catalog failed", e);
            }
        }
    }
}
