package io.lakelab.platform.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import io.lakelab.catalog.demo.DemoScenario;
import io.lakelab.platform.job.DemoLabSupport;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The demo lab's monthly report from its real fusion run and indicators: numbers checked against
 * the database, Chinese text in the PDF, and the archive never rewritten.
 */
class MonthlyReportIT extends DemoLabSupport {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @Autowired
    JdbcClient jdbc;

    @Test
    void theMonthlyReportMatchesTheDatabaseRendersChineseAndIsNeverRewritten() throws IOException {
        String runId = fusionRun();
        // Two Trino queries by the lab's analyst, as Trino's event listener posts them: one denied.
        String deniedQuery = "20261204_report_" + System.nanoTime();
        postTrinoEvent("q_" + System.nanoTime(), null);
        postTrinoEvent(
                deniedQuery,
                "{\"failureMessage\":\"Access Denied: Cannot select\",\"errorCode\":{\"name\":\"PERMISSION_DENIED\"}}");
        YearMonth month = YearMonth.now(ZONE);
        String base = "/api/v1/labs/" + LAB + "/reports/monthly/" + month;
        long started = System.nanoTime();
        Response issued = post("alice", base, "{}");
        System.out.printf("monthly report issued in %d ms%n", (System.nanoTime() - started) / 1_000_000);
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        JsonNode report = issued.json();
        JsonNode numbers = report.get("numbers");
        long labId = jdbc.sql("SELECT id FROM labs WHERE code = ?")
                .param(LAB)
                .query(Long.class)
                .single();
        var from = month.atDay(1).atStartOfDay(ZONE).toOffsetDateTime();
        var to = ZonedDateTime.parse(numbers.get("asOf").asString()).toOffsetDateTime();

        JsonNode activity = numbers.get("activity");
        assertThat(activity.get("jobsSucceeded").asInt())
                .isGreaterThanOrEqualTo(1)
                .isEqualTo(count(
                        "SELECT count(*) FROM job_runs WHERE lab_id = ? AND state = 'SUCCEEDED'"
                                + " AND submitted_at >= ? AND submitted_at < ?",
                        labId,
                        from,
                        to));
        assertThat(activity.get("jobsFailed").asInt())
                .isEqualTo(count(
                        "SELECT count(*) FROM job_runs WHERE lab_id = ? AND state = 'FAILED'"
                                + " AND submitted_at >= ? AND submitted_at < ?",
                        labId,
                        from,
                        to));
        long rows = jdbc.sql(
                        "SELECT coalesce(sum(i.rows_written), 0) FROM ingestions i JOIN grants g ON g.dataset_id ="
                                + " i.dataset_id AND g.lab_id = ? WHERE i.state = 'SUCCEEDED' AND i.created_at >= ? AND i.created_at < ?")
                .params(labId, from, to)
                .query(Long.class)
                .single();
        assertThat(activity.get("rowsIngested").asLong()).isPositive().isEqualTo(rows);
        assertThat(activity.get("outputs").toString()).contains(runId, WORKSPACE + ".emissions_by_district_industry");
        // Analyst queries: the members' Trino queries through any client, as the audit recorded them.
        assertThat(activity.get("analystQueries").asInt())
                .isGreaterThanOrEqualTo(2)
                .isEqualTo(count(
                        "SELECT count(*) FROM audit_events WHERE action = 'trino.query' AND actor IN ('alice', 'bob')"
                                + " AND at >= ? AND at < ?",
                        from,
                        to));
        assertThat(numbers.get("security").get("denials").toString())
                .contains("Access Denied: Cannot select [Trino query " + deniedQuery + "]");

        // Indicator values at month end are the latest values the indicator API shows.
        JsonNode indicators =
                get("alice", "/api/v1/labs/" + LAB + "/indicators").json();
        assertThat(numbers.get("indicators")).hasSize(indicators.size());
        for (int i = 0; i < indicators.size(); i++) {
            JsonNode expected = indicators.get(i);
            JsonNode line = numbers.get("indicators").get(i);
            assertThat(line.get("code").asString())
                    .isEqualTo(expected.get("code").asString());
            assertThat(line.get("value").asDouble())
                    .isEqualTo(expected.get("value").asDouble());
            assertThat(line.get("met").asBoolean())
                    .isEqualTo(expected.get("met").asBoolean());
            assertThat(line.get("trend")
                            .get(line.get("trend").size() - 1)
                            .get("value")
                            .asDouble())
                    .isEqualTo(expected.get("value").asDouble());
        }
        // Lineage: which public and which social datasets went into the emissions output.
        JsonNode lineage = numbers.get("lineage");
        assertThat(lineage.toString())
                .contains(LAB + "__emissions_by_district_industry")
                .contains(DemoScenario.ENTERPRISE_REGISTRY, DemoScenario.ENERGY_CONSUMPTION);

        // The PDF embeds the CJK font and its Chinese text can be extracted.
        byte[] pdf = bytes("/api/v1/labs/" + LAB + "/reports/monthly/" + month + "/pdf");
        assertThat(new String(pdf, StandardCharsets.ISO_8859_1)).contains("FontFile2");
        PdfReader reader = new PdfReader(pdf);
        String text = new PdfTextExtractor(reader).getTextFromPage(1);
        // The lab's Chinese name is whatever the test class that created the shared lab gave it.
        String labNameZh =
                get("admin", "/api/v1/labs/" + LAB).json().get("nameZh").asString();
        assertThat(text).contains(labNameZh, "建设情况月报", "任务指标完成情况");
        String html = get("bob", "/api/v1/labs/" + LAB + "/reports/monthly/" + month + "/html")
                .body();
        assertThat(html).contains("lang=\"zh-CN\"", "数据安全", "data:image/png;base64,");

        // Immutable once issued: later data changes do not rewrite it.
        Response defined = post(
                "alice",
                "/api/v1/labs/" + LAB + "/indicators",
                Map.of(
                        "code",
                        "late_indicator",
                        "nameZh",
                        "迟到指标",
                        "nameEn",
                        "Late",
                        "unit",
                        "个",
                        "target",
                        1,
                        "direction",
                        "AT_LEAST",
                        "sql",
                        "SELECT count(*) FROM emissions_by_district_industry"));
        assertThat(defined.status()).as(defined.body()).isEqualTo(201);
        Response again = post("alice", base + "?language=EN", "{}");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("sha256").asString())
                .isEqualTo(report.get("sha256").asString());
        assertThat(again.json().get("language").asString()).isEqualTo("ZH_CN");
        assertThat(again.json().get("numbers")).isEqualTo(numbers);
        assertThat(again.body()).doesNotContain("late_indicator");
        assertThat(bytes("/api/v1/labs/" + LAB + "/reports/monthly/" + month + "/pdf"))
                .isEqualTo(pdf);
        assertThat(get("bob", "/api/v1/labs/" + LAB + "/reports/monthly").json())
                .isNotEmpty();

        // English, for the previous month, chosen by the lab.
        Response english = post(
                "alice", "/api/v1/labs/" + LAB + "/reports/monthly/" + month.minusMonths(1) + "?language=EN", "{}");
        assertThat(english.status()).as(english.body()).isIn(200, 201);
        assertThat(get("alice", "/api/v1/labs/" + LAB + "/reports/monthly/" + month.minusMonths(1) + "/html")
                        .body())
                .contains("monthly construction report", "Data security");

        Response bad = post("alice", "/api/v1/labs/" + LAB + "/reports/monthly/2025-13", "{}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("detail").asString()).contains("yyyy-MM");
        Response outsider = post("eve", base, "{}");
        assertThat(outsider.status()).isEqualTo(403);
    }

    @Autowired
    io.lakelab.platform.audit.AuditTokens auditTokens;

    private void postTrinoEvent(String queryId, String failureInfo) {
        String event = "{\"context\":{\"user\":\"bob\"},\"metadata\":{\"queryId\":\"" + queryId
                + "\",\"query\":\"SELECT 1\"},\"statistics\":{\"outputRows\":1},\"failureInfo\":" + failureInfo + "}";
        Response r = send(request(null, io.lakelab.platform.audit.AuditTokens.TRINO_EVENTS_PATH)
                .header("Authorization", "Bearer " + auditTokens.issue("report-it"))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(event))
                .build());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    private int count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Integer.class).single();
    }

    private byte[] bytes(String path) {
        try {
            HttpResponse<byte[]> response = java.net.http.HttpClient.newHttpClient()
                    .send(request("alice", path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).isEqualTo(200);
            return response.body();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
