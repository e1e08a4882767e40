package io.lakelab.platform.programme;

import io.lakelab.platform.identity.CurrentUser;
import io.lakelab.platform.programme.LabApplication.Recommendation;
import jakarta.validation.Valid;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** HTTP for the lab programme: applications and their lifecycle. */
@RestController
@RequestMapping("/api/v1/programme/applications")
class ProgrammeController {

    private final ProgrammeService programme;

    ProgrammeController(ProgrammeService programme) {
        this.programme = programme;
    }

    /** An expert opinion. */
    record OpinionRequest(Recommendation recommendation, String opinion) {}

    /** An approval: reasons and, for labs approved before onboarding, the approval date. */
    record ApprovalRequest(String reason, LocalDate approvedOn) {}

    /** A rejection's reasons. */
    record RejectionRequest(String reason) {}

    /** The outcome of an evaluation. */
    record OutcomeRequest(ProgrammeAction outcome, String reason) {}

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    LabApplication apply(CurrentUser user, @Valid @RequestBody ConstructionPlan plan) {
        return programme.apply(user, plan);
    }

    @GetMapping
    List<LabApplication> list(CurrentUser user) {
        return programme.list(user);
    }

    @GetMapping("/{id}")
    LabApplication get(CurrentUser user, @PathVariable long id) {
        return programme.get(user, id);
    }

    @PostMapping("/{id}/opinions")
    LabApplication review(CurrentUser user, @PathVariable long id, @RequestBody OpinionRequest request) {
        return programme.review(user, id, request.recommendation(), request.opinion());
    }

    @PostMapping("/{id}/approve")
    LabApplication approve(CurrentUser user, @PathVariable long id, @RequestBody ApprovalRequest request) {
        return programme.approve(user, id, request.reason(), request.approvedOn());
    }

    @PostMapping("/{id}/reject")
    LabApplication reject(CurrentUser user, @PathVariable long id, @RequestBody RejectionRequest request) {
        return programme.reject(user, id, request.reason());
    }

    @PostMapping("/{id}/evaluation")
    @ResponseStatus(HttpStatus.CREATED)
    Evaluation evaluate(CurrentUser user, @PathVariable long id) {
        return programme.evaluate(user, id);
    }

    @GetMapping("/{id}/evaluation")
    Evaluation evaluation(CurrentUser user, @PathVariable long id) {
        return programme.evaluation(user, id);
    }

    @PostMapping("/{id}/outcome")
    LabApplication outcome(CurrentUser user, @PathVariable long id, @RequestBody OutcomeRequest request) {
        return programme.decide(user, id, request.outcome(), request.reason());
    }
}
