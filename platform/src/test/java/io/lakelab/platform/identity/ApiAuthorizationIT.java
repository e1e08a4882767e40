package io.lakelab.platform.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakelab.platform.support.PlatformTestSupport;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may call what, through the real API with real tokens from the embedded issuer: a matrix of
 * users x endpoints with the expected status, plus token checks (none, tampered, wrong audience).
 * Job, lineage and indicator endpoints have their own authorization tests in their features.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiAuthorizationIT extends PlatformTestSupport {

    static final String LAB = "lowcarbon";

    @BeforeAll
    void labsExist() {
        for (String code : List.of(LAB, "shipping")) {
            if (get("admin", "/api/v1/labs/" + code).status() == 404) {
                assertThat(post("admin", "/api/v1/labs", lab(code)).status()).isEqualTo(201);
            }
        }
    }

    static Map<String, Object> lab(String code) {
        return Map.of(
                "code",
                code,
                "nameZh",
                "实验室 " + code,
                "nameEn",
                "Lab " + code,
                "direction",
                "LOW_CARBON",
                "leadUnit",
                "Lead Co.",
                "coBuilders",
                List.of(Map.of("name", "Tongji University", "role", "ACADEMIA")));
    }

    static Stream<Arguments> readMatrix() {
        return Stream.of(
                // endpoint, admin, alice (engineer, lowcarbon), bob (analyst, lowcarbon), rita (reviewer), eve
                // (engineer, shipping)
                Arguments.of("/api/v1/labs", 200, 200, 200, 200, 200),
                Arguments.of("/api/v1/labs/" + LAB, 200, 200, 200, 200, 403),
                Arguments.of("/api/v1/datasets", 200, 200, 200, 200, 200),
                Arguments.of("/api/v1/grants?lab=" + LAB, 200, 200, 200, 200, 403),
                Arguments.of("/api/v1/audit", 200, 403, 403, 403, 403));
    }

    @ParameterizedTest(name = "GET {0}")
    @MethodSource("readMatrix")
    void reads(String path, int admin, int alice, int bob, int rita, int eve) {
        assertThat(List.of(
                        get("admin", path).status(),
                        get("alice", path).status(),
                        get("bob", path).status(),
                        get("rita", path).status(),
                        get("eve", path).status()))
                .as(path)
                .containsExactly(admin, alice, bob, rita, eve);
    }

    @Test
    void onlyAdministratorsCreateLabs() {
        for (String user : List.of("alice", "bob", "rita", "eve")) {
            Response r = post(user, "/api/v1/labs", lab(unique("x")));
            assertThat(r.status()).as(user).isEqualTo(403);
            assertThat(r.json().get("detail").asString()).contains("platform-admin");
        }
        assertThat(post("admin", "/api/v1/labs", lab(unique("x"))).status()).isEqualTo(201);
    }

    @Test
    void onlyAdministratorsGrantAndEveryDenialIsAudited() {
        Response r = post("alice", "/api/v1/grants", Map.of("lab", LAB, "dataset", "anything"));
        assertThat(r.status()).isEqualTo(403);
        String audit =
                get("admin", "/api/v1/audit?actor=alice&action=authz.").json().toString();
        assertThat(audit).contains("authz.grant").contains("DENIED");
    }

    @Test
    void analystsAndReviewersDoNotRegisterDatasets() {
        Map<String, Object> body = Map.of(
                "name",
                unique("ds_"),
                "titleZh",
                "数据",
                "titleEn",
                "Data",
                "kind",
                "SOCIAL",
                "provider",
                "Co.",
                "grade",
                "GENERAL",
                "lab",
                LAB,
                "columns",
                List.of(Map.of("name", "a", "type", "string", "required", false)));
        assertThat(post("bob", "/api/v1/datasets", body).status()).isEqualTo(403);
        assertThat(post("rita", "/api/v1/datasets", body).status()).isEqualTo(403);
        Response other = post("eve", "/api/v1/datasets", body);
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.json().get("detail").asString()).contains(LAB);
        assertThat(post("alice", "/api/v1/datasets", body).status()).isEqualTo(201);
    }

    @Test
    void noTokenTamperedTokenAndWrongAudienceAre401WithProblemDetails() {
        Response none = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/labs"))
                .GET()
                .build());
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json().get("detail").asString()).contains("bearer token");

        String token = token("admin");
        String[] parts = token.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]));
        String forged = parts[0] + "."
                + Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(claims.replace("\"admin\"", "\"root\"").getBytes())
                + "." + parts[2];
        Response tampered = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/labs"))
                .header("Authorization", "Bearer " + forged)
                .GET()
                .build());
        assertThat(tampered.status()).isEqualTo(401);

        Response garbage = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/labs"))
                .header("Authorization", "Bearer not-a-jwt")
                .GET()
                .build());
        assertThat(garbage.status()).isEqualTo(401);
    }

    @Test
    void aWrongContentTypeOrAMissingBoundaryIsTheClientsMistake() {
        Response plain = send(request("admin", "/api/v1/labs")
                .header("Content-Type", "text/plain")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("code=x"))
                .build());
        assertThat(plain.status()).as(plain.body()).isEqualTo(415);
        assertThat(plain.json().get("detail").asString()).contains("Content-Type: application/json");

        Response noBoundary = send(request("admin", "/api/v1/datasets/whatever/ingestions")
                .header("Content-Type", "multipart/form-data")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("--x--"))
                .build());
        assertThat(noBoundary.status()).as(noBoundary.body()).isBetween(400, 499);
        assertThat(noBoundary.body()).contains("\"type\":\"https://lakelab.io/problems/");
    }

    @Test
    void healthAndOpenApiArePublicEverythingElseIsNot() {
        assertThat(send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                                .build())
                        .status())
                .isEqualTo(200);
        Response docs = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v3/api-docs"))
                .build());
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body()).contains("/api/v1/datasets");
        assertThat(send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/env"))
                                .build())
                        .status())
                .isIn(401, 403, 404);
    }

    @Test
    void malformedRequestsGetProblemDetailsThatSayWhatToDo() {
        Response badJson = post("admin", "/api/v1/labs", "{not json");
        assertThat(badJson.status()).isEqualTo(400);
        assertThat(badJson.json().get("detail").asString()).contains("JSON");
        Response badCode = post("admin", "/api/v1/labs", lab("Bad Code!"));
        assertThat(badCode.status()).isEqualTo(400);
        assertThat(badCode.json().get("detail").asString()).contains("Bad Code!");
        Response missing = get("admin", "/api/v1/labs/nosuchlab");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("type").asString()).contains("not-found");
    }
}
