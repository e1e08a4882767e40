package io.lakelab.platform.report;

import io.lakelab.catalog.ErrorCategory;
import io.lakelab.catalog.LabCode;
import io.lakelab.catalog.LakeLabException;
import io.lakelab.platform.audit.AuditService;
import io.lakelab.platform.identity.Authorizer;
import io.lakelab.platform.identity.CurrentUser;
import io.lakelab.platform.identity.Operation;
import io.lakelab.platform.lab.Lab;
import io.lakelab.platform.lab.LabService;
import io.lakelab.platform.membership.LabMember;
import io.lakelab.platform.membership.MembershipService;
import io.lakelab.platform.programme.Evaluation;
import io.lakelab.platform.programme.LabApplication;
import io.lakelab.platform.programme.ProgrammeProperties;
import io.lakelab.platform.programme.ProgrammeService;
import io.lakelab.platform.programme.ReportLanguage;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issues and serves monthly construction reports and evaluation packs. Issuing a month archives
 * the numbers and both documents; issuing it again returns the archive untouched.
 */
@Service
public class ReportService {

    private final ReportRepository repository;
    private final MonthlyCollector collector;
    private final LabService labs;
    private final ProgrammeService programme;
    private final MembershipService memberships;
    private final Authorizer authorizer;
    private final AuditService audit;
    private final ProgrammeProperties programmeProperties;
    private final ReportProperties properties;
    private final JsonMapper json;
    private CjkFont font;

    ReportService(
            ReportRepository repository,
            MonthlyCollector collector,
            LabService labs,
            ProgrammeService programme,
            MembershipService memberships,
            Authorizer authorizer,
            AuditService audit,
            ProgrammeProperties programmeProperties,
            ReportProperties properties,
            JsonMapper json) {
        this.repository = repository;
        this.collector = collector;
        this.labs = labs;
        this.programme = programme;
        this.memberships = memberships;
        this.authorizer = authorizer;
        this.audit = audit;
        this.programmeProperties = programmeProperties;
        this.properties = properties;
        this.json = json;
    }

    /** Issues the month's report, or returns the one already issued. {@code language} overrides the lab's choice. */
    public MonthlyReport issue(CurrentUser user, LabCode code, String monthText, ReportLanguage language) {
        authorizer.authorizeOrThrow(user, Operation.ISSUE_REPORT, code);
        Lab lab = labs.require(code);
        YearMonth month = month(monthText);
        Optional<ReportRepository.Stored> archived = repository.find(lab.id(), month.toString());
        if (archived.isPresent()) {
            return view(code, archived.get(), false);
        }
        if (month.isAfter(YearMonth.now(programmeProperties.zone()))) {
            throw LakeLabException.badRequest(
                    "Month " + month + " has not started yet: a report covers a past or the" + " current month.");
        }
        Optional<LabApplication> application = programme.forLab(code);
        ReportLanguage chosen = language != null
                ? language
                : application.map(a -> a.plan().reportLanguage()).orElse(ReportLanguage.ZH_CN);
        List<String> members = memberships.members(user, code).stream()
                .map(LabMember::username)
                .toList();
        MonthlyNumbers numbers = collector.collect(
                lab,
                month,
                programmeProperties.zone(),
                chosen.name(),
                application.map(LabApplication::pilotStart).orElse(null),
                application.map(LabApplication::pilotEnd).orElse(null),
                members);
        CjkFont font = font();
        ReportDocument doc = Documents.monthly(numbers, programmeProperties.zone(), font);
        byte[] html = HtmlRenderer.render(doc);
        byte[] pdf = PdfRenderer.render(doc, font);
        String sha = sha256(pdf);
        boolean inserted = repository.insert(
                lab.id(),
                month.toString(),
                chosen.name(),
                user.username(),
                json.writeValueAsString(numbers),
                html,
                pdf,
                sha);
        ReportRepository.Stored stored =
                repository.find(lab.id(), month.toString()).orElseThrow();
        if (inserted) {
            audit.record(
                    user.username(),
                    "report.issue",
                    "lab:" + code.value(),
                    AuditService.Outcome.SUCCEEDED,
                    Map.of("month", month.toString(), "language", chosen.name(), "sha256", sha));
        }
        return view(code, stored, inserted);
    }

    public List<MonthlyReport> list(CurrentUser user, LabCode code) {
        authorizer.authorizeOrThrow(user, Operation.VIEW_REPORTS, code);
        Lab lab = labs.require(code);
        return repository.list(lab.id()).stream().map(s -> view(code, s, false)).toList();
    }

    public MonthlyReport get(CurrentUser user, LabCode code, String month) {
        authorizer.authorizeOrThrow(user, Operation.VIEW_REPORTS, code);
        Lab lab = labs.require(code);
        return view(code, stored(lab, month(month)), false);
    }

    /** The archived document, "html" or "pdf". */
    public byte[] document(CurrentUser user, LabCode code, String month, String format) {
        authorizer.authorizeOrThrow(user, Operation.VIEW_REPORTS, code);
        Lab lab = labs.require(code);
        YearMonth m = month(month);
        stored(lab, m);
        return repository.document(lab.id(), m.toString(), format).orElseThrow();
    }

    /**
     * The lab's evaluation pack ("html" or "pdf"): rendered from its latest evaluation on first
     * request and kept, so it reads the same every time.
     */
    public byte[] evaluationPack(CurrentUser user, LabCode code, String format) {
        authorizer.authorizeOrThrow(user, Operation.VIEW_REPORTS, code);
        Lab lab = labs.require(code);
        Evaluation evaluation = programme
                .latestEvaluation(code)
                .orElseThrow(() -> new LakeLabException(
                        ErrorCategory.NOT_FOUND,
                        "Lab " + code.value() + " has not been evaluated: its evaluation pack exists once the"
                                + " programme office evaluated it at the end of the pilot."));
        Optional<byte[]> stored = programme.evaluationPack(evaluation.id(), format);
        if (stored.isPresent()) {
            return stored.get();
        }
        String language = programme
                .forLab(code)
                .map(a -> a.plan().reportLanguage().name())
                .orElse(ReportLanguage.ZH_CN.name());
        Instant pilotStart =
                evaluation.pilotStart().atStartOfDay(programmeProperties.zone()).toInstant();
        MonthlyNumbers.Security security = new MonthlyNumbers.Security(
                repository
                        .denials(code.value(), pilotStart, evaluation.evaluatedAt())
                        .size(),
                List.of(),
                List.of(),
                repository.incidents(code.value(), pilotStart, evaluation.evaluatedAt()));
        List<Documents.IssuedReport> reports = repository.list(lab.id()).stream()
                .map(s -> new Documents.IssuedReport(s.month(), s.issuedAt(), s.sha256()))
                .toList();
        CjkFont font = font();
        ReportDocument doc = Documents.evaluationPack(
                evaluation,
                "EN".equals(language) ? lab.nameEn() : lab.nameZh(),
                language,
                reports,
                security,
                programmeProperties.zone());
        programme.storeEvaluationPack(evaluation.id(), HtmlRenderer.render(doc), PdfRenderer.render(doc, font));
        return programme.evaluationPack(evaluation.id(), format).orElseThrow();
    }

    /** The CJK font, loaded on the first report (it is megabytes; most runs issue no report). */
    private synchronized CjkFont font() {
        if (font == null) {
            font = CjkFont.resolve(properties);
        }
        return font;
    }

    private ReportRepository.Stored stored(Lab lab, YearMonth month) {
        return repository
                .find(lab.id(), month.toString())
                .orElseThrow(() -> new LakeLabException(
                        ErrorCategory.NOT_FOUND,
                        "Lab " + lab.code().value() + " has no report for " + month
                                + ": issue it with POST /api/v1/labs/"
                                + lab.code().value() + "/reports/monthly/" + month + "."));
    }

    private MonthlyReport view(LabCode code, ReportRepository.Stored s, boolean newlyIssued) {
        String base = "/api/v1/labs/" + code.value() + "/reports/monthly/" + s.month();
        return new MonthlyReport(
                code.value(),
                s.month(),
                s.language(),
                s.issuedBy(),
                s.issuedAt(),
                s.sha256(),
                newlyIssued,
                base + "/html",
                base + "/pdf",
                json.readTree(s.numbers()));
    }

    private static YearMonth month(String text) {
        try {
            return YearMonth.parse(text);
        } catch (DateTimeParseException e) {
            throw LakeLabException.badRequest("Month '" + text + "' is not of the form yyyy-MM (for example 2025-03).");
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
