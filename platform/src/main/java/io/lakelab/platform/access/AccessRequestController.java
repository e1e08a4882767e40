package io.lakelab.platform.access;

import io.lakelab.catalog.DatasetName;
import io.lakelab.catalog.LabCode;
import io.lakelab.catalog.policy.MaskType;
import io.lakelab.platform.grant.RowFilterPreview;
import io.lakelab.platform.identity.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** HTTP for access requests and their decisions. */
@RestController
@RequestMapping("/api/v1/access-requests")
@Tag(name = "access-requests", description = "Labs' requests for datasets and the administrators' decisions")
class AccessRequestController {

    private final AccessRequestService requests;

    AccessRequestController(AccessRequestService requests) {
        this.requests = requests;
    }

    @Schema(description = "A lab engineer's request for a dataset, for their lab.")
    record NewRequest(
            @Schema(description = "The lab the data is for; the caller is one of its engineers.", example = "lowcarbon")
            @NotBlank
            String lab,

            @Schema(description = "The dataset requested.", example = "fleet_fuel_use") @NotBlank
            String dataset,

            @Schema(
                    description = "What the lab will use the data for; required, shown to the approver and kept.",
                    example = "Monthly fuel-based CO2 estimate per operator for the low-carbon shipping indicator")
            @NotBlank
            String purpose,

            @Schema(
                    description = "The columns requested (omit or empty: all columns).",
                    example = "[\"credit_code\", \"month\", \"fuel_tonnes\"]")
            List<String> columns,

            @Schema(description = "For how many days the grant is wanted; an approval may shorten it.", example = "90")
            @NotNull
            Integer days) {}

    @Schema(
            description = "How an administrator approves a request: each field only narrows what was asked;"
                    + " an empty body (or none) grants it as asked.")
    record ApproveRequest(
            @Schema(
                    description = "The columns approved, a subset of the requested ones (omit: as requested).",
                    example = "[\"credit_code\", \"month\", \"fuel_tonnes\"]")
            List<String> columns,

            @Schema(
                    description = "A SQL boolean condition over the dataset's columns limiting the rows the lab"
                            + " reads (omit: all rows); validated as for a grant.",
                    example = "month >= DATE '2026-01-01'")
            String rowFilter,

            @Schema(
                    description = "A mask per column, {column: MaskType} (omit: unmasked, except"
                            + " sensitive-tagged columns, which get their tag's default mask unless acknowledged).",
                    example = "{\"credit_code\": \"HASH\"}")
            Map<String, MaskType> masks,

            @Schema(
                    description = "When the grant expires, at most the requested days from now; not together"
                            + " with days (neither: the requested days).",
                    example = "2027-01-31T00:00:00Z")
            Instant expiresAt,

            @Schema(
                    description = "Days from now until the grant expires, at most the requested ones; not"
                            + " together with expiresAt.",
                    example = "30")
            Integer days,

            @Schema(
                    description = "Sensitive (e.g. PII-tagged) columns approved unmasked on purpose; without"
                            + " this such a column needs a mask (or gets its tag's default mask). Audited.",
                    example = "[\"contact_phone\"]")
            List<String> acknowledgeUnmasked) {}

    /** A row filter (and narrowed columns) to count on the request's dataset before approving. */
    @Schema(
            name = "AccessRequestPreviewRequest",
            description = "A row filter to count on the request's dataset before approving; nothing is approved.")
    record PreviewRequest(
            @Schema(description = "The row filter to count (null: count all rows).", example = "region = 'SH'")
            String rowFilter,

            @Schema(
                    description = "Columns the approval would give (a subset of the requested; null: as"
                            + " requested); validated only.",
                    example = "[\"name\", \"region\"]")
            List<String> columns) {}

    @Schema(description = "Why an administrator rejects a request.")
    record RejectRequest(
            @Schema(
                    description = "The reason, required; the lab sees it on the request.",
                    example = "A year is more than the study needs: the programme office grants the berth calls"
                            + " directly for 60 days.")
            @NotBlank
            String reason) {}

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Request a dataset for a lab",
            description = "Lab engineers, for a lab they are members of. The request is PENDING until an"
                    + " administrator approves or rejects it; not-open public data is refused here.")
    AccessRequest request(CurrentUser user, @Valid @RequestBody NewRequest body) {
        return requests.request(
                user,
                new LabCode(body.lab()),
                new DatasetName(body.dataset()),
                body.purpose(),
                body.columns(),
                body.days());
    }

    @GetMapping
    @Operation(
            summary = "List access requests",
            description = "Of one lab (lab=) and/or in one state (state=). Members see their labs' requests,"
                    + " administrators and reviewers all.")
    List<AccessRequest> list(
            CurrentUser user,
            @RequestParam(required = false) String lab,
            @RequestParam(required = false) AccessRequest.State state) {
        return requests.list(user, lab == null || lab.isBlank() ? null : new LabCode(lab), state);
    }

    @GetMapping("/{id}")
    @Operation(summary = "Get an access request", description = "With its decision, reason and grant once decided.")
    AccessRequest get(CurrentUser user, @PathVariable long id) {
        return requests.get(user, id);
    }

    @PostMapping("/{id}/approve")
    @Operation(
            summary = "Approve an access request",
            description = "Platform administrators. Grants the request, optionally narrowed (fewer columns, a"
                    + " row filter, masks, a shorter expiry); without a body as asked. grantId names the grant.")
    AccessRequest approve(CurrentUser user, @PathVariable long id, @RequestBody(required = false) ApproveRequest body) {
        AccessRequestService.Approval approval = body == null
                ? null
                : new AccessRequestService.Approval(
                        body.columns(),
                        body.rowFilter(),
                        body.masks(),
                        body.expiresAt(),
                        body.days(),
                        body.acknowledgeUnmasked());
        return requests.approve(user, id, approval);
    }

    /** How many rows of the dataset's current snapshot the filter keeps; nothing is approved. */
    @PostMapping("/{id}/preview")
    @Operation(
            summary = "Preview a row filter on a request",
            description = "Platform administrators. Counts the rows of the requested"
                    + " dataset's current Iceberg snapshot that the filter keeps, checking the columns narrow the"
                    + " request; nothing is approved. Audited as grant.preview.")
    RowFilterPreview preview(CurrentUser user, @PathVariable long id, @RequestBody PreviewRequest body) {
        return requests.preview(user, id, body.rowFilter(), body.columns());
    }

    @PostMapping("/{id}/reject")
    @Operation(summary = "Reject an access request", description = "Platform administrators; the reason is required.")
    AccessRequest reject(CurrentUser user, @PathVariable long id, @Valid @RequestBody RejectRequest body) {
        return requests.reject(user, id, body.reason());
    }
}
