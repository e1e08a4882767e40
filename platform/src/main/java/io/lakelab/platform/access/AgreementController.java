package io.lakelab.platform.access;

import io.lakelab.catalog.DatasetName;
import io.lakelab.catalog.LabCode;
import io.lakelab.platform.identity.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(name = "agreements", description = "Data-use agreements (数据利用协议) of datasets")
class AgreementController {

    private final AgreementService agreements;

    AgreementController(AgreementService agreements) {
        this.agreements = agreements;
    }

    @Schema(description = "A new version of a dataset's data-use agreement.")
    record PublishRequest(
            @Schema(
                    description =
                            "Version: letters, digits, '.', '_' or '-', at most 40; immutable once" + " published.",
                    example = "2026.1")
            @NotBlank
            String version,

            @Schema(description = "The full text labs accept.", example = "The lab uses the data only for ...")
            @NotBlank
            String text) {}

    @Schema(description = "A lab's acceptance of an agreement version.")
    record AcceptRequest(
            @Schema(description = "The accepting lab.", example = "lowcarbon") @NotBlank
            String lab) {}

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Publish an agreement version",
            description = "Platform administrators. The newest version is current: labs accept it before their"
                    + " next grant of a conditionally open dataset.")
    Agreement publish(CurrentUser user, @PathVariable String name, @Valid @RequestBody PublishRequest request) {
        return agreements.publish(user, new DatasetName(name), request.version(), request.text());
    }

    @GetMapping
    @Operation(summary = "Get the current agreement", description = "With the labs that accepted it.")
    Agreement current(CurrentUser user, @PathVariable String name) {
        return agreements.current(user, new DatasetName(name));
    }

    @PostMapping("/{version}/accept")
    @Operation(summary = "Accept an agreement version for a lab", description = "Lab engineers of that lab.")
    Agreement accept(
            CurrentUser user,
            @PathVariable String name,
            @PathVariable String version,
            @Valid @RequestBody AcceptRequest request) {
        return agreements.accept(user, new DatasetName(name), version, new LabCode(request.lab()));
    }
}
