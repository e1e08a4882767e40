package io.lakelab.platform.report;

import io.lakelab.catalog.LabCode;
import io.lakelab.platform.identity.CurrentUser;
import io.lakelab.platform.programme.ReportLanguage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** HTTP for monthly reports and the evaluation pack. */
@RestController
@RequestMapping("/api/v1/labs/{code}")
@Tag(name = "reports", description = "Monthly reports and the evaluation pack")
class ReportController {

    private static final MediaType HTML = new MediaType("text", "html", java.nio.charset.StandardCharsets.UTF_8);

    private final ReportService reports;

    ReportController(ReportService reports) {
        this.reports = reports;
    }

    /** 201 when this call issued the report, 200 with the archived one when it was issued before. */
    @PostMapping("/reports/monthly/{month}")
    @Operation(
            summary = "Issue a monthly report",
            description = "Issues and archives the lab's report for month YYYY-MM: 201 when this call issued it, 200"
                    + " with the archived one when it was issued before.")
    ResponseEntity<MonthlyReport> issue(
            CurrentUser user,
            @PathVariable String code,
            @PathVariable String month,
            @RequestParam(required = false) ReportLanguage language) {
        MonthlyReport report = reports.issue(user, new LabCode(code), month, language);
        return ResponseEntity.status(report.newlyIssued() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(report);
    }

    @GetMapping("/reports/monthly")
    @Operation(summary = "List a lab's monthly reports", description = "Every issued report, with its numbers.")
    List<MonthlyReport> list(CurrentUser user, @PathVariable String code) {
        return reports.list(user, new LabCode(code));
    }

    @GetMapping("/reports/monthly/{month}")
    @Operation(summary = "Get a monthly report", description = "The archived report of month YYYY-MM.")
    MonthlyReport get(CurrentUser user, @PathVariable String code, @PathVariable String month) {
        return reports.get(user, new LabCode(code), month);
    }

    @GetMapping("/reports/monthly/{month}/html")
    @Operation(summary = "Get a monthly report as HTML", description = "The archived document, as issued.")
    ResponseEntity<byte[]> html(CurrentUser user, @PathVariable String code, @PathVariable String month) {
        return ResponseEntity.ok().contentType(HTML).body(reports.document(user, new LabCode(code), month, "html"));
    }

    @GetMapping("/reports/monthly/{month}/pdf")
    @Operation(summary = "Get a monthly report as PDF", description = "The archived document, as issued.")
    ResponseEntity<byte[]> pdf(CurrentUser user, @PathVariable String code, @PathVariable String month) {
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header("Content-Disposition", "inline; filename=\"" + code + "-" + month + ".pdf\"")
                .body(reports.document(user, new LabCode(code), month, "pdf"));
    }

    @GetMapping("/evaluation/pack/html")
    @Operation(summary = "Get the evaluation pack as HTML", description = "Plan against achievement, with evidence.")
    ResponseEntity<byte[]> packHtml(CurrentUser user, @PathVariable String code) {
        return ResponseEntity.ok().contentType(HTML).body(reports.evaluationPack(user, new LabCode(code), "html"));
    }

    @GetMapping("/evaluation/pack/pdf")
    @Operation(summary = "Get the evaluation pack as PDF", description = "Plan against achievement, with evidence.")
    ResponseEntity<byte[]> packPdf(CurrentUser user, @PathVariable String code) {
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .body(reports.evaluationPack(user, new LabCode(code), "pdf"));
    }
}
