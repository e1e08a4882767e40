package io.lakelab.platform.audit;

import io.lakelab.catalog.LakeLabException;
import io.lakelab.platform.identity.CurrentUser;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** Administrators read, verify and checkpoint the audit trail; the programme office exports it. */
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

    /** Walks the hash chain and checks the signed checkpoints; 200 either way, {@code intact} tells. */
    @GetMapping("/verify")
    @io.swagger.v3.oas.annotations.Operation(
            summary = "Verify the audit hash chain and the signed checkpoints",
            description =
                    "Platform administrators. Walks every record in chain order on one database snapshot; intact=false names the first broken record (firstBroken) or the checkpoints that no longer match. See docs/security.md#audit.")
    AuditService.Verification verify(CurrentUser user) {
        return audit.verify(user);
    }

    @GetMapping("/checkpoints")
    @io.swagger.v3.oas.annotations.Operation(
            summary = "List the signed audit checkpoints",
            description = "Platform administrators; with the Ed25519 public key (base64 X.509) and its key id.")
    AuditService.Checkpoints checkpoints(CurrentUser user) {
        return audit.checkpoints(user);
    }

    /** Signs the chain head as today's checkpoint now. */
    @PostMapping("/checkpoints")
    @io.swagger.v3.oas.annotations.Operation(
            summary = "Sign the audit chain head as today's checkpoint now",
            description =
                    "Platform administrators; replaces today's checkpoint file (one per UTC day; also written daily and at startup).")
    Checkpoint checkpoint(CurrentUser user) {
        return audit.checkpoint(user);
    }

    /** One month (in the programme's zone) of records with their chain hashes, as JSON lines or CSV. */
    @GetMapping("/export")
    @io.swagger.v3.oas.annotations.Operation(
            summary = "Export one month of the audit trail with its chain hashes",
            description =
                    "Platform administrators and reviewers. month=YYYY-MM in lakelab.programme.zone; format=jsonl (default) or csv. Every record carries prevHash and hash.")
    ResponseEntity<StreamingResponseBody> export(
            CurrentUser user, @RequestParam String month, @RequestParam(defaultValue = "jsonl") String format) {
        YearMonth m;
        try {
            m = YearMonth.parse(month);
        } catch (DateTimeParseException e) {
            throw LakeLabException.badRequest("month must be YYYY-MM (e.g. 2026-11), not '" + month + "'.");
        }
        AuditService.ExportFormat f;
        try {
            f = AuditService.ExportFormat.valueOf(format.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw LakeLabException.badRequest("format must be jsonl or csv, not '" + format + "'.");
        }
        audit.authorizeExport(user);
        MediaType type = f == AuditService.ExportFormat.CSV
                ? new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8)
                : new MediaType("application", "x-ndjson", java.nio.charset.StandardCharsets.UTF_8);
        String file = "lakelab-audit-" + m + (f == AuditService.ExportFormat.CSV ? ".csv" : ".jsonl");
        return ResponseEntity.ok()
                .contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file + "\"")
                .body(out -> audit.export(m, f, out));
    }
}
