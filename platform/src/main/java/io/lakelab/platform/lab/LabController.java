package io.lakelab.platform.lab;

import io.lakelab.catalog.LabCode;
import io.lakelab.platform.identity.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** HTTP for labs. */
@RestController
@RequestMapping("/api/v1/labs")
@Tag(name = "labs", description = "Joint innovation labs and their workspaces")
class LabController {

    private final LabService labs;

    LabController(LabService labs) {
        this.labs = labs;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Create a lab",
            description = "Creates the lab and its workspace namespace lab_<code> (platform administrators)."
                    + " 409 when the code is taken.")
    Lab create(CurrentUser user, @Valid @RequestBody CreateLabRequest request) {
        return labs.create(user, request);
    }

    @GetMapping
    @Operation(
            summary = "List labs",
            description = "Administrators and reviewers see every lab, others the labs they are members of.")
    List<Lab> list(CurrentUser user) {
        return labs.list(user);
    }

    @GetMapping("/{code}")
    @Operation(summary = "Get a lab", description = "One lab by its code, with its co-builders and status.")
    Lab get(CurrentUser user, @PathVariable String code) {
        return labs.get(user, new LabCode(code));
    }
}
