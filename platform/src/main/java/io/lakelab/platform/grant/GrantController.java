package io.lakelab.platform.grant;

import io.lakelab.catalog.DatasetName;
import io.lakelab.catalog.LabCode;
import io.lakelab.catalog.LakeLabException;
import io.lakelab.catalog.policy.MaskType;
import io.lakelab.platform.identity.CurrentUser;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** HTTP for grants. */
@RestController
@RequestMapping("/api/v1/grants")
class GrantController {

    private final GrantService grants;
    private final RowFilterPreviews previews;

    GrantController(GrantService grants, RowFilterPreviews previews) {
        this.grants = grants;
        this.previews = previews;
    }

    /** A direct grant; everything but lab and dataset is optional (default: whole dataset, no expiry). */
    record GrantRequest(
            @NotBlank String lab,
            @NotBlank String dataset,
            String purpose,
            List<String> columns,
            String rowFilter,
            Map<String, MaskType> masks,
            Instant expiresAt,
            Integer days,

            @Schema(
                    description = "Sensitive (e.g. PII-tagged) columns granted unmasked on purpose; without"
                            + " this such a column needs a mask (or gets its tag's default mask). Audited.",
                    example = "[\"contact_phone\"]")
            List<String> acknowledgeUnmasked) {

        GrantOptions options() {
            return new GrantOptions(
                    columns, rowFilter, masks, expiry(expiresAt, days), purpose, null, acknowledgeUnmasked);
        }
    }

    /** What to preview: a row filter on a dataset; columns and masks are checked as a grant would be. */
    record PreviewRequest(
            @Schema(example = "enterprise_registry") @NotBlank
            String dataset,

            @Schema(
                    description = "The row filter to count (null: count all rows).",
                    example = "district = 'Pudong' AND founded >= DATE '2020-01-01'")
            String rowFilter,

            @Schema(description = "Columns the grant would give (empty: all); validated only.", example = "[\"name\"]")
            List<String> columns) {}

    /** An expiry from either an instant or a number of days from now (not both). */
    static Instant expiry(Instant expiresAt, Integer days) {
        if (expiresAt != null && days != null) {
            throw LakeLabException.badRequest("Give either expiresAt or days, not both.");
        }
        if (days != null) {
            if (days <= 0) {
                throw LakeLabException.badRequest("days must be positive, not " + days + ".");
            }
            return Instant.now().plus(Duration.ofDays(days));
        }
        return expiresAt;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Grant grant(CurrentUser user, @Valid @RequestBody GrantRequest request) {
        return grants.grant(user, new LabCode(request.lab()), new DatasetName(request.dataset()), request.options());
    }

    /** How many rows of the dataset's current snapshot the filter keeps; nothing is granted. */
    @PostMapping("/preview")
    RowFilterPreview preview(CurrentUser user, @Valid @RequestBody PreviewRequest request) {
        return previews.preview(
                user,
                new DatasetName(request.dataset()),
                new GrantOptions(request.columns(), request.rowFilter(), Map.of(), null, "", null));
    }

    @DeleteMapping("/{id}")
    Grant revoke(CurrentUser user, @PathVariable long id) {
        return grants.revoke(user, id);
    }

    @GetMapping
    List<Grant> list(
            CurrentUser user, @RequestParam String lab, @RequestParam(defaultValue = "false") boolean includeRevoked) {
        return grants.list(user, new LabCode(lab), includeRevoked);
    }
}
