package io.lakelab.platform.indicator;

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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** HTTP for a lab's indicators. Refreshing them is a job: see the job feature. */
@RestController
@RequestMapping("/api/v1/labs/{code}/indicators")
@Tag(name = "indicators", description = "A lab's indicators and their computed values")
class IndicatorController {

    private final IndicatorService indicators;

    IndicatorController(IndicatorService indicators) {
        this.indicators = indicators;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Define an indicator",
            description = "Defines or redefines (same code) an indicator: one SELECT over the lab's workspace"
                    + " returning one number, with its target.")
    IndicatorView define(
            CurrentUser user, @PathVariable String code, @Valid @RequestBody DefineIndicatorRequest request) {
        return indicators.define(user, new LabCode(code), request);
    }

    @GetMapping
    @Operation(summary = "List a lab's indicators", description = "Each with its latest value and provenance.")
    List<IndicatorView> list(CurrentUser user, @PathVariable String code) {
        return indicators.list(user, new LabCode(code));
    }

    @GetMapping("/{indicator}/values")
    @Operation(
            summary = "List an indicator's values",
            description = "Every computation, newest first, with the run and table snapshots behind it.")
    List<IndicatorValue> values(
            CurrentUser user,
            @PathVariable String code,
            @PathVariable String indicator,
            @RequestParam(defaultValue = "100") int limit) {
        return indicators.values(user, new LabCode(code), indicator, limit);
    }
}
