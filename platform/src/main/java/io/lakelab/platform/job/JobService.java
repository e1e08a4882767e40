package io.lakelab.platform.job;

import io.lakelab.catalog.ErrorCategory;
import io.lakelab.catalog.LabCode;
import io.lakelab.catalog.LakeLabException;
import io.lakelab.catalog.TableRef;
import io.lakelab.catalog.Workspaces;
import io.lakelab.platform.audit.AuditService;
import io.lakelab.platform.dataset.Dataset;
import io.lakelab.platform.dataset.DatasetService;
import io.lakelab.platform.grant.GrantService;
import io.lakelab.platform.identity.Authorizer;
import io.lakelab.platform.identity.CurrentUser;
import io.lakelab.platform.identity.Operation;
import io.lakelab.platform.incident.Freezes;
import io.lakelab.platform.lab.Lab;
import io.lakelab.platform.lab.LabService;
import io.lakelab.platform.lineage.LineageService;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * Jobs as the API sees them: submission (authorized, with a first check that every table outside
 * the lab's workspace is granted), listing, status, logs, cancel, and the indicator-only refresh
 * run. Execution is {@link JobExecutor}'s.
 */
@Service
public class JobService {

    private static final int MAX_LOG_CHUNK = 1 << 20;

    private final JobRepository repository;
    private final JobExecutor executor;
    private final LabService labs;
    private final DatasetService datasets;
    private final GrantService grants;
    private final LineageService lineage;
    private final Authorizer authorizer;
    private final AuditService audit;
    private final Freezes freezes;

    JobService(
            JobRepository repository,
            JobExecutor executor,
            LabService labs,
            DatasetService datasets,
            GrantService grants,
            LineageService lineage,
            Authorizer authorizer,
            AuditService audit,
            Freezes freezes) {
        this.freezes = freezes;
        this.repository = repository;
        this.executor = executor;
        this.labs = labs;
        this.datasets = datasets;
        this.grants = grants;
        this.lineage = lineage;
        this.authorizer = authorizer;
        this.audit = audit;
    }

    public JobRun submit(CurrentUser user, SubmitJobRequest request) {
        LabCode code = new LabCode(request.lab());
        authorizer.authorizeOrThrow(user, Operation.SUBMIT_JOB, code);
        Lab lab = labs.requireActive(code);
        if (request.name().length() > 200) {
            throw LakeLabException.badRequest("Job name is longer than 200 characters: give a shorter name.");
        }
        List<String> statements = new ArrayList<>();
        for (int i = 0; i < request.statements().size(); i++) {
            String s = request.statements().get(i);
            if (s == null || s.isBlank()) {
                throw LakeLabException.badRequest("Statement " + (i + 1) + " is empty: remove it or give its SQL.");
            }
            statements.add(s.strip());
        }
        refuseUngranted(user, lab, statements);
        return enqueue(user, lab, request.name(), JobKind.SQL, statements);
    }

    /** Queues a run that executes no statements and recomputes every indicator of the lab. */
    public JobRun submitIndicatorRefresh(CurrentUser user, LabCode code) {
        authorizer.authorizeOrThrow(user, Operation.REFRESH_INDICATORS, code);
        return enqueue(user, labs.requireActive(code), "indicator-refresh", JobKind.INDICATOR_REFRESH, List.of());
    }

    public List<JobRun> list(CurrentUser user, LabCode code, int limit) {
        List<Long> labIds;
        if (code != null) {
            authorizer.authorizeOrThrow(user, Operation.VIEW_JOBS, code);
            labIds = List.of(labs.require(code).id());
        } else {
            labIds = labs.list(user).stream()
                    .filter(l -> authorizer.allows(user, Operation.VIEW_JOBS, l.code()))
                    .map(Lab::id)
                    .toList();
        }
        return repository.forLabs(labIds, Math.max(1, Math.min(limit, 1000))).stream()
                .map(JobRepository.StoredRun::run)
                .toList();
    }

    public JobRun get(CurrentUser user, String id) {
        return authorized(user, id, Operation.VIEW_JOBS).run();
    }

    public JobLog logs(CurrentUser user, String id, long offset) {
        JobRun run = authorized(user, id, Operation.VIEW_JOBS).run();
        if (offset < 0) {
            throw LakeLabException.badRequest("Log offset " + offset + " is negative: start at 0.");
        }
        Path file = executor.logFile(id);
        boolean complete = run.state().terminal();
        if (!Files.isRegularFile(file)) {
            return new JobLog(id, offset, offset, "", complete);
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            long from = Math.min(offset, length);
            byte[] bytes = new byte[(int) Math.min(MAX_LOG_CHUNK, length - from)];
            in.seek(from);
            in.readFully(bytes);
            int end = completeUtf8(bytes);
            long next = from + end;
            return new JobLog(
                    id, from, next, new String(bytes, 0, end, StandardCharsets.UTF_8), complete && next >= length);
        } catch (IOException e) {
            throw new LakeLabException(
                    ErrorCategory.INTERNAL, "Cannot read the log of run " + id + ": " + e.getMessage(), e);
        }
    }

    public JobRun cancel(CurrentUser user, String id) {
        JobRepository.StoredRun stored = authorized(user, id, Operation.CANCEL_JOB);
        if (stored.run().state().terminal()) {
            throw new LakeLabException(
                    ErrorCategory.CONFLICT,
                    "Job run " + id + " already finished (" + stored.run().state() + "): there is nothing to cancel.");
        }
        audit.record(
                user.username(),
                "job.cancel",
                "job:" + id,
                AuditService.Outcome.SUCCEEDED,
                Map.of(
                        "lab",
                        stored.run().lab().value(),
                        "state",
                        stored.run().state().name()));
        boolean dequeued = repository.finish(
                id,
                List.of(JobState.QUEUED),
                JobState.CANCELLED,
                "Cancelled by " + user.username() + " before it started.",
                null,
                List.of(),
                List.of());
        if (!dequeued) {
            Optional<ActiveRun> active = executor.cancel(id, user.username());
            active.ifPresent(a -> JobExecutor.await(a, JobExecutor.KILL_GRACE_SECONDS + 10));
        }
        return repository.find(id).orElseThrow().run();
    }

    /** The run's OpenLineage events as the runner emitted them. */
    public List<JsonNode> lineageEvents(CurrentUser user, String id) {
        authorized(user, id, Operation.VIEW_JOBS);
        return lineage.events(id);
    }

    private JobRun enqueue(CurrentUser user, Lab lab, String name, JobKind kind, List<String> statements) {
        String id = "run-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        repository.insert(id, lab.id(), name, kind, statements, user.username());
        audit.record(
                user.username(),
                "job.submit",
                "job:" + id,
                AuditService.Outcome.SUCCEEDED,
                Map.of("lab", lab.code().value(), "name", name, "kind", kind.name(), "statements", statements.size()));
        executor.wake();
        return repository.find(id).orElseThrow().run();
    }

    /**
     * Refuses, before anything runs, a job whose statements name tables outside the lab's
     * workspace that the lab may not read, naming each one.
     */
    private void refuseUngranted(CurrentUser user, Lab lab, List<String> statements) {
        Set<TableRef> readable = grants.readableTables(lab.code());
        Set<TableRef> frozen = freezes.tables();
        List<String> refused = new ArrayList<>();
        for (TableRef table : TableReferences.outside(lab.workspace(), statements)) {
            if (frozen.contains(table)) {
                datasets.findByTable(table)
                        .ifPresent(d -> freezes.requireDatasetNotFrozen(d.name(), "a job that reads it"));
            }
            if (readable.contains(table)) {
                continue;
            }
            // Only a dataset the caller may see is named; another lab's output reads as any table there.
            Optional<Dataset> dataset = datasets.findVisibleByTable(user, table);
            if (dataset.isPresent()) {
                refused.add("dataset '" + dataset.get().name().value() + "' (table " + table.qualified() + ")");
            } else if (table.namespace().equals(Workspaces.SOURCE_NAMESPACE)) {
                refused.add("table " + table.qualified() + ", which is not a registered dataset");
            } else {
                refused.add("table " + table.qualified() + " in another lab's workspace");
            }
        }
        if (refused.isEmpty()) {
            return;
        }
        String reason = "Job refused: lab " + lab.code().value() + " has no grant to read " + String.join(", ", refused)
                + ". A job may read its own workspace (" + lab.workspace() + ") and datasets granted to the lab;"
                + " ask a platform administrator for a grant (POST /api/v1/grants) or remove the reference.";
        audit.record(
                user.username(),
                "job.submit",
                "lab:" + lab.code().value(),
                AuditService.Outcome.DENIED,
                Map.of("reason", reason));
        throw new LakeLabException(ErrorCategory.FORBIDDEN, reason);
    }

    private JobRepository.StoredRun authorized(CurrentUser user, String id, Operation operation) {
        // Another lab's run is answered like an unknown id: a 403 would confirm it exists and name its lab.
        Optional<JobRepository.StoredRun> stored = repository.find(id);
        authorizer.authorizeOrHide(
                user,
                operation,
                stored.map(r -> r.run().lab()).orElse(null),
                () -> new LakeLabException(
                        ErrorCategory.NOT_FOUND,
                        "No job run with id '" + id + "': GET /api/v1/jobs?lab=<code> lists a lab's runs."));
        return stored.orElseThrow();
    }

    /** The length of the longest prefix of {@code bytes} that does not end inside a UTF-8 sequence. */
    static int completeUtf8(byte[] bytes) {
        int end = bytes.length;
        int i = end - 1;
        int continuation = 0;
        while (i >= 0 && (bytes[i] & 0xC0) == 0x80 && continuation < 3) {
            i--;
            continuation++;
        }
        if (i < 0) {
            return end;
        }
        int lead = bytes[i] & 0xFF;
        int needed = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0;
        return needed > continuation ? i : end;
    }
}
