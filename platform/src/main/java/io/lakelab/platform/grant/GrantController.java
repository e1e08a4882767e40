package io.lakelab.platform.grant;

import io.lakelab.catalog.DatasetName;
import io.lakelab.catalog.LabCode;
import io.lakelab.catalog.LakeLabException;
import io.lakelab.catalog.policy.MaskType;
import io.lakelab.platform.identity.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(name = "grants", description = "Direct grants of datasets to labs, row-filter previews and revocation")
class GrantController {

    private final GrantService grants;
    private final RowFilterPreviews previews;

    GrantController(GrantService grants, RowFilterPreviews previews) {
        this.grants = grants;
        this.previews = previews;
    }

    /** A direct grant; everything but lab and dataset is optional (default: whole dataset, no expiry). */
    @Schema(description = "A direct grant of a dataset to a lab; everything but lab and dataset is optional.")
    record GrantRequest(
            @Schema(description = "The lab granted to.", example = "lowcarbon") @NotBlank
            String lab,

            @Schema(description = "The dataset granted.", example = "port_berth_calls") @NotBlank
            String dataset,

            @Schema(
                    description = "What the lab uses the data for; recorded with the grant and audited.",
                    example = "Berth waiting times for the port emission model")
            String purpose,

            @Schema(
                    description = "The columns granted (omit or empty: all columns).",
                    example = "[\"vessel\", \"terminal\", \"berthed_at\"]")
            List<String> columns,

            @Schema(
                    description = "A SQL boolean condition over the dataset's own columns: only rows for which it"
                            + " is TRUE are readable (omit: all rows). Validated when granted; see"
                            + " docs/governed-access.md for what it may use.",
                    example = "terminal IN ('Yangshan', 'Waigaoqiao')")
            String rowFilter,

            @Schema(
                    description = "A mask per column, {column: MaskType} (omit: unmasked, except sensitive-tagged"
                            + " columns, which get their tag's default mask unless acknowledged).",
                    example = "{\"berthed_at\": \"MONTH\"}")
            Map<String, MaskType> masks,

            @Schema(
                    description = "When the grant expires (omit with days: never); not together with days.",
                    example = "2027-03-31T00:00:00Z")
            Instant expiresAt,

            @Schema(description = "Days from now until the grant expires; not together with expiresAt.", example = "60")
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
    @Schema(
            name = "GrantPreviewRequest",
            description = "A row filter to count on a dataset before granting it; nothing is granted.")
    record PreviewRequest(
            @Schema(description = "The dataset whose current snapshot is counted.", example = "enterprise_registry")
            @NotBlank
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
    @Operation(
            summary = "Grant a dataset to a lab",
            description = "Platform administrators. One live grant per lab and dataset; a conditionally open"
                    + " dataset needs the lab's acceptance of its current agreement, a not-open one is refused."
                    + " The lab's jobs and Trino queries honour the grant within seconds.")
    Grant grant(CurrentUser user, @Valid @RequestBody GrantRequest request) {
        return grants.grant(user, new LabCode(request.lab()), new DatasetName(request.dataset()), request.options());
    }

    /** How many rows of the dataset's current snapshot the filter keeps; nothing is granted. */
    @PostMapping("/preview")
    @Operation(
            summary = "Preview a row filter",
            description = "Platform administrators. Counts the rows of the dataset's current Iceberg snapshot"
                    + " that the filter keeps, validating filter and columns as a grant would; nothing is"
                    + " granted. Audited as grant.preview.")
    RowFilterPreview preview(CurrentUser user, @Valid @RequestBody PreviewRequest request) {
        return previews.preview(
                user,
                new DatasetName(request.dataset()),
                new GrantOptions(request.columns(), request.rowFilter(), Map.of(), null, "", null));
    }

    @DeleteMapping("/{id}")
    @Operation(
            summary = "Revoke a grant",
            description = "Platform administrators. The grant is kept as REVOKED; Trino and running jobs stop"
                    + " honouring it within seconds.")
    Grant revoke(CurrentUser user, @PathVariable long id) {
        return grants.revoke(user, id);
    }

    @GetMapping
    @Operation(
            summary = "List a lab's grants",
            description = "Members of the lab, administrators and reviewers. Each grant has its computed state"
                    + " (ACTIVE, EXPIRED, REVOKED); revoked and expired ones only with includeRevoked=true.")
    List<Grant> list(
            CurrentUser user, @RequestParam String lab, @RequestParam(defaultValue = "false") boolean includeRevoked) {
        return grants.list(user, new LabCode(lab), includeRevoked);
    }
}
