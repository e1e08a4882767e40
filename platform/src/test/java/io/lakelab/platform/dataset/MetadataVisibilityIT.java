package io.lakelab.platform.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakelab.catalog.DatasetSchema;
import io.lakelab.catalog.Grade;
import io.lakelab.catalog.LabCode;
import io.lakelab.catalog.TableRef;
import io.lakelab.platform.job.DemoLabSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Who sees which catalog and lineage metadata, through the real API: users of two labs ({@code
 * alice} engineer and {@code bob} analyst of lowcarbon, {@code eve} engineer of shipping), the
 * reviewer {@code rita} and {@code admin}, against every catalog and lineage read. The fixture: the
 * demo fusion run's outputs in lowcarbon, one of them ({@code emissions}) granted to shipping, and
 * a derived dataset of shipping nobody granted. Another lab's output must read exactly like a name
 * that does not exist: same status, same message.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetadataVisibilityIT extends DemoLabSupport {

    static final String SHIPPING = "shipping";
    static final String SECRET = "shipping__vessel_routes_secret";
    static final String SECRET_TABLE = "lab_shipping.vessel_routes_secret";
    static final String SECRET_COLUMN = "berth_window_secret";
    static final String EMISSIONS = "lowcarbon__emissions_by_district_industry";
    static final String INTERNAL = "lowcarbon__consumption_matched";
    static final String USERS = "admin, rita, alice, bob, eve";

    @Autowired
    DatasetService datasets;

    @BeforeAll
    void fixture() {
        fusionRun();
        Response lab = post(
                "admin",
                "/api/v1/labs",
                Map.of(
                        "code", SHIPPING,
                        "nameZh", "航运实验室",
                        "nameEn", "Shipping lab",
                        "direction", "LOW_CARBON",
                        "leadUnit", "Port Co.",
                        "coBuilders", List.of(Map.of("name", "Maritime University", "role", "ACADEMIA"))));
        assertThat(lab.status()).as(lab.body()).isIn(201, 409);
        // Registered the way the job feature registers a run's output (no Spark run needed for a catalog entry).
        DatasetSchema schema = json.readValue(
                "{\"columns\":[" + column(SECRET_COLUMN, "string") + "," + column("tonnage", "double")
                        + "],\"primaryKey\":[],\"qualityRules\":[],\"trimStrings\":false}",
                DatasetSchema.class);
        datasets.registerDerived(
                new LabCode(SHIPPING),
                TableRef.parse(SECRET_TABLE),
                schema,
                Grade.IMPORTANT,
                42,
                7L,
                "run-visibilityfixture");
        Response granted = post("admin", "/api/v1/grants", Map.of("lab", SHIPPING, "dataset", EMISSIONS));
        assertThat(granted.status()).as(granted.body()).isIn(201, 409);
    }

    private static String column(String name, String type) {
        return "{\"name\":\"" + name + "\",\"type\":\"" + type
                + "\",\"description\":\"\",\"required\":false,\"tags\":[]}";
    }

    static Stream<Arguments> reads() {
        return Stream.of(
                // path, statuses for admin, rita (reviewer), alice, bob (lowcarbon), eve (shipping)
                Arguments.of("/api/v1/datasets/" + SECRET, List.of(200, 200, 404, 404, 200)),
                Arguments.of("/api/v1/lineage/datasets/" + SECRET, List.of(200, 200, 404, 404, 200)),
                Arguments.of("/api/v1/lineage/datasets/" + SECRET_TABLE, List.of(200, 200, 404, 404, 200)),
                Arguments.of("/api/v1/datasets/" + INTERNAL, List.of(200, 200, 200, 200, 404)),
                Arguments.of("/api/v1/lineage/datasets/" + INTERNAL, List.of(200, 200, 200, 200, 404)),
                Arguments.of("/api/v1/lineage/datasets/lab_lowcarbon.registry_valid", List.of(200, 200, 200, 200, 404)),
                // A table of a workspace one may not see, known to the catalog or not, is not found.
                Arguments.of("/api/v1/lineage/datasets/lab_lowcarbon.no_such_table", List.of(200, 200, 200, 200, 404)),
                Arguments.of("/api/v1/datasets/" + EMISSIONS, List.of(200, 200, 200, 200, 200)),
                Arguments.of("/api/v1/lineage/datasets/" + EMISSIONS, List.of(200, 200, 200, 200, 200)),
                Arguments.of("/api/v1/datasets/energy_consumption", List.of(200, 200, 200, 200, 200)),
                Arguments.of("/api/v1/datasets/" + SECRET + "/agreements", List.of(404, 404, 404, 404, 404)));
    }

    @ParameterizedTest(name = "GET {0}")
    @MethodSource("reads")
    void readMatrix(String path, List<Integer> expected) {
        List<Integer> statuses = new ArrayList<>();
        for (String user : USERS.split(", ")) {
            statuses.add(get(user, path).status());
        }
        assertThat(statuses).as(path + " for " + USERS).isEqualTo(expected);
    }

    @Test
    void searchListsOnlyWhatTheCallerMaySee() {
        for (String user : List.of("admin", "rita")) {
            assertThat(names("/api/v1/datasets", user)).as(user).contains(SECRET, INTERNAL, EMISSIONS);
        }
        for (String user : List.of("alice", "bob")) {
            assertThat(names("/api/v1/datasets", user)).as(user).contains(INTERNAL, EMISSIONS, "energy_consumption");
            // Neither by name, nor by a column, nor by kind is the other lab's output found.
            Response all = get(user, "/api/v1/datasets?kind=DERIVED");
            assertThat(all.body()).as(user).doesNotContain(SECRET, SECRET_COLUMN, "run-visibilityfixture");
            assertThat(names("/api/v1/datasets?q=" + SECRET_COLUMN, user))
                    .as(user)
                    .isEmpty();
            assertThat(names("/api/v1/datasets?q=vessel_routes", user)).as(user).isEmpty();
        }
        List<String> eve = names("/api/v1/datasets?kind=DERIVED", "eve");
        assertThat(eve).contains(SECRET, EMISSIONS).doesNotContain(INTERNAL, "lowcarbon__registry_valid");
        // Other ITs sharing this platform may grant further outputs to shipping: those are visible too.
        List<String> grantedToShipping =
                get("admin", "/api/v1/grants?lab=" + SHIPPING).json().findValuesAsString("dataset");
        assertThat(eve).allMatch(n -> n.startsWith("shipping__") || grantedToShipping.contains(n));
    }

    /** Registering under an output's name is refused for every such name alike, so it confirms nothing. */
    @Test
    void registeringUnderAnOutputsNameRevealsNothing() {
        List<Response> answers = new ArrayList<>();
        for (String name : List.of(SECRET, "shipping__no_such_output")) {
            Response r = post(
                    "alice",
                    "/api/v1/datasets",
                    Map.of(
                            "name", name,
                            "titleZh", "探测",
                            "titleEn", "Probe",
                            "description", "probe",
                            "kind", "SOCIAL",
                            "provider", "Probe Co.",
                            "grade", "GENERAL",
                            "tags", List.of(),
                            "columns",
                                    List.of(Map.of(
                                            "name", "v",
                                            "type", "string",
                                            "description", "v",
                                            "required", false,
                                            "tags", List.of())),
                            "lab", "lowcarbon"));
            assertThat(r.status()).as(r.body()).isEqualTo(400);
            assertThat(detail(r)).contains("reserved for lab outputs");
            answers.add(r);
        }
        assertThat(detail(answers.get(0)).replace(SECRET, "X").replace(SECRET.replace("__", "_"), "Y"))
                .isEqualTo(detail(answers.get(1))
                        .replace("shipping__no_such_output", "X")
                        .replace("shipping_no_such_output", "Y"));
    }

    /** Every path that takes a dataset name answers another lab's output as it answers an unknown name. */
    @Test
    void anotherLabsOutputReadsLikeAnUnknownName() throws Exception {
        String unknown = "shipping__no_such_output";
        assertSameAnswer(get("alice", "/api/v1/datasets/" + SECRET), get("alice", "/api/v1/datasets/" + unknown));
        assertSameAnswer(
                get("alice", "/api/v1/lineage/datasets/" + SECRET),
                get("alice", "/api/v1/lineage/datasets/" + unknown));
        assertSameAnswer(
                get("alice", "/api/v1/lineage/datasets/" + SECRET_TABLE),
                get("alice", "/api/v1/lineage/datasets/lab_shipping.no_such_output"));
        assertSameAnswer(
                get("alice", "/api/v1/datasets/" + SECRET + "/agreements"),
                get("alice", "/api/v1/datasets/" + unknown + "/agreements"));
        assertSameAnswer(
                get("alice", "/api/v1/datasets/" + SECRET + "/quality"),
                get("alice", "/api/v1/datasets/" + unknown + "/quality"));
        // An access request naming a column would otherwise list the hidden dataset's columns.
        assertSameAnswer(accessRequest(SECRET), accessRequest(unknown));
        Path csv = Files.createTempFile("probe-", ".csv");
        Files.writeString(csv, SECRET_COLUMN + ",tonnage\nx,1\n");
        assertSameAnswer(
                upload("alice", "/api/v1/datasets/" + SECRET + "/ingestions", csv),
                upload("alice", "/api/v1/datasets/" + unknown + "/ingestions", csv));
        assertSameAnswer(
                post("alice", "/api/v1/datasets/" + SECRET + "/agreements/1/accept", Map.of("lab", LAB)),
                post("alice", "/api/v1/datasets/" + unknown + "/agreements/1/accept", Map.of("lab", LAB)));

        // A job naming the table is refused without naming the dataset: as any table of that workspace.
        Response job = post(
                "alice",
                "/api/v1/jobs",
                Map.of("lab", LAB, "name", "probe", "statements", List.of("SELECT * FROM " + SECRET_TABLE)));
        Response jobUnknown = post(
                "alice",
                "/api/v1/jobs",
                Map.of(
                        "lab",
                        LAB,
                        "name",
                        "probe",
                        "statements",
                        List.of("SELECT * FROM lab_shipping.no_such_output")));
        assertThat(job.status()).isEqualTo(403).isEqualTo(jobUnknown.status());
        assertThat(detail(job).replace(SECRET_TABLE, "T"))
                .isEqualTo(detail(jobUnknown).replace("lab_shipping.no_such_output", "T"))
                .doesNotContain(SECRET);

        // Admins find the refusals in the audit log, although callers only saw "not found".
        Response audit = get("admin", "/api/v1/audit?actor=alice&action=dataset.view&limit=50");
        assertThat(audit.status()).as(audit.body()).isEqualTo(200);
        assertThat(audit.body()).contains("dataset:" + SECRET, "DENIED");
    }

    @Test
    void lineageShowsOtherLabsOutputsOnlyAsOpaqueConnectingNodes() {
        // eve may see the granted emissions output and the sources, not lowcarbon's intermediate tables.
        JsonNode up = get("eve", "/api/v1/lineage/datasets/" + EMISSIONS + "?direction=upstream")
                .json();
        assertThat(up.get("root").asString()).isEqualTo(EMISSIONS);
        assertThat(visibleNames(up))
                .containsExactlyInAnyOrder(EMISSIONS, "energy_consumption", "enterprise_registry", "emission_factors");
        List<JsonNode> hidden = hiddenNodes(up);
        assertThat(hidden).hasSize(2); // consumption_matched and registry_valid, unnamed
        hidden.forEach(n -> {
            assertThat(n.get("name").asString()).startsWith("not-visible-");
            assertThat(n.get("table").isNull()).isTrue();
            assertThat(n.get("kind").isNull()).isTrue();
        });
        assertThat(up.toString()).doesNotContain("consumption_matched", "registry_valid", fusionRun());
        // Every edge still connects named nodes, so the graph reads from the sources to the output.
        List<String> names = new ArrayList<>();
        up.get("nodes").forEach(n -> names.add(n.get("name").asString()));
        up.get("edges")
                .forEach(e -> assertThat(names)
                        .contains(e.get("source").asString(), e.get("target").asString()));

        // Downstream of a source, other labs' uses of it that lead to nothing visible are left out.
        JsonNode down = get("eve", "/api/v1/lineage/datasets/enterprise_registry?direction=downstream")
                .json();
        assertThat(visibleNames(down)).containsExactlyInAnyOrder("enterprise_registry", EMISSIONS);
        assertThat(down.toString()).doesNotContain("consumption_rejects", "registry_valid");
        JsonNode factors = get("eve", "/api/v1/lineage/datasets/emission_factors?direction=downstream")
                .json();
        assertThat(factors.toString()).doesNotContain("not-visible-");

        // The lab itself sees its own run ids and every table by name.
        JsonNode own = get("bob", "/api/v1/lineage/datasets/" + EMISSIONS + "?direction=upstream")
                .json();
        assertThat(hiddenNodes(own)).isEmpty();
        assertThat(visibleNames(own)).contains(INTERNAL, "lowcarbon__registry_valid");
        own.get("edges").forEach(e -> assertThat(e.get("runId").asString()).startsWith("run-"));
    }

    private Response accessRequest(String dataset) {
        return post(
                "alice",
                "/api/v1/access-requests",
                Map.of(
                        "lab",
                        LAB,
                        "dataset",
                        dataset,
                        "purpose",
                        "probe",
                        "columns",
                        List.of("no_such_column"),
                        "days",
                        30));
    }

    private void assertSameAnswer(Response hidden, Response unknown) {
        assertThat(hidden.status()).as(hidden.body()).isEqualTo(404).isEqualTo(unknown.status());
        String normalised = detail(hidden)
                .replace(SECRET_TABLE, "X")
                .replace("lab_shipping.no_such_output", "X")
                .replace(SECRET, "X")
                .replace("shipping__no_such_output", "X");
        String expected =
                detail(unknown).replace("lab_shipping.no_such_output", "X").replace("shipping__no_such_output", "X");
        assertThat(normalised).isEqualTo(expected);
        assertThat(hidden.body()).doesNotContain(SECRET_COLUMN, "tonnage", "IMPORTANT");
    }

    private static String detail(Response r) {
        return r.json().get("detail").asString();
    }

    private List<String> names(String path, String user) {
        Response r = get(user, path);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        r.json().forEach(d -> names.add(d.get("name").asString()));
        return names;
    }

    private static List<String> visibleNames(JsonNode graph) {
        List<String> names = new ArrayList<>();
        graph.get("nodes").forEach(n -> {
            if (n.get("visible").asBoolean()) {
                names.add(n.get("name").asString());
            }
        });
        return names;
    }

    private static List<JsonNode> hiddenNodes(JsonNode graph) {
        List<JsonNode> hidden = new ArrayList<>();
        graph.get("nodes").forEach(n -> {
            if (!n.get("visible").asBoolean()) {
                hidden.add(n);
            }
        });
        return hidden;
    }
}
