package io.lakelab.platform.audit;

import io.lakelab.platform.identity.CurrentUser;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Administrators read the audit trail. */
@RestController
@RequestMapping("/api/v1/audit")
class AuditController {

    private final AuditService audit;

    AuditController(AuditService audit) {
        this.audit = audit;
    }

    @GetMapping
    @io.swagger.v3.oas.annotations.Operation(
            summary = "Search the audit log",
            description = "Platform administrators; by actor, action prefix (e.g. grant., spark.) and time.")
    List<AuditService.AuditEvent> search(
            CurrentUser user,
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) String action,
            @RequestParam(required = false) Instant since,
            @RequestParam(defaultValue = "100") int limit) {
        return audit.search(user, actor, action, since, limit);
    }
}
