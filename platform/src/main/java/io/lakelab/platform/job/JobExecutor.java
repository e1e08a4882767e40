package io.lakelab.platform.job;

import io.lakelab.catalog.TableRef;
import io.lakelab.catalog.iceberg.IcebergSettings;
import io.lakelab.catalog.iceberg.WorkspaceSnapshot;
import io.lakelab.catalog.policy.PolicyCompiler;
import io.lakelab.catalog.policy.PolicyJson;
import io.lakelab.catalog.policy.PolicyTarget;
import io.lakelab.platform.access.PolicyService;
import io.lakelab.platform.access.PolicyTokens;
import io.lakelab.platform.access.RunnerAudit;
import io.lakelab.platform.grant.GrantService;
import io.lakelab.platform.indicator.IndicatorService;
import io.lakelab.platform.infra.StorageProperties;
import jakarta.annotation.PreDestroy;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.iceberg.catalog.Catalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs queued jobs: a scheduler thread starts queued runs (one running run per lab, at most
 * {@code lakelab.jobs.max-concurrent} overall), each run gets a thread that captures the workspace,
 * launches the runner, copies its output to {@code runner.log} while reading progress lines, and
 * hands the exit to {@link RunCompletion}. Cancel and shutdown stop the runner's process tree.
 */
@Component
class JobExecutor {

    private static final Logger log = LoggerFactory.getLogger(JobExecutor.class);
    private static final Pattern PROGRESS = Pattern.compile("LAKELAB-PROGRESS (\\d+)/(\\d+) ?(.*)");
    static final long KILL_GRACE_SECONDS = 5;

    private final JobRepository repository;
    private final RunnerLauncher launcher;
    private final RunCompletion completion;
    private final GrantService grants;
    private final IndicatorService indicators;
    private final Catalog catalog;
    private final IcebergSettings iceberg;
    private final JobsProperties properties;
    private final StorageProperties storage;
    private final JsonMapper json;
    private final PolicyService policies;
    private final PolicyTokens policyTokens;
    private final RunnerAudit runnerAudit;
    private final org.springframework.core.env.Environment environment;
    private final Map<String, ActiveRun> active = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler =
            Executors.newSingleThreadScheduledExecutor(r -> daemon("lakelab-job-scheduler", r));
    private volatile boolean started;

    JobExecutor(
            JobRepository repository,
            RunnerLauncher launcher,
            RunCompletion completion,
            GrantService grants,
            IndicatorService indicators,
            Catalog catalog,
            IcebergSettings iceberg,
            JobsProperties properties,
            StorageProperties storage,
            JsonMapper json,
            PolicyService policies,
            PolicyTokens policyTokens,
            RunnerAudit runnerAudit,
            org.springframework.core.env.Environment environment) {
        this.repository = repository;
        this.launcher = launcher;
        this.completion = completion;
        this.grants = grants;
        this.indicators = indicators;
        this.catalog = catalog;
        this.iceberg = iceberg;
        this.properties = properties;
        this.storage = storage;
        this.json = json;
        this.policies = policies;
        this.policyTokens = policyTokens;
        this.runnerAudit = runnerAudit;
        this.environment = environment;
    }

    /**
     * Reconciles, then starts scheduling, once the context is up but before application runners:
     * a runner such as the demo submits a job and waits for it, so waiting for {@code
     * ApplicationReadyEvent} (published after the runners) would never start it.
     */
    @EventListener(ApplicationStartedEvent.class)
    void start() {
        int reconciled = reconcileOrphans();
        if (reconciled > 0) {
            log.warn(
                    "Marked {} job run(s) interrupted by a platform restart as FAILED and rolled them back",
                    reconciled);
        }
        started = true;
        scheduler.scheduleWithFixedDelay(this::dispatch, 0, 1, TimeUnit.SECONDS);
    }

    /** Asks the scheduler to look at the queue now rather than at its next tick. */
    void wake() {
        if (started && !scheduler.isShutdown()) {
            scheduler.execute(this::dispatch);
        }
    }

    /**
     * Every run recorded as RUNNING that this instance is not executing was cut short by a restart:
     * kill its runner if it still lives, roll its workspace back and mark it FAILED.
     */
    int reconcileOrphans() {
        int count = 0;
        for (JobRepository.StoredRun run : repository.inState(JobState.RUNNING)) {
            if (!active.containsKey(run.run().id())) {
                completion.reconcile(run);
                count++;
            }
        }
        return count;
    }

    Path runDir(String runId) {
        return storage.runs().resolve(runId);
    }

    Path logFile(String runId) {
        return runDir(runId).resolve("runner.log");
    }

    private void dispatch() {
        try {
            List<JobRepository.StoredRun> queued = repository.inState(JobState.QUEUED);
            if (queued.isEmpty() || active.size() >= properties.maxConcurrent()) {
                return;
            }
            Set<Long> busyLabs = repository.inState(JobState.RUNNING).stream()
                    .map(JobRepository.StoredRun::labId)
                    .collect(Collectors.toCollection(HashSet::new));
            for (JobRepository.StoredRun run : queued) {
                if (active.size() >= properties.maxConcurrent()) {
                    return;
                }
                if (busyLabs.add(run.labId())) {
                    launch(run);
                }
            }
        } catch (RuntimeException e) {
            log.error("Job scheduling failed; retrying at the next tick", e);
        }
    }

    private void launch(JobRepository.StoredRun run) {
        String id = run.run().id();
        ActiveRun a = new ActiveRun(run, runDir(id));
        active.put(id, a);
        if (!repository.claim(id)) {
            active.remove(id);
            a.done.complete(null);
            return;
        }
        daemon("lakelab-job-" + id, () -> execute(a)).start();
    }

    private void execute(ActiveRun a) {
        try {
            Files.createDirectories(a.runDir);
            Files.deleteIfExists(a.runDir.resolve("result.json"));
            String workspace = io.lakelab.catalog.Workspaces.of(a.stored.run().lab());
            WorkspaceSnapshot snapshot = WorkspaceSnapshot.capture(catalog, workspace);
            a.snapshot(snapshot);
            repository.snapshot(a.id(), json.writeValueAsString(snapshot));
            RunnerSpec spec = spec(a);
            if (a.interrupted()) {
                completion.complete(a, null);
                return;
            }
            Process process = launcher.start(spec, a.runDir);
            repository.launched(a.id(), process.pid());
            if (!a.started(process)) {
                destroyTree(process);
            }
            pump(a, process);
            int exit = process.waitFor();
            completion.complete(a, exit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            completion.launchFailed(a, e);
        } catch (IOException | RuntimeException e) {
            completion.launchFailed(a, e);
        } finally {
            policyTokens.revoke(a.id());
            active.remove(a.id());
            a.done.complete(null);
            wake();
        }
    }

    private RunnerSpec spec(ActiveRun a) {
        JobRun run = a.stored.run();
        Set<String> readable = grants.readableTables(run.lab()).stream()
                .map(TableRef::qualified)
                .collect(Collectors.toUnmodifiableSet());
        List<RunnerSpec.Indicator> lab = indicators.definitions(run.lab()).stream()
                .map(i -> new RunnerSpec.Indicator(i.code(), i.sql()))
                .toList();
        return new RunnerSpec(
                run.id(),
                run.lab().value(),
                run.submittedBy(),
                run.name(),
                run.statements(),
                readable,
                lab,
                run.kind() == JobKind.INDICATOR_REFRESH,
                iceberg,
                properties.sparkMaster(),
                properties.shufflePartitions(),
                a.runDir.toString(),
                json.readTree(PolicyJson.write(policies.policies(PolicyTarget.SPARK))),
                List.of(PolicyCompiler.groupOf(run.lab())),
                new RunnerSpec.PolicyRefresh(
                        "http://127.0.0.1:" + environment.getProperty("local.server.port", "8080"),
                        policyTokens.issue(run.id()),
                        properties.policyRefreshMillis()));
    }

    /** Copies the runner's output to its log, line by line, and records progress lines. */
    private void pump(ActiveRun a, Process process) throws IOException {
        try (BufferedReader in =
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                Writer out = Files.newBufferedWriter(
                        a.runDir.resolve("runner.log"),
                        StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND)) {
            out.write("[lakelab] " + Instant.now() + " run " + a.id() + " started: " + RunnerLauncher.MAIN_CLASS
                    + " pid " + process.pid() + "\n");
            out.flush();
            String line;
            while ((line = readLine(in)) != null) {
                out.write(line);
                out.write('\n');
                out.flush();
                Matcher m = PROGRESS.matcher(line);
                if (m.find()) {
                    progress(a, m);
                } else if (line.startsWith(RunnerAudit.PREFIX)) {
                    runnerAudit.record(a.id(), line);
                }
            }
        }
    }

    /** The next line of output, or null at its end, also when destroying the process closed the stream. */
    private static String readLine(BufferedReader in) {
        try {
            return in.readLine();
        } catch (IOException e) {
            return null;
        }
    }

    private void progress(ActiveRun a, Matcher m) {
        try {
            String message = m.group(3).strip();
            repository.progress(
                    a.id(),
                    Integer.parseInt(m.group(1)),
                    Integer.parseInt(m.group(2)),
                    message.length() > 500 ? message.substring(0, 500) : message);
        } catch (RuntimeException e) {
            log.debug("Ignoring a progress line of run {}: {}", a.id(), e.toString());
        }
    }

    /** Cancels a run this instance executes; empty when it does not execute it (not running here). */
    Optional<ActiveRun> cancel(String runId, String user) {
        ActiveRun a = active.get(runId);
        if (a == null) {
            return Optional.empty();
        }
        Process process = a.cancel(user);
        if (process != null) {
            destroyTree(process);
        }
        return Optional.of(a);
    }

    /** Waits up to {@code seconds} for an active run to finish. */
    static void await(ActiveRun a, long seconds) {
        try {
            a.done.get(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            // still finishing; the caller reports the state as it is
        }
    }

    /** Terminates the runner and anything it started, forcibly once the grace period is over. */
    void destroyTree(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        descendants.forEach(ProcessHandle::destroy);
        process.destroy();
        daemon("lakelab-job-killer-" + process.pid(), () -> {
                    try {
                        if (!process.waitFor(KILL_GRACE_SECONDS, TimeUnit.SECONDS)) {
                            log.info(
                                    "Runner process {} did not stop within {} s; killing it",
                                    process.pid(),
                                    KILL_GRACE_SECONDS);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
                    if (process.isAlive()) {
                        process.destroyForcibly();
                    }
                })
                .start();
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }

    /** On shutdown, running jobs are stopped and rolled back rather than left to a later restart. */
    @PreDestroy
    void stop() {
        started = false;
        scheduler.shutdownNow();
        for (ActiveRun a : List.copyOf(active.values())) {
            Process process = a.stop();
            if (process != null) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }
        for (ActiveRun a : List.copyOf(active.values())) {
            await(a, 30);
        }
    }
}
