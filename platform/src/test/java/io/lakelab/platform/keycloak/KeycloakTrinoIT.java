package io.lakelab.platform.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import io.lakelab.platform.trino.TrinoServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform configured for a real Keycloak 26 (issuer = the realm, provisioning on) with Trino
 * enabled: Trino validates the same Keycloak-issued tokens against the realm's JWKS, and removing a
 * lab member revokes their access in Trino (their next token, and through the Ranger user store even
 * the token they still hold) and in Spark (no more job submissions). Its own Keycloak and its own
 * Trino (a different context from the Trino ITs, which use the embedded issuer).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"lakelab.trino.enabled=true", "server.port=0"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class KeycloakTrinoIT {

    private static KeycloakServer keycloak;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String MEMBER = "alice";

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Autowired
    TrinoServer trino;

    private String lab;

    @DynamicPropertySource
    static synchronized void keycloakProperties(DynamicPropertyRegistry registry) throws IOException {
        if (keycloak == null) {
            keycloak = KeycloakServer.start();
        }
        Path home = Files.createTempDirectory("lakelab-keycloak-trino-it-");
        registry.add("lakelab.storage.home", home::toString);
        registry.add("lakelab.identity.issuer-uri", keycloak::issuer);
        registry.add("lakelab.keycloak.server-url", keycloak::serverUrl);
        registry.add("lakelab.keycloak.realm", () -> KeycloakServer.REALM);
        registry.add("lakelab.keycloak.client-id", () -> "lakelab-provisioner");
        registry.add("lakelab.keycloak.client-secret", keycloak::provisionerSecret);
    }

    @AfterAll
    static synchronized void stopKeycloak() {
        if (keycloak != null) {
            keycloak.close();
            keycloak = null;
        }
    }

    @BeforeAll
    void labWithAMember() {
        lab = "kt" + Long.toString(System.nanoTime(), 36).substring(0, 6);
        Response created = post(token("admin"), "/api/v1/labs", KeycloakIT.labRequest(lab));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Response added = post(token("admin"), "/api/v1/labs/" + lab + "/members/" + MEMBER, null);
        assertThat(added.status()).as(added.body()).isEqualTo(204);
        trino.awaitReady(Duration.ofMinutes(4));
    }

    @Test
    @Order(1)
    void trinoAcceptsKeycloakTokensAndRefusesTamperedAndForeignOnes() throws SQLException {
        String alice = token(MEMBER);
        assertThat(query(MEMBER, alice, "SELECT 1")).containsExactly(List.of(1));

        String[] parts = alice.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String changed = claims.replace("\"" + MEMBER + "\"", "\"admin\"");
        assertThat(changed).isNotEqualTo(claims);
        String tampered = parts[0] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(changed.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
        assertThatThrownBy(() -> query("admin", tampered, "SELECT 1"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("Authentication failed");
        assertThatThrownBy(() -> query(MEMBER, signedByAnotherKey(alice), "SELECT 1"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("Authentication failed");
        // Right issuer and signature, but not meant for lakelab-api: Trino requires the same audience.
        assertThatThrownBy(() -> query("service-account-lakelab-provisioner", provisionerToken(), "SELECT 1"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("Authentication failed");
        // A valid token for bob does not open a session as alice.
        assertThatThrownBy(() -> query(MEMBER, token("bob"), "SELECT 1"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("Access Denied");
    }

    @Test
    @Order(2)
    void removingAMemberRevokesAccessInSparkAndTrino() throws SQLException {
        String held = token(MEMBER);
        String table = "lakelab.lab_" + lab + ".kc_t";

        // Spark: a job by the member succeeds while they are one.
        Response submitted = post(
                held,
                "/api/v1/jobs",
                Map.of(
                        "lab",
                        lab,
                        "name",
                        "keycloak-member-job",
                        "statements",
                        List.of("CREATE OR REPLACE TABLE kc_t USING iceberg AS SELECT 1 AS x")));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        JsonNode run = awaitTerminal(held, submitted.json().path("id").asString());
        assertThat(run.path("state").asString()).as(run.toString()).isEqualTo("SUCCEEDED");

        // Trino: the member reads the lab workspace with their Keycloak token (group from the user store).
        await("the member to read " + table + " in Trino")
                .atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .until(() -> query(MEMBER, held, "SELECT x FROM " + table).equals(List.of(List.of(1))));
        assertThat(query("bob", token("bob"), "SELECT 1")).hasSize(1);
        assertThatThrownBy(() -> query("bob", token("bob"), "SELECT x FROM " + table))
                .as("a non-member")
                .hasMessageContaining("Access Denied");

        Response removed = delete(token("admin"), "/api/v1/labs/" + lab + "/members/" + MEMBER);
        assertThat(removed.status()).as(removed.body()).isEqualTo(204);
        long start = System.nanoTime();

        // Trino, with the token the member still holds: the Ranger user store no longer puts them in the lab.
        await("the removal to reach Trino's user store")
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> deniedInTrino(held, "SELECT x FROM " + table));
        long revokedMs = (System.nanoTime() - start) / 1_000_000;

        String fresh = token(MEMBER);
        assertThat(claims(fresh).path("groups").toString()).doesNotContain("/labs/" + lab);
        assertThat(deniedInTrino(fresh, "SELECT x FROM " + table)).isTrue();
        assertThatThrownBy(() -> query(MEMBER, fresh, "CREATE TABLE " + table + "_2 AS SELECT 2 AS y"))
                .hasMessageContaining("Access Denied");

        // Spark: no more jobs for the lab.
        Response refused = post(
                fresh, "/api/v1/jobs", Map.of("lab", lab, "name", "after-removal", "statements", List.of("SELECT 1")));
        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        System.out.printf("membership removal visible in Trino (held token) after %d ms%n", revokedMs);
    }

    private boolean deniedInTrino(String token, String sql) {
        try {
            query(MEMBER, token, sql);
            return false;
        } catch (SQLException e) {
            return e.getMessage().contains("Access Denied");
        }
    }

    private JsonNode awaitTerminal(String token, String id) {
        JsonNode[] last = new JsonNode[1];
        await("job " + id)
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    last[0] = get(token, "/api/v1/jobs/" + id).json();
                    return List.of("SUCCEEDED", "FAILED", "CANCELLED")
                            .contains(last[0].path("state").asString(""));
                });
        return last[0];
    }

    private List<List<Object>> query(String user, String token, String sql) throws SQLException {
        try (Connection c = trino.connect(user, token);
                Statement s = c.createStatement()) {
            if (!s.execute(sql)) {
                return List.of();
            }
            try (ResultSet rs = s.getResultSet()) {
                int n = rs.getMetaData().getColumnCount();
                List<List<Object>> rows = new ArrayList<>();
                while (rs.next()) {
                    List<Object> row = new ArrayList<>(n);
                    for (int i = 1; i <= n; i++) {
                        row.add(rs.getObject(i));
                    }
                    rows.add(row);
                }
                return rows;
            }
        }
    }

    // --- tokens -------------------------------------------------------------------------------

    /** A password-grant token for a test user (passwords in deploy/keycloak/dev are test-only). */
    private String token(String user) {
        return accessToken(Map.of(
                "grant_type",
                "password",
                "client_id",
                "lakelab-test",
                "username",
                user,
                "password",
                user + "-test-only"));
    }

    private String provisionerToken() {
        return accessToken(Map.of(
                "grant_type", "client_credentials",
                "client_id", "lakelab-provisioner",
                "client_secret", keycloak.provisionerSecret()));
    }

    private String accessToken(Map<String, String> form) {
        HttpResponse<String> response =
                send(HttpRequest.newBuilder(URI.create(keycloak.issuer() + "/protocol/openid-connect/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form(form)))
                        .build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body()).path("access_token").asString();
    }

    /** The same claims and key id, signed by a key Keycloak never had. */
    private static String signedByAnotherKey(String token) {
        try {
            SignedJWT original = SignedJWT.parse(token);
            RSAKey key = new RSAKeyGenerator(2048)
                    .keyID(original.getHeader().getKeyID())
                    .generate();
            SignedJWT forged = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(key.getKeyID())
                            .build(),
                    original.getJWTClaimsSet());
            forged.sign(new RSASSASigner(key));
            return forged.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode claims(String token) {
        return json.readTree(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    // --- HTTP ---------------------------------------------------------------------------------

    record Response(int status, String body, JsonMapper mapper) {
        JsonNode json() {
            return mapper.readTree(body);
        }
    }

    private Response get(String token, String path) {
        return call(token, path, HttpRequest.Builder::GET);
    }

    private Response delete(String token, String path) {
        return call(token, path, HttpRequest.Builder::DELETE);
    }

    private Response post(String token, String path, Object body) {
        String payload = body == null ? "" : json.writeValueAsString(body);
        return call(
                token,
                path,
                b -> b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(payload)));
    }

    private Response call(String token, String path, java.util.function.UnaryOperator<HttpRequest.Builder> method) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = send(method.apply(builder).build());
        return new Response(response.statusCode(), response.body(), json);
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
