package io.lakelab.platform.access;

import io.lakelab.catalog.DatasetName;
import io.lakelab.catalog.LabCode;
import io.lakelab.platform.identity.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** HTTP for data-use agreements of a dataset. */
@RestController
@RequestMapping("/api/v1/datasets/{name}/agreements")
class AgreementController {

    private final AgreementService agreements;

    AgreementController(AgreementService agreements) {
        this.agreements = agreements;
    }

    record PublishRequest(
            @NotBlank String version, @NotBlank String text) {}

    record AcceptRequest(@NotBlank String lab) {}

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Agreement publish(CurrentUser user, @PathVariable String name, @Valid @RequestBody PublishRequest request) {
        return agreements.publish(user, new DatasetName(name), request.version(), request.text());
    }

    @GetMapping
    Agreement current(CurrentUser user, @PathVariable String name) {
        return agreements.current(user, new DatasetName(name));
    }

    @PostMapping("/{version}/accept")
    Agreement accept(
            CurrentUser user,
            @PathVariable String name,
            @PathVariable String version,
            @Valid @RequestBody AcceptRequest request) {
        return agreements.accept(user, new DatasetName(name), version, new LabCode(request.lab()));
    }
}
