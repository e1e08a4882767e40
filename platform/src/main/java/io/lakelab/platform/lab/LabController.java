package io.lakelab.platform.lab;

import io.lakelab.catalog.LabCode;
import io.lakelab.platform.identity.CurrentUser;
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
class LabController {

    private final LabService labs;

    LabController(LabService labs) {
        this.labs = labs;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Lab create(CurrentUser user, @Valid @RequestBody CreateLabRequest request) {
        return labs.create(user, request);
    }

    @GetMapping
    List<Lab> list(CurrentUser user) {
        return labs.list(user);
    }

    @GetMapping("/{code}")
    Lab get(CurrentUser user, @PathVariable String code) {
        return labs.get(user, new LabCode(code));
    }
}
