package io.lakelab.platform.grant;

import io.lakelab.catalog.DatasetName;
import io.lakelab.catalog.LabCode;
import io.lakelab.platform.identity.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.util.List;
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

    GrantController(GrantService grants) {
        this.grants = grants;
    }

    record GrantRequest(@NotBlank String lab, @NotBlank String dataset) {}

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Grant grant(CurrentUser user, @Valid @RequestBody GrantRequest request) {
        return grants.grant(user, new LabCode(request.lab()), new DatasetName(request.dataset()));
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
