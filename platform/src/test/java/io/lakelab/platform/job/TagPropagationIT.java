package io.lakelab.platform.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Column tags follow column lineage into a real governed run's DERIVED outputs: a PII column copied,
 * hashed or aggregated stays PII (also when the lab reads it masked), a column not derived from it
 * does not become PII, and granting the derived PII column in clear needs the acknowledgement.
 */
class TagPropagationIT extends DemoLabSupport {

    @Test
    void derivedColumnsInheritTheTagsOfTheColumnsTheyComeFrom() throws IOException {
        ensureDemoLab();
        String source = unique("tagged_");
        Response registered = post(
                "admin",
                "/api/v1/datasets",
                Map.of(
                        "name", source,
                        "titleZh", "联系人",
                        "titleEn", "Contacts",
                        "kind", "SOCIAL",
                        "provider", "Shanghai Big Data Center",
                        "grade", "IMPORTANT",
                        "columns",
                                List.of(
                                        column("name", "string", List.of()),
                                        column("phone", "string", List.of("PII")),
                                        column("region", "string", List.of("AREA")))));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        List<String> lines = new ArrayList<>(List.of("name,phone,region"));
        for (int i = 0; i < 12; i++) {
            lines.add("Person " + i + ",1380000" + i + "," + (i % 2 == 0 ? "SH" : "JS"));
        }
        Path csv = Files.createTempFile("tagged-", ".csv");
        Files.write(csv, lines);
        Response ingested = upload("admin", "/api/v1/datasets/" + source + "/ingestions?mode=REPLACE", csv);
        assertThat(ingested.status()).as(ingested.body()).isEqualTo(201);
        // the lab reads phone masked (the PII default, HASH): the tag is about the data, so it still flows
        Response granted = post("admin", "/api/v1/grants", Map.of("lab", LAB, "dataset", source));
        assertThat(granted.status()).as(granted.body()).isEqualTo(201);
        assertThat(granted.json().get("defaultMasks").get("phone").asString()).isEqualTo("HASH");

        String out = source.replace("tagged_", "t_");
        String id = submit(
                "alice",
                "tag-propagation",
                List.of(
                        "CREATE TABLE " + out + "_people USING iceberg AS SELECT phone AS phone_copy,"
                                + " sha2(phone, 256) AS phone_hash, upper(name) AS name_upper, region"
                                + " FROM datasets." + source + " WHERE phone IS NOT NULL",
                        "CREATE TABLE " + out + "_regions USING iceberg AS SELECT region,"
                                + " count(DISTINCT phone_copy) AS phones, count(*) AS people FROM " + out + "_people"
                                + " GROUP BY region"));
        JsonNode run = awaitTerminal(id);
        assertThat(run.get("state").asString()).as(run.toString()).isEqualTo("SUCCEEDED");

        JsonNode people =
                get("bob", "/api/v1/datasets/" + LAB + "__" + out + "_people").json();
        assertThat(people.get("kind").asString()).isEqualTo("DERIVED");
        assertThat(tags(people))
                .containsExactly(
                        Map.entry("phone_copy", List.of("PII")),
                        Map.entry("phone_hash", List.of("PII")),
                        Map.entry("name_upper", List.of()),
                        Map.entry("region", List.of("AREA")));
        // 就高从严: the derived data keeps the source's grade
        assertThat(people.get("grade").asString()).isEqualTo("IMPORTANT");
        String regionsName = LAB + "__" + out + "_regions";
        JsonNode regions = get("bob", "/api/v1/datasets/" + regionsName).json();
        assertThat(tags(regions))
                .containsExactly(
                        Map.entry("region", List.of("AREA")),
                        Map.entry("phones", List.of("PII")),
                        Map.entry("people", List.of()));
        assertThat(regions.get("grade").asString()).isEqualTo("IMPORTANT");

        JsonNode facet = get("alice", "/api/v1/jobs/" + id + "/lineage").json();
        assertThat(facet.toString()).contains("\"columnLineage\"", "\"AGGREGATION\"", "\"IDENTITY\"");

        // phones is PII of type long: no default mask fits, so a grant in clear needs the acknowledgement
        lab("shipping");
        Response refused = post("admin", "/api/v1/grants", Map.of("lab", "shipping", "dataset", regionsName));
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.json().get("detail").asString())
                .contains("'phones' (tags [PII], type long")
                .doesNotContain("'people'", "'region'");
        Response acknowledged = post(
                "admin",
                "/api/v1/grants",
                Map.of("lab", "shipping", "dataset", regionsName, "acknowledgeUnmasked", List.of("phones")));
        assertThat(acknowledged.status()).as(acknowledged.body()).isEqualTo(201);
        assertThat(acknowledged.json().get("acknowledgedUnmasked").get(0).asString())
                .isEqualTo("phones");
    }

    /** Column name -> tags, in schema order. */
    private static Map<String, List<String>> tags(JsonNode dataset) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (JsonNode c : dataset.get("schema").get("columns")) {
            List<String> tags = new ArrayList<>();
            c.get("tags").forEach(t -> tags.add(t.asString()));
            out.put(c.get("name").asString(), tags);
        }
        return out;
    }

    private static Map<String, Object> column(String name, String type, List<String> tags) {
        return Map.of("name", name, "type", type, "required", false, "tags", tags);
    }

    private void lab(String code) {
        ensureLab(code);
    }
}
