package io.lakelab.platform.report;

import io.lakelab.catalog.LabCode;
import io.lakelab.platform.identity.CurrentUser;
import io.lakelab.platform.programme.ReportLanguage;
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
class ReportController {

    private static final MediaType HTML = new MediaType("text", "html", java.nio.charset.StandardCharsets.UTF_8);

    private final ReportService reports;

    ReportController(ReportService reports) {
        this.reports = reports;
    }

    /** 201 when this call issued the report, 200 with the archived one when it was issued before. */
    @PostMapping("/reports/monthly/{month}")
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
    List<MonthlyReport> list(CurrentUser user, @PathVariable String code) {
        return reports.list(user, new LabCode(code));
    }

    @GetMapping("/reports/monthly/{month}")
    MonthlyReport get(CurrentUser user, @PathVariable String code, @PathVariable String month) {
        return reports.get(user, new LabCode(code), month);
    }

    @GetMapping("/reports/monthly/{month}/html")
    ResponseEntity<byte[]> html(CurrentUser user, @PathVariable String code, @PathVariable String month) {
        return ResponseEntity.ok().contentType(HTML).body(reports.document(user, new LabCode(code), month, "html"));
    }

    @GetMapping("/reports/monthly/{month}/pdf")
    ResponseEntity<byte[]> pdf(CurrentUser user, @PathVariable String code, @PathVariable String month) {
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header("Content-Disposition", "inline; filename=\"" + code + "-" + month + ".pdf\"")
                .body(reports.document(user, new LabCode(code), month, "pdf"));
    }

    @GetMapping("/evaluation/pack/html")
    ResponseEntity<byte[]> packHtml(CurrentUser user, @PathVariable String code) {
        return ResponseEntity.ok().contentType(HTML).body(reports.evaluationPack(user, new LabCode(code), "html"));
    }

    @GetMapping("/evaluation/pack/pdf")
    ResponseEntity<byte[]> packPdf(CurrentUser user, @PathVariable String code) {
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .body(reports.evaluationPack(user, new LabCode(code), "pdf"));
    }
}
