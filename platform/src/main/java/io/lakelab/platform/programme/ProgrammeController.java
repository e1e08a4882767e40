package io.lakelab.platform.programme;

import io.lakelab.platform.identity.CurrentUser;
import io.lakelab.platform.programme.LabApplication.Recommendation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(name = "programme", description = "Lab applications, review, approval, evaluation and outcome")
class ProgrammeController {

    private final ProgrammeService programme;

    ProgrammeController(ProgrammeService programme) {
        this.programme = programme;
    }

    /** An expert opinion. */
    @Schema(description = "An expert opinion on a lab application.")
    record OpinionRequest(
            @Schema(description = "What the expert recommends (required).", example = "APPROVE")
            Recommendation recommendation,

            @Schema(description = "The opinion text (required).", example = "Clear, computable indicators.")
            String opinion) {}

    /** An approval: reasons and, for labs approved before onboarding, the approval date. */
    @Schema(description = "An approval.")
    record ApprovalRequest(
            @Schema(description = "Why the application is approved.", example = "Approved by the office meeting.")
            String reason,

            @Schema(
                    description = "The day the pilot starts; default today, may be earlier (labs approved"
                            + " before onboarding), never later.",
                    example = "2025-09-01")
            LocalDate approvedOn) {}

    /** A rejection's reasons. */
    @Schema(description = "A rejection.")
    record RejectionRequest(
            @Schema(description = "Why the application is rejected (required).", example = "The goals are too vague.")
            String reason) {}

    /** The outcome of an evaluation. */
    @Schema(description = "The outcome of an evaluation.")
    record OutcomeRequest(
            @Schema(description = "CONTINUE, UPGRADE or DELIST (摘牌).", example = "CONTINUE")
            ProgrammeAction outcome,

            @Schema(description = "Why (required).", example = "The mandatory indicators are met.")
            String reason) {}

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Apply for a lab",
            description = "Submits a construction plan (建设方案). It needs a co-builder of each role (产学研用) and at"
                    + " least one mandatory task indicator; the lab code must be free.")
    LabApplication apply(CurrentUser user, @Valid @RequestBody ConstructionPlan plan) {
        return programme.apply(user, plan);
    }

    @GetMapping
    @Operation(
            summary = "List lab applications",
            description = "Administrators and reviewers see all; applicants see their own.")
    List<LabApplication> list(CurrentUser user) {
        return programme.list(user);
    }

    @GetMapping("/{id}")
    @Operation(summary = "Get a lab application", description = "With its opinions, transitions and next steps.")
    LabApplication get(CurrentUser user, @PathVariable long id) {
        return programme.get(user, id);
    }

    @PostMapping("/{id}/opinions")
    @Operation(summary = "Record an expert opinion", description = "Reviewers; moves the application to UNDER_REVIEW.")
    LabApplication review(CurrentUser user, @PathVariable long id, @RequestBody OpinionRequest request) {
        return programme.review(user, id, request.recommendation(), request.opinion());
    }

    @PostMapping("/{id}/approve")
    @Operation(
            summary = "Approve an application",
            description = "Creates the lab with its workspace, defines the plan's computable indicators, adds the"
                    + " planned members and starts the pilot, in one transaction.")
    LabApplication approve(CurrentUser user, @PathVariable long id, @RequestBody ApprovalRequest request) {
        return programme.approve(user, id, request.reason(), request.approvedOn());
    }

    @PostMapping("/{id}/reject")
    @Operation(summary = "Reject an application", description = "With the reasons, from SUBMITTED or UNDER_REVIEW.")
    LabApplication reject(CurrentUser user, @PathVariable long id, @RequestBody RejectionRequest request) {
        return programme.reject(user, id, request.reason());
    }

    @PostMapping("/{id}/evaluation")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Evaluate a lab",
            description = "Once the pilot has ended: each task indicator's latest value against its target, with the"
                    + " evidence, and the recommended outcome.")
    Evaluation evaluate(CurrentUser user, @PathVariable long id) {
        return programme.evaluate(user, id);
    }

    @GetMapping("/{id}/evaluation")
    @Operation(summary = "Get the latest evaluation", description = "404 until the lab has been evaluated.")
    Evaluation evaluation(CurrentUser user, @PathVariable long id) {
        return programme.evaluation(user, id);
    }

    @PostMapping("/{id}/outcome")
    @Operation(
            summary = "Record the outcome of an evaluation",
            description = "CONTINUE, UPGRADE or DELIST; delisting freezes the lab, cancels its runs, revokes its"
                    + " grants and removes its members (nothing is deleted).")
    LabApplication outcome(CurrentUser user, @PathVariable long id, @RequestBody OutcomeRequest request) {
        return programme.decide(user, id, request.outcome(), request.reason());
    }
}
