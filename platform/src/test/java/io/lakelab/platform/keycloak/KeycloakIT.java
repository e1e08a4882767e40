package io.lakelab.platform.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.lakelab.platform.identity.DeviceLogin;
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
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform against a real Keycloak 26 with the LakeLab realm: tokens validated for signature,
 * expiry, issuer and audience; roles and lab membership from the token; labs provisioned as Keycloak
 * groups; members added and removed through the API, taking effect with the member's next token;
 * and the CLI's device login.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class KeycloakIT {

    private static KeycloakServer keycloak;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    private String lab;
    private String otherLab;

    @DynamicPropertySource
    static synchronized void keycloakProperties(DynamicPropertyRegistry registry) throws IOException {
        if (keycloak == null) {
            keycloak = KeycloakServer.start();
        }
        Path home = Files.createTempDirectory("lakelab-keycloak-it-");
        registry.add("lakelab.storage.home", home::toString);
        registry.add("server.port", () -> "0");
        registry.add("lakelab.identity.issuer-uri", keycloak::issuer);
        // Keycloak and the platform share a clock here: a short skew lets the expiry test take seconds.
        registry.add("lakelab.identity.clock-skew", () -> "1s");
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
    void labsExist() {
        lab = "kc" + Long.toString(System.nanoTime(), 36).substring(0, 6);
        otherLab = lab + "x";
        for (String code : List.of(lab, otherLab)) {
            Response created = post(token("admin"), "/api/v1/labs", labRequest(code));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
        }
    }

    @Test
    void creatingALabCreatesItsKeycloakGroup() {
        HttpResponse<String> group = send(HttpRequest.newBuilder(
                        URI.create(keycloak.serverUrl() + "/admin/realms/lakelab/group-by-path/labs/" + lab))
                .header("Authorization", "Bearer " + provisionerToken())
                .build());
        assertThat(group.statusCode()).isEqualTo(200);
        assertThat(json.readTree(group.body()).path("path").asString()).isEqualTo("/labs/" + lab);
        assertThat(get(token("admin"), "/api/v1/labs/" + lab + "/members").body())
                .isEqualTo("[]");
        assertThat(get(token("admin"), "/api/v1/audit?action=lab.group.create").body())
                .contains("/labs/" + lab)
                .contains("SUCCEEDED");
    }

    @Test
    void tokensWithoutValidSignatureAudienceOrExpiryAreRefused() {
        assertThat(get(null, "/api/v1/labs").status()).isEqualTo(401);
        assertThat(get(token("admin"), "/api/v1/labs").status()).isEqualTo(200);

        // The provisioner's own token: right issuer and signature, but not meant for lakelab-api.
        Response wrongAudience = get(provisionerToken(), "/api/v1/labs");
        assertThat(wrongAudience.status()).isEqualTo(401);
        assertThat(wrongAudience.body()).contains("lakelab-api");

        String[] parts = token("bob").split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String promoted = claims.replace("\"analyst\"", "\"platform-admin\"");
        assertThat(promoted).isNotEqualTo(claims);
        String tampered = parts[0] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(promoted.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
        assertThat(get(tampered, "/api/v1/audit").status()).isEqualTo(401);

        assertThat(get(signedByAnotherKey(token("admin")), "/api/v1/labs").status())
                .isEqualTo(401);

        String shortLived = password("lakelab-test-short", "alice");
        assertThat(get(shortLived, "/api/v1/labs").status()).isEqualTo(200);
        await("the 2 s token to expire (1 s clock skew)")
                .atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> get(shortLived, "/api/v1/labs").status() == 401);
        assertThat(get(shortLived, "/api/v1/labs").body()).contains("expired");
    }

    @Test
    void rolesComeFromTheRealm() {
        assertThat(post(token("bob"), "/api/v1/labs", labRequest("kcdenied")).status())
                .isEqualTo(403);
        Response engineer = post(token("alice"), "/api/v1/labs/" + lab + "/members/eve", null);
        assertThat(engineer.status()).isEqualTo(403);
        assertThat(engineer.body()).contains("platform-admin");
        assertThat(get(token("rita"), "/api/v1/labs/" + lab).status()).isEqualTo(200);
        assertThat(get(token("bob"), "/api/v1/audit").status()).isEqualTo(403);
    }

    @Test
    void usersAreCreatedInKeycloakNotThroughTheApi() {
        Response create =
                post(token("admin"), "/api/v1/users", Map.of("username", "kcnew", "roles", List.of("analyst")));
        assertThat(create.status()).as(create.body()).isEqualTo(409);
        assertThat(create.json().get("detail").asString()).contains("Users are managed in Keycloak");
        assertThat(get(token("admin"), "/api/v1/users").status()).isEqualTo(409);
        assertThat(post(token("alice"), "/api/v1/users", Map.of("username", "kcnew"))
                        .status())
                .isEqualTo(403);
    }

    @Test
    void addingAndRemovingAMemberChangesAccessWithTheNextToken() {
        String before = token("eve");
        assertThat(get(before, "/api/v1/labs/" + lab).status()).isEqualTo(403);

        assertThat(post(token("admin"), "/api/v1/labs/" + lab + "/members/eve", null)
                        .status())
                .isEqualTo(204);
        assertThat(post(token("admin"), "/api/v1/labs/" + lab + "/members/eve", null)
                        .status())
                .as("adding twice")
                .isEqualTo(204);
        assertThat(get(token("admin"), "/api/v1/labs/" + lab + "/members")
                        .json()
                        .toString())
                .contains("\"eve\"");
        assertThat(get(before, "/api/v1/labs/" + lab).status())
                .as("a token issued before the change")
                .isEqualTo(403);

        String member = token("eve");
        assertThat(claims(member).path("groups").toString()).contains("/labs/" + lab);
        assertThat(get(member, "/api/v1/labs/" + lab).status()).isEqualTo(200);
        assertThat(get(member, "/api/v1/labs/" + otherLab).status()).isEqualTo(403);
        List<String> visible = codes(get(member, "/api/v1/labs"));
        assertThat(visible).contains(lab).doesNotContain(otherLab);
        assertThat(get(member, "/api/v1/labs/" + lab + "/members").status()).isEqualTo(200);
        // Spark jobs are submitted and read only through the API, behind the same membership check.
        assertThat(get(member, "/api/v1/jobs?lab=" + lab).status()).isEqualTo(200);

        assertThat(delete(token("admin"), "/api/v1/labs/" + lab + "/members/eve")
                        .status())
                .isEqualTo(204);
        String removed = token("eve");
        assertThat(claims(removed).path("groups").toString()).doesNotContain("/labs/" + lab);
        assertThat(get(removed, "/api/v1/labs/" + lab).status()).isEqualTo(403);
        assertThat(codes(get(removed, "/api/v1/labs"))).doesNotContain(lab);
        assertThat(get(removed, "/api/v1/jobs?lab=" + lab).status()).isEqualTo(403);

        Response again = delete(token("admin"), "/api/v1/labs/" + lab + "/members/eve");
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.body()).contains("not a member");

        String audit = get(token("admin"), "/api/v1/audit?action=lab.member").body();
        assertThat(audit)
                .contains("lab.member.add")
                .contains("lab.member.remove")
                .contains("\"eve\"");
    }

    @Test
    void unknownUsersAndLabsAreReportedClearly() {
        Response nobody = post(token("admin"), "/api/v1/labs/" + lab + "/members/nobody", null);
        assertThat(nobody.status()).isEqualTo(404);
        assertThat(nobody.body()).contains("No user 'nobody'");
        Response noLab = post(token("admin"), "/api/v1/labs/nosuchlab/members/eve", null);
        assertThat(noLab.status()).isEqualTo(404);
        Response badName = post(token("admin"), "/api/v1/labs/" + lab + "/members/Bad%20Name", null);
        assertThat(badName.status()).isEqualTo(400);
        assertThat(badName.body()).contains("not a valid user name");
    }

    @Test
    void deviceLoginOfTheCliYieldsATokenTheApiAccepts() {
        DeviceLogin login = new DeviceLogin(keycloak.issuer(), "lakelab-cli", HTTP);
        DeviceLogin.DeviceCode code = login.start();
        assertThat(code.userCode()).isNotBlank();
        approveInBrowser(code.verificationUriComplete(), "rita", "rita-test-only");
        int[] polls = {0};
        DeviceLogin.Tokens tokens = login.await(code, interval -> {
            if (++polls[0] > 10) {
                throw new AssertionError("the device login was not approved after 10 polls");
            }
        });
        assertThat(claims(tokens.accessToken()).path("preferred_username").asString())
                .isEqualTo("rita");
        assertThat(get(tokens.accessToken(), "/api/v1/labs/" + lab).status()).isEqualTo(200);
        assertThat(tokens.refreshToken()).isNotBlank();
        assertThat(get(login.refresh(tokens.refreshToken()).accessToken(), "/api/v1/labs")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aRotatedSigningKeyIsPickedUpWithoutRestart() {
        String before = token("rita");
        assertThat(get(before, "/api/v1/labs").status()).isEqualTo(200);

        String admin = adminToken();
        String realmId = json.readTree(
                        send(HttpRequest.newBuilder(URI.create(keycloak.serverUrl() + "/admin/realms/lakelab"))
                                        .header("Authorization", "Bearer " + admin)
                                        .build())
                                .body())
                .path("id")
                .asString();
        Map<String, Object> key = Map.of(
                "name",
                "rotated-" + System.nanoTime(),
                "providerId",
                "rsa-generated",
                "providerType",
                "org.keycloak.keys.KeyProvider",
                "parentId",
                realmId,
                "config",
                Map.of("priority", List.of("1000"), "keySize", List.of("2048"), "algorithm", List.of("RS256")));
        HttpResponse<String> created =
                send(HttpRequest.newBuilder(URI.create(keycloak.serverUrl() + "/admin/realms/lakelab/components"))
                        .header("Authorization", "Bearer " + admin)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(key)))
                        .build());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        String after = token("rita");
        assertThat(header(after, "kid")).isNotEqualTo(header(before, "kid"));
        assertThat(get(after, "/api/v1/labs").status())
                .as("a token signed with the new key")
                .isEqualTo(200);
        assertThat(get(before, "/api/v1/labs").status())
                .as("the old key is still published")
                .isEqualTo(200);
    }

    private String header(String token, String name) {
        String encoded = token.substring(0, token.indexOf('.'));
        return json.readTree(new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8))
                .path(name)
                .asString();
    }

    private static String adminToken() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(
                        URI.create(keycloak.serverUrl() + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of(
                        "grant_type",
                        "password",
                        "client_id",
                        "admin-cli",
                        "username",
                        KeycloakServer.ADMIN,
                        "password",
                        keycloak.adminPassword()))))
                .build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JsonMapper.builder()
                .build()
                .readTree(response.body())
                .path("access_token")
                .asString();
    }

    /**
     * What a user does in the browser: open the verification link, log in with their password.
     * Cookies are kept by hand: Keycloak marks them Secure, which the JDK's CookieManager will not
     * send over plain http (browsers treat 127.0.0.1 as a secure context and do).
     */
    private void approveInBrowser(String verificationUri, String user, String password) {
        Map<String, String> cookies = new java.util.LinkedHashMap<>();
        HttpResponse<String> login = browse(HttpRequest.newBuilder(URI.create(verificationUri)), cookies);
        Map<String, String> credentials = new java.util.LinkedHashMap<>(hiddenFields(login.body()));
        credentials.putAll(Map.of("username", user, "password", password, "credentialId", ""));
        HttpResponse<String> consent = submit(login, credentials, cookies);
        // Keycloak always asks for consent in the device flow, whatever the client's consent setting.
        assertThat(consent.body()).as(consent.body()).contains("name=\"accept\"");
        Map<String, String> grant = new java.util.LinkedHashMap<>(hiddenFields(consent.body()));
        grant.put("accept", "Yes");
        HttpResponse<String> done = submit(consent, grant, cookies);
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(done.body()).doesNotContain("kc-error-message");
    }

    private static HttpResponse<String> submit(
            HttpResponse<String> page, Map<String, String> fields, Map<String, String> cookies) {
        Matcher form = Pattern.compile("<form[^>]*action=\"([^\"]+)\"").matcher(page.body());
        assertThat(form.find()).as("a form in\n" + page.body()).isTrue();
        URI action = page.uri().resolve(form.group(1).replace("&amp;", "&"));
        return browse(
                HttpRequest.newBuilder(action)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form(fields))),
                cookies);
    }

    private static Map<String, String> hiddenFields(String html) {
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        Matcher input = Pattern.compile("<input[^>]*type=\"hidden\"[^>]*>").matcher(html);
        while (input.find()) {
            Matcher name = Pattern.compile("name=\"([^\"]*)\"").matcher(input.group());
            Matcher value = Pattern.compile("value=\"([^\"]*)\"").matcher(input.group());
            if (name.find()) {
                fields.put(name.group(1), value.find() ? value.group(1) : "");
            }
        }
        return fields;
    }

    private static HttpResponse<String> browse(HttpRequest.Builder request, Map<String, String> cookies) {
        for (int hops = 0; hops < 10; hops++) {
            if (!cookies.isEmpty()) {
                request.header(
                        "Cookie",
                        cookies.entrySet().stream()
                                .map(c -> c.getKey() + "=" + c.getValue())
                                .collect(Collectors.joining("; ")));
            }
            HttpRequest sent = request.build();
            HttpResponse<String> response = send(sent);
            for (String header : response.headers().allValues("Set-Cookie")) {
                String pair = header.split(";", 2)[0];
                int eq = pair.indexOf('=');
                cookies.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
            if (response.statusCode() / 100 != 3) {
                return response;
            }
            URI next =
                    sent.uri().resolve(response.headers().firstValue("Location").orElseThrow());
            request = HttpRequest.newBuilder(next);
        }
        throw new IllegalStateException("too many redirects");
    }

    // --- tokens -------------------------------------------------------------------------------

    private static String token(String user) {
        return password("lakelab-test", user);
    }

    /** A password-grant token for a test user (passwords in deploy/keycloak/dev are test-only). */
    private static String password(String clientId, String user) {
        HttpResponse<String> response =
                send(HttpRequest.newBuilder(URI.create(keycloak.issuer() + "/protocol/openid-connect/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form(Map.of(
                                "grant_type",
                                "password",
                                "client_id",
                                clientId,
                                "username",
                                user,
                                "password",
                                user + "-test-only"))))
                        .build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JsonMapper.builder()
                .build()
                .readTree(response.body())
                .path("access_token")
                .asString();
    }

    private static String provisionerToken() {
        HttpResponse<String> response =
                send(HttpRequest.newBuilder(URI.create(keycloak.issuer() + "/protocol/openid-connect/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form(Map.of(
                                "grant_type", "client_credentials",
                                "client_id", "lakelab-provisioner",
                                "client_secret", keycloak.provisionerSecret()))))
                        .build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JsonMapper.builder()
                .build()
                .readTree(response.body())
                .path("access_token")
                .asString();
    }

    /** The same claims and key id, signed by a key Keycloak never had. */
    private static String signedByAnotherKey(String token) {
        try {
            SignedJWT original = SignedJWT.parse(token);
            RSAKey key = new RSAKeyGenerator(2048)
                    .keyID(original.getHeader().getKeyID())
                    .generate();
            JWTClaimsSet claims = original.getJWTClaimsSet();
            SignedJWT forged = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(key.getKeyID())
                            .build(),
                    claims);
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

    private List<String> codes(Response labs) {
        assertThat(labs.status()).isEqualTo(200);
        return labs.json().valueStream().map(l -> l.path("code").asString()).toList();
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

    static Map<String, Object> labRequest(String code) {
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
                List.of());
    }
}
