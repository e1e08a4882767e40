package io.lakelab.platform.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakelab.platform.support.PlatformTestSupport;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * An emergency freeze reaches the programme's paperwork: the lab's monthly report lists the
 * incident (who, what, why) in its security section, in the numbers and in the rendered HTML.
 */
class IncidentReportIT extends PlatformTestSupport {

    @Test
    void aFrozenLabsMonthlyReportNamesTheIncident() {
        String lab = unique("inc");
        String reason = "Drill " + lab + ": suspected credential leak";
        Response created = post(
                "admin",
                "/api/v1/labs",
                Map.of(
                        "code",
                        lab,
                        "nameZh",
                        "应急演练实验室" + lab,
                        "nameEn",
                        "Incident drill lab " + lab,
                        "direction",
                        "OTHER",
                        "leadUnit",
                        "Shanghai Data Group"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);

        Response frozen = post("admin", "/api/v1/labs/" + lab + "/freeze", Map.of("reason", reason));
        assertThat(frozen.status()).as(frozen.body()).isEqualTo(200);
        long incident = frozen.json().get("id").asLong();

        YearMonth month = YearMonth.now(ZoneId.of("Asia/Shanghai"));
        String base = "/api/v1/labs/" + lab + "/reports/monthly/" + month;
        Response issued = post("admin", base, "{}");
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        JsonNode incidents = issued.json().get("numbers").get("security").get("incidents");
        assertThat(incidents).as(issued.body()).isNotEmpty();
        JsonNode first = incidents.get(0);
        assertThat(first.get("actor").asString()).isEqualTo("admin");
        assertThat(first.get("action").asString()).isEqualTo("incident.freeze");
        assertThat(first.get("detail").asString()).contains(reason);

        Response html = get("admin", base + "/html");
        assertThat(html.status()).isEqualTo(200);
        assertThat(html.body()).contains("incident.freeze").contains(lab);

        Response listed = get("rita", "/api/v1/incidents?open=true");
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        assertThat(listed.body()).contains("\"id\":" + incident).contains(reason);
    }
}
