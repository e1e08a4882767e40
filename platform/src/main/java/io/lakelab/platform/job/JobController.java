package io.lakelab.platform.job;

import io.lakelab.catalog.LabCode;
import io.lakelab.platform.identity.CurrentUser;
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
class JobController {

    private final JobService jobs;

    JobController(JobService jobs) {
        this.jobs = jobs;
    }

    @PostMapping("/api/v1/jobs")
    @ResponseStatus(HttpStatus.CREATED)
    JobRun submit(CurrentUser user, @Valid @RequestBody SubmitJobRequest request) {
        return jobs.submit(user, request);
    }

    @GetMapping("/api/v1/jobs")
    List<JobRun> list(
            CurrentUser user,
            @RequestParam(required = false) String lab,
            @RequestParam(defaultValue = "100") int limit) {
        return jobs.list(user, lab == null || lab.isBlank() ? null : new LabCode(lab), limit);
    }

    @GetMapping("/api/v1/jobs/{id}")
    JobRun get(CurrentUser user, @PathVariable String id) {
        return jobs.get(user, id);
    }

    @GetMapping("/api/v1/jobs/{id}/logs")
    JobLog logs(CurrentUser user, @PathVariable String id, @RequestParam(defaultValue = "0") long offset) {
        return jobs.logs(user, id, offset);
    }

    @PostMapping("/api/v1/jobs/{id}/cancel")
    JobRun cancel(CurrentUser user, @PathVariable String id) {
        return jobs.cancel(user, id);
    }

    @GetMapping("/api/v1/jobs/{id}/lineage")
    List<JsonNode> lineage(CurrentUser user, @PathVariable String id) {
        return jobs.lineageEvents(user, id);
    }

    @PostMapping("/api/v1/labs/{code}/indicators/refresh")
    @ResponseStatus(HttpStatus.ACCEPTED)
    JobRun refreshIndicators(CurrentUser user, @PathVariable String code) {
        return jobs.submitIndicatorRefresh(user, new LabCode(code));
    }
}
