package io.lakelab.platform.incident;

import io.lakelab.catalog.DatasetName;
import io.lakelab.catalog.LabCode;
import io.lakelab.platform.identity.CurrentUser;
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
class IncidentController {

    /** Why a lab or dataset is frozen. */
    record FreezeRequest(String reason) {}

    /** How the incident was resolved, written by the second administrator who lifts the freeze. */
    record UnfreezeRequest(String resolution) {}

    private final IncidentService incidents;

    IncidentController(IncidentService incidents) {
        this.incidents = incidents;
    }

    @PostMapping("/labs/{code}/freeze")
    Incident freezeLab(CurrentUser user, @PathVariable String code, @RequestBody FreezeRequest request) {
        return incidents.freezeLab(user, new LabCode(code), request.reason());
    }

    @PostMapping("/labs/{code}/unfreeze")
    Incident unfreezeLab(CurrentUser user, @PathVariable String code, @RequestBody UnfreezeRequest request) {
        return incidents.unfreezeLab(user, new LabCode(code), request.resolution());
    }

    @PostMapping("/datasets/{name}/freeze")
    Incident freezeDataset(CurrentUser user, @PathVariable String name, @RequestBody FreezeRequest request) {
        return incidents.freezeDataset(user, new DatasetName(name), request.reason());
    }

    @PostMapping("/datasets/{name}/unfreeze")
    Incident unfreezeDataset(CurrentUser user, @PathVariable String name, @RequestBody UnfreezeRequest request) {
        return incidents.unfreezeDataset(user, new DatasetName(name), request.resolution());
    }

    @GetMapping("/incidents")
    List<Incident> list(CurrentUser user, @RequestParam(defaultValue = "false") boolean open) {
        return incidents.list(user, open);
    }

    @GetMapping("/incidents/{id}")
    Incident get(CurrentUser user, @PathVariable long id) {
        return incidents.get(user, id);
    }
}
