package io.lakelab.platform.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakelab.platform.support.PlatformTestSupport;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * An emergency freeze reaches the programme's paperwork: the lab's monthly report lists the
 * incident (who, what, why) in its security section, in the numbers and in the rendered HTML; a
 * frozen dataset can be neither requested nor granted.
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

    @Test
    void aFrozenDatasetCanNeitherBeRequestedNorGranted() {
        String name = unique("frozen_");
        Response registered = post(
                "admin",
                "/api/v1/datasets",
                Map.of(
                        "name", name,
                        "titleZh", "冻结演练",
                        "titleEn", "Freeze drill",
                        "description", "a dataset to freeze",
                        "kind", "SOCIAL",
                        "provider", "Drill Co.",
                        "grade", "GENERAL",
                        "tags", List.of(),
                        "columns",
                                List.of(Map.of(
                                        "name", "v",
                                        "type", "string",
                                        "description", "v",
                                        "required", false,
                                        "tags", List.of()))));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        Response frozen =
                post("admin", "/api/v1/datasets/" + name + "/freeze", Map.of("reason", "provider withdrew consent"));
        assertThat(frozen.status()).as(frozen.body()).isEqualTo(200);
        String incident = "incident " + frozen.json().get("id").asLong();
        ensureDemoLabExists();

        Response requested = post(
                "alice",
                "/api/v1/access-requests",
                Map.of("lab", "lowcarbon", "dataset", name, "purpose", "drill", "days", 30));
        assertThat(requested.status()).as(requested.body()).isEqualTo(409);
        assertThat(requested.json().get("detail").asString()).contains(incident, "requesting access to it");

        Response granted = post("admin", "/api/v1/grants", Map.of("lab", "lowcarbon", "dataset", name));
        assertThat(granted.status()).as(granted.body()).isEqualTo(409);
        assertThat(granted.json().get("detail").asString()).contains(incident, "granting it to lab lowcarbon");
    }
}
