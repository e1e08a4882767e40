package io.lakelab.platform.report;

import io.lakelab.platform.programme.Evaluation;
import io.lakelab.platform.report.MonthlyNumbers.IndicatorLine;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Lays out the monthly report and the evaluation pack as {@link ReportDocument}s. */
final class Documents {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private Documents() {}

    static ReportDocument monthly(MonthlyNumbers n, ZoneId zone, CjkFont font) {
        ReportText t = new ReportText(n.language());
        String labName = t.chinese() ? n.labNameZh() : n.labNameEn();
        ReportDocument doc = new ReportDocument(n.language(), t.t("monthly.title", labName, n.month()));
        doc.paragraph(t.t("period", time(n.from(), zone), time(n.asOf(), zone), time(n.asOf(), zone)));
        doc.paragraph(n.pilotStart() == null ? t.t("nopilot") : t.t("pilot", n.pilotStart(), n.pilotEnd()));
        doc.heading(t.t("indicators"));
        List<List<String>> rows = new ArrayList<>();
        for (IndicatorLine i : n.indicators()) {
            rows.add(List.of(
                    i.code(),
                    (t.chinese() ? i.nameZh() : i.nameEn()) + " (" + i.unit() + ")",
                    i.value() == null ? t.t("na") : ReportText.number(i.value()),
                    ("AT_LEAST".equals(i.direction()) ? "≥ " : "≤ ") + ReportText.number(i.target()),
                    t.yesNo(i.met()),
                    i.runId() == null ? "" : i.runId()));
        }
        doc.table(List.of(t.t("code"), t.t("name"), t.t("value"), t.t("target"), t.t("met"), t.t("run")), rows);
        for (IndicatorLine i : n.indicators()) {
            String name = t.chinese() ? i.nameZh() : i.nameEn();
            doc.chart(
                    t.t("trend", name),
                    Charts.trend(t.t("trend", name), name, t.t("target"), i.trend(), i.target(), font));
        }
        var a = n.activity();
        doc.heading(t.t("activity"));
        doc.table(
                List.of(t.t("item"), t.t("count")),
                List.of(
                        List.of(t.t("datasetsRegistered"), String.valueOf(a.datasetsRegistered())),
                        List.of(
                                t.t("ingestions"),
                                a.ingestions() + " (" + a.rowsIngested() + " / " + a.snapshotsCommitted() + ")"),
                        List.of(t.t("jobs"), a.jobsSucceeded() + " / " + a.jobsFailed() + " / " + a.jobsCancelled()),
                        List.of(t.t("compute"), ReportText.number(a.computeSeconds())),
                        List.of(t.t("outputs"), String.valueOf(a.outputs().size())),
                        List.of(t.t("accessRequests"), a.accessRequests() + " (" + a.accessRequestsApproved() + ")"),
                        List.of(
                                t.t("grants"),
                                a.grantsCreated() + " / " + a.grantsRevoked() + " / " + a.activeGrantsAtMonthEnd()),
                        List.of(t.t("queries"), String.valueOf(a.analystQueries()))));
        if (!a.datasetsIngested().isEmpty()) {
            doc.table(
                    List.of(t.t("dataset"), t.t("kind"), t.t("loads"), t.t("rows"), t.t("snapshots")),
                    a.datasetsIngested().stream()
                            .map(d -> List.of(
                                    d.dataset(),
                                    d.kind(),
                                    String.valueOf(d.loads()),
                                    String.valueOf(d.rows()),
                                    String.valueOf(d.snapshots())))
                            .toList());
        }
        if (!a.outputs().isEmpty()) {
            doc.table(
                    List.of(t.t("table"), t.t("rows"), t.t("snapshot"), t.t("run")),
                    a.outputs().stream()
                            .map(o -> List.of(
                                    o.table(), String.valueOf(o.rows()), String.valueOf(o.snapshotId()), o.runId()))
                            .toList());
        }
        doc.heading(t.t("lineage"));
        if (n.lineage().isEmpty()) {
            doc.paragraph(t.t("none"));
        } else {
            doc.table(
                    List.of(t.t("output"), t.t("public"), t.t("social")),
                    n.lineage().stream()
                            .map(l -> List.of(
                                    l.output(),
                                    String.join(", ", l.publicSources()),
                                    String.join(", ", l.socialSources())))
                            .toList());
        }
        security(doc, t, n.security(), zone);
        return doc;
    }

    private static void security(ReportDocument doc, ReportText t, MonthlyNumbers.Security s, ZoneId zone) {
        doc.heading(t.t("security"));
        doc.paragraph(t.t("denied", s.deniedAccesses()));
        if (!s.denials().isEmpty()) {
            doc.table(
                    List.of(t.t("at"), t.t("actor"), t.t("action"), t.t("reason")),
                    s.denials().stream()
                            .map(d -> List.of(time(d.at(), zone), d.actor(), d.action(), d.reason()))
                            .toList());
        }
        doc.paragraph(t.t("expiring", 30) + ": " + (s.grantsNearExpiry().isEmpty() ? t.t("none") : ""));
        if (!s.grantsNearExpiry().isEmpty()) {
            doc.table(
                    List.of(t.t("dataset"), t.t("expires")),
                    s.grantsNearExpiry().stream()
                            .map(g -> List.of(g.dataset(), time(g.expiresAt(), zone)))
                            .toList());
        }
        doc.paragraph(t.t("incidents") + ": " + (s.incidents().isEmpty() ? t.t("none") : ""));
        if (!s.incidents().isEmpty()) {
            doc.table(
                    List.of(t.t("at"), t.t("actor"), t.t("action"), t.t("reason")),
                    s.incidents().stream()
                            .map(i -> List.of(time(i.at(), zone), i.actor(), i.action(), i.detail()))
                            .toList());
        }
    }

    /** One issued monthly report, as the pack lists it. */
    record IssuedReport(String month, Instant issuedAt, String sha256) {}

    static ReportDocument evaluationPack(
            Evaluation e,
            String labName,
            String language,
            List<IssuedReport> reports,
            MonthlyNumbers.Security pilotSecurity,
            ZoneId zone) {
        ReportText t = new ReportText(language);
        ReportDocument doc = new ReportDocument(language, t.t("pack.title", labName));
        doc.paragraph(t.t("pilot", e.pilotStart(), e.pilotEnd()) + " · " + time(e.evaluatedAt(), zone) + " · "
                + e.evaluatedBy());
        doc.heading(t.t("plan"));
        doc.table(
                List.of(
                        t.t("code"),
                        t.t("name"),
                        t.t("target"),
                        t.t("deadline"),
                        t.t("mandatory"),
                        t.t("achieved"),
                        t.t("met"),
                        t.t("metByDeadline"),
                        t.t("evidence")),
                e.indicators().stream()
                        .map(i -> List.of(
                                i.code(),
                                (t.chinese() ? i.nameZh() : i.nameEn()) + " (" + i.unit() + ")",
                                (i.direction().name().equals("AT_LEAST") ? "≥ " : "≤ ") + ReportText.number(i.target()),
                                String.valueOf(i.deadline()),
                                t.yesNo(i.mandatory()),
                                i.achieved() == null ? t.t("na") : ReportText.number(i.achieved()),
                                t.yesNo(i.met()),
                                t.yesNo(i.metByDeadline()),
                                i.evidence() == null
                                        ? String.valueOf(i.note())
                                        : i.evidence().runId() + " @ "
                                                + time(i.evidence().computedAt(), zone) + ": "
                                                + i.evidence().tables().stream()
                                                        .map(s -> s.table() + "#" + s.snapshotId())
                                                        .collect(Collectors.joining(", "))))
                        .toList());
        doc.heading(t.t("reports"));
        doc.table(
                List.of(t.t("month"), t.t("issued"), "SHA-256"),
                reports.stream()
                        .map(r -> List.of(r.month(), time(r.issuedAt(), zone), r.sha256()))
                        .toList());
        doc.heading(t.t("packSecurity"));
        doc.paragraph(t.t("denied", pilotSecurity.deniedAccesses()));
        doc.paragraph(t.t("incidents") + ": " + pilotSecurity.incidents().size());
        doc.heading(t.t("recommendation"));
        doc.paragraph(t.t(e.recommendation().name()) + " — " + e.rationale());
        return doc;
    }

    static String time(Instant instant, ZoneId zone) {
        return instant == null ? "" : TIME.format(instant.atZone(zone));
    }
}
