package io.lakelab.platform.incident;

import io.lakelab.catalog.DatasetName;
import io.lakelab.catalog.LabCode;
import io.lakelab.platform.identity.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** HTTP for emergency freezes: freeze and unfreeze a lab or a dataset, list the incidents. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "incidents", description = "Emergency freezes of labs and datasets, and their incidents")
class IncidentController {

    /** Why a lab or dataset is frozen. */
    record FreezeRequest(
            @Schema(
                    description = "Why the lab or dataset is frozen; recorded in the incident, the audit and"
                            + " the monthly report's security section",
                    example = "Provider withdrew consent for the berth-call feed (ticket SEC-42)")
            String reason) {}

    /** How the incident was resolved, written by the second administrator who lifts the freeze. */
    record UnfreezeRequest(
            @Schema(
                    description = "How the incident was resolved; required, written by a second platform"
                            + " administrator (not the one who froze)",
                    example = "Consent renewed in writing; access review done")
            String resolution) {}

    private final IncidentService incidents;

    IncidentController(IncidentService incidents) {
        this.incidents = incidents;
    }

    @PostMapping("/labs/{code}/freeze")
    @Operation(
            summary = "Freeze a lab in an emergency",
            description =
                    "Platform administrators. Within seconds: running jobs cancelled and undone, the lab's policy tokens revoked, its grants left out of both engines' policies (Spark and Trino deny on the next statement), lab writes answer 409 naming the incident. Nothing is revoked for good.")
    Incident freezeLab(CurrentUser user, @PathVariable String code, @RequestBody FreezeRequest request) {
        return incidents.freezeLab(user, new LabCode(code), request.reason());
    }

    @PostMapping("/labs/{code}/unfreeze")
    @Operation(
            summary = "Lift a lab freeze",
            description =
                    "A second platform administrator (two-person rule: the one who froze gets 409) with a resolution note; the lab's grants come back as they were.")
    Incident unfreezeLab(CurrentUser user, @PathVariable String code, @RequestBody UnfreezeRequest request) {
        return incidents.unfreezeLab(user, new LabCode(code), request.resolution());
    }

    @PostMapping("/datasets/{name}/freeze")
    @Operation(
            summary = "Freeze a dataset for every lab",
            description =
                    "Platform administrators. Every lab loses the dataset in both engines at once; ingestion into it and jobs reading it are refused with 409 naming the incident.")
    Incident freezeDataset(CurrentUser user, @PathVariable String name, @RequestBody FreezeRequest request) {
        return incidents.freezeDataset(user, new DatasetName(name), request.reason());
    }

    @PostMapping("/datasets/{name}/unfreeze")
    @Operation(
            summary = "Lift a dataset freeze",
            description = "A second platform administrator (two-person rule) with a resolution note.")
    Incident unfreezeDataset(CurrentUser user, @PathVariable String name, @RequestBody UnfreezeRequest request) {
        return incidents.unfreezeDataset(user, new DatasetName(name), request.resolution());
    }

    @GetMapping("/incidents")
    @Operation(
            summary = "List incidents",
            description =
                    "Emergency freeze incidents; open=true lists only those still in force (administrators and reviewers).")
    List<Incident> list(CurrentUser user, @RequestParam(defaultValue = "false") boolean open) {
        return incidents.list(user, open);
    }

    @GetMapping("/incidents/{id}")
    @Operation(
            summary = "Get an incident",
            description = "Who froze what, when and why, what was stopped, and how it was resolved.")
    Incident get(CurrentUser user, @PathVariable long id) {
        return incidents.get(user, id);
    }
}
