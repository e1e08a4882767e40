package io.lakelab.platform.job;

import io.lakelab.catalog.iceberg.WorkspaceSnapshot;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * A run this platform instance is executing: its runner process once started, the workspace state
 * captured before launch, and whether someone cancelled it or the platform is stopping. Launch and
 * cancel synchronize on it so a cancel never misses a process that is just starting.
 */
final class ActiveRun {

    final JobRepository.StoredRun stored;
    final Path runDir;
    final CompletableFuture<Void> done = new CompletableFuture<>();
    private volatile WorkspaceSnapshot snapshot;
    private Process process;
    private String cancelledBy;
    private boolean stopping;

    ActiveRun(JobRepository.StoredRun stored, Path runDir) {
        this.stored = stored;
        this.runDir = runDir;
    }

    String id() {
        return stored.run().id();
    }

    WorkspaceSnapshot snapshot() {
        return snapshot;
    }

    void snapshot(WorkspaceSnapshot snapshot) {
        this.snapshot = snapshot;
    }

    /** Records the started process; false (and the caller must not wait for it) if the run was stopped first. */
    synchronized boolean started(Process process) {
        this.process = process;
        return cancelledBy == null && !stopping;
    }

    synchronized boolean interrupted() {
        return cancelledBy != null || stopping;
    }

    synchronized Process cancel(String user) {
        if (cancelledBy == null) {
            cancelledBy = user;
        }
        return process;
    }

    synchronized Process stop() {
        stopping = true;
        return process;
    }

    synchronized String cancelledBy() {
        return cancelledBy;
    }

    synchronized boolean stopping() {
        return stopping;
    }
}
