package io.lakelab.platform.job;

import io.lakelab.catalog.iceberg.WorkspaceSnapshot;
import io.lakelab.platform.audit.AuditService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.iceberg.catalog.Catalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Decides how a run ended and makes the platform agree: a cancelled, failed, killed or
 * restart-interrupted run has its workspace rolled back to the state captured before launch; a
 * successful one has its outputs, lineage and indicator values recorded by {@link RunOutputs}.
 */
@Component
class RunCompletion {

    static final String RESTARTED = "The platform restarted while this job was running; its partial output was"
            + " rolled back. Submit it again.";
    static final String STOPPED = "The platform stopped while this job was running; its partial output was"
            + " rolled back. Submit it again.";
    private static final Logger log = LoggerFactory.getLogger(RunCompletion.class);
    private static final List<JobState> RUNNING = List.of(JobState.RUNNING);

    private final JobRepository repository;
    private final RunOutputs outputs;
    private final AuditService audit;
    private final Catalog catalog;
    private final JsonMapper json;

    RunCompletion(JobRepository repository, RunOutputs outputs, AuditService audit, Catalog catalog, JsonMapper json) {
        this.repository = repository;
        this.outputs = outputs;
        this.audit = audit;
        this.catalog = catalog;
        this.json = json;
    }

    /** The runner exited with {@code exitCode} (null: it was never started). */
    void complete(ActiveRun run, Integer exitCode) {
        if (run.cancelledBy() != null) {
            String rollback = rollback(run.snapshot(), run.id());
            finish(run.stored, JobState.CANCELLED, "Cancelled by " + run.cancelledBy() + "." + rollback, exitCode);
            return;
        }
        if (run.stopping()) {
            finish(run.stored, JobState.FAILED, STOPPED + rollback(run.snapshot(), run.id()), exitCode);
            return;
        }
        JsonNode result = readResult(run.runDir);
        if (exitCode != null && exitCode == 0 && result != null && "SUCCEEDED".equals(text(result.path("state")))) {
            try {
                RunOutputs.Recorded recorded = outputs.record(run.stored, result);
                audit(run.stored, JobState.SUCCEEDED, null, recorded.outputs().size());
                return;
            } catch (RuntimeException e) {
                log.error("Recording the outputs of run {} failed; rolling it back", run.id(), e);
                String error = "The job ran, but recording its outputs failed (" + e.getMessage()
                        + "); its output was rolled back. Submit it again; if this repeats, tell the platform team.";
                finish(run.stored, JobState.FAILED, error + rollback(run.snapshot(), run.id()), exitCode);
                return;
            }
        }
        String error = result == null ? null : text(result.path("error"));
        if (error == null || error.isBlank()) {
            error = "The job process exited with code " + exitCode + "; see the logs (GET /api/v1/jobs/" + run.id()
                    + "/logs).";
        }
        finish(run.stored, JobState.FAILED, error + rollback(run.snapshot(), run.id()), exitCode);
    }

    /** The run could not be launched or its runner could not be watched. */
    void launchFailed(ActiveRun run, Exception e) {
        boolean cancelled = run.cancelledBy() != null;
        if (!cancelled) {
            log.error("Run {} could not be executed", run.id(), e);
        }
        Process process = cancelled ? run.cancel(run.cancelledBy()) : run.stop();
        if (process != null && process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
        }
        if (cancelled) {
            complete(run, null);
            return;
        }
        String error = "The job could not be run: " + e.getMessage();
        finish(run.stored, JobState.FAILED, error + rollback(run.snapshot(), run.id()), null);
    }

    /** A run left RUNNING by an earlier platform process: kill its runner, roll back, mark it FAILED. */
    void reconcile(JobRepository.StoredRun stored) {
        if (stored.pid() != null) {
            ProcessHandle.of(stored.pid()).filter(RunnerLauncher::isRunner).ifPresent(handle -> {
                log.warn(
                        "Killing runner process {} of interrupted run {}",
                        handle.pid(),
                        stored.run().id());
                handle.descendants().forEach(ProcessHandle::destroyForcibly);
                handle.destroyForcibly();
                try {
                    handle.onExit().get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    log.warn("Runner process {} did not exit: {}", handle.pid(), e.toString());
                }
            });
        }
        WorkspaceSnapshot snapshot = stored.workspaceSnapshot() == null
                ? null
                : json.readValue(stored.workspaceSnapshot(), WorkspaceSnapshot.class);
        finish(
                stored,
                JobState.FAILED,
                RESTARTED + rollback(snapshot, stored.run().id()),
                null);
    }

    private void finish(JobRepository.StoredRun stored, JobState state, String error, Integer exitCode) {
        if (repository.finish(stored.run().id(), RUNNING, state, error, exitCode, List.of(), List.of())) {
            audit(stored, state, error, 0);
        }
    }

    /** Restores the workspace; returns "" or a sentence to append to the run's error when it failed. */
    private String rollback(WorkspaceSnapshot snapshot, String runId) {
        if (snapshot == null) {
            return "";
        }
        try {
            snapshot.restore(catalog);
            return "";
        } catch (RuntimeException e) {
            log.error("Rolling back workspace {} after run {} failed", snapshot.namespace(), runId, e);
            return " Rolling back workspace " + snapshot.namespace() + " failed too (" + e.getMessage()
                    + "): ask a platform administrator to check it.";
        }
    }

    private void audit(JobRepository.StoredRun stored, JobState state, String error, int outputs) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("lab", stored.run().lab().value());
        details.put("state", state.name());
        details.put("outputs", outputs);
        if (error != null) {
            details.put("error", error.length() > 1000 ? error.substring(0, 1000) : error);
        }
        audit.record(
                stored.run().submittedBy(),
                "job.finish",
                "job:" + stored.run().id(),
                state == JobState.SUCCEEDED ? AuditService.Outcome.SUCCEEDED : AuditService.Outcome.FAILED,
                details);
    }

    private JsonNode readResult(Path runDir) {
        Path file = runDir.resolve("result.json");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return json.readTree(Files.readString(file));
        } catch (IOException | RuntimeException e) {
            log.warn("Unreadable result file {}: {}", file, e.toString());
            return null;
        }
    }

    static String text(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull() ? null : node.asString();
    }
}
