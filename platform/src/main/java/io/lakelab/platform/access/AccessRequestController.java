package io.lakelab.platform.access;

import io.lakelab.catalog.DatasetName;
import io.lakelab.catalog.LabCode;
import io.lakelab.catalog.policy.MaskType;
import io.lakelab.platform.grant.RowFilterPreview;
import io.lakelab.platform.identity.CurrentUser;
import io.swagger.v3.oas.annotations.media.Schema;
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
class AccessRequestController {

    private final AccessRequestService requests;

    AccessRequestController(AccessRequestService requests) {
        this.requests = requests;
    }

    record NewRequest(
            @NotBlank String lab,
            @NotBlank String dataset,
            @NotBlank String purpose,
            List<String> columns,
            @NotNull Integer days) {}

    record ApproveRequest(
            List<String> columns,
            String rowFilter,
            Map<String, MaskType> masks,
            Instant expiresAt,
            Integer days,

            @Schema(
                    description = "Sensitive (e.g. PII-tagged) columns approved unmasked on purpose; without"
                            + " this such a column needs a mask (or gets its tag's default mask). Audited.",
                    example = "[\"contact_phone\"]")
            List<String> acknowledgeUnmasked) {}

    /** A row filter (and narrowed columns) to count on the request's dataset before approving. */
    record PreviewRequest(
            @Schema(description = "The row filter to count (null: count all rows).", example = "region = 'SH'")
            String rowFilter,

            @Schema(
                    description = "Columns the approval would give (a subset of the requested; null: as"
                            + " requested); validated only.",
                    example = "[\"name\", \"region\"]")
            List<String> columns) {}

    record RejectRequest(@NotBlank String reason) {}

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
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
    List<AccessRequest> list(
            CurrentUser user,
            @RequestParam(required = false) String lab,
            @RequestParam(required = false) AccessRequest.State state) {
        return requests.list(user, lab == null || lab.isBlank() ? null : new LabCode(lab), state);
    }

    @GetMapping("/{id}")
    AccessRequest get(CurrentUser user, @PathVariable long id) {
        return requests.get(user, id);
    }

    @PostMapping("/{id}/approve")
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
    RowFilterPreview preview(CurrentUser user, @PathVariable long id, @RequestBody PreviewRequest body) {
        return requests.preview(user, id, body.rowFilter(), body.columns());
    }

    @PostMapping("/{id}/reject")
    AccessRequest reject(CurrentUser user, @PathVariable long id, @Valid @RequestBody RejectRequest body) {
        return requests.reject(user, id, body.reason());
    }
}
