package io.lakelab.platform.job;

import io.lakelab.catalog.LabCode;
import io.lakelab.platform.identity.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** HTTP for jobs, and for the indicator refresh, which is a job. */
@RestController
@Tag(name = "jobs", description = "Spark SQL fusion jobs: queue, progress, logs, cancel, lineage")
class JobController {

    private final JobService jobs;

    JobController(JobService jobs) {
        this.jobs = jobs;
    }

    @PostMapping("/api/v1/jobs")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Submit a job",
            description = "Queues Spark SQL statements to run in the lab's workspace under its grants (lab engineers"
                    + " of the lab). A statement naming a dataset the lab has no grant for is refused here (403).")
    JobRun submit(CurrentUser user, @Valid @RequestBody SubmitJobRequest request) {
        return jobs.submit(user, request);
    }

    @GetMapping("/api/v1/jobs")
    @Operation(summary = "List job runs", description = "Newest first, of one lab or of every lab the caller sees.")
    List<JobRun> list(
            CurrentUser user,
            @RequestParam(required = false) String lab,
            @RequestParam(defaultValue = "100") int limit) {
        return jobs.list(user, lab == null || lab.isBlank() ? null : new LabCode(lab), limit);
    }

    @GetMapping("/api/v1/jobs/{id}")
    @Operation(
            summary = "Get a job run",
            description = "State, progress, error, and the Iceberg snapshots it read and wrote.")
    JobRun get(CurrentUser user, @PathVariable String id) {
        return jobs.get(user, id);
    }

    @GetMapping("/api/v1/jobs/{id}/logs")
    @Operation(
            summary = "Read a job run's log",
            description = "From byte offset; ask again from nextOffset, readable while the run executes.")
    JobLog logs(CurrentUser user, @PathVariable String id, @RequestParam(defaultValue = "0") long offset) {
        return jobs.logs(user, id, offset);
    }

    @PostMapping("/api/v1/jobs/{id}/cancel")
    @Operation(
            summary = "Cancel a job run",
            description = "Dequeues it or stops its runner; the workspace is restored. 409 once it has finished.")
    JobRun cancel(CurrentUser user, @PathVariable String id) {
        return jobs.cancel(user, id);
    }

    @GetMapping("/api/v1/jobs/{id}/lineage")
    @Operation(summary = "Get a job run's OpenLineage events", description = "As the runner emitted them.")
    List<JsonNode> lineage(CurrentUser user, @PathVariable String id) {
        return jobs.lineageEvents(user, id);
    }

    @PostMapping("/api/v1/labs/{code}/indicators/refresh")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(
            summary = "Recompute a lab's indicators",
            description = "Queues a job run of kind INDICATOR_REFRESH that computes every indicator of the lab.")
    JobRun refreshIndicators(CurrentUser user, @PathVariable String code) {
        return jobs.submitIndicatorRefresh(user, new LabCode(code));
    }
}
