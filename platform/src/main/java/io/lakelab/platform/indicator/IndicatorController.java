package io.lakelab.platform.indicator;

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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** HTTP for a lab's indicators. Refreshing them is a job: see the job feature. */
@RestController
@RequestMapping("/api/v1/labs/{code}/indicators")
class IndicatorController {

    private final IndicatorService indicators;

    IndicatorController(IndicatorService indicators) {
        this.indicators = indicators;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    IndicatorView define(
            CurrentUser user, @PathVariable String code, @Valid @RequestBody DefineIndicatorRequest request) {
        return indicators.define(user, new LabCode(code), request);
    }

    @GetMapping
    List<IndicatorView> list(CurrentUser user, @PathVariable String code) {
        return indicators.list(user, new LabCode(code));
    }

    @GetMapping("/{indicator}/values")
    List<IndicatorValue> values(
            CurrentUser user,
            @PathVariable String code,
            @PathVariable String indicator,
            @RequestParam(defaultValue = "100") int limit) {
        return indicators.values(user, new LabCode(code), indicator, limit);
    }
}
