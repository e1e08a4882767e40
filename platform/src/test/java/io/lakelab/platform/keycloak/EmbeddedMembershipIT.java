package io.lakelab.platform.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakelab.platform.identity.TokenCommand;
import io.lakelab.platform.identity.UserCommand;
import io.lakelab.platform.support.PlatformTestSupport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Membership with the embedded issuer (no Keycloak): the demo users are seeded into the platform
 * database, administrators create users (API and {@code ./lakelab user add}) and add or remove lab
 * members through the member endpoints; a change reaches the member's next token ({@code groups})
 * and the Ranger user store at once. Every change is audited, never with a secret.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedMembershipIT extends PlatformTestSupport {

    private static final String USER_STORE = "/service/xusers/download/lakelab_trino?lastKnownUserStoreVersion=-1";

    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    void labExists() {
        if (get("admin", "/api/v1/labs/lowcarbon").status() == 404) {
            assertThat(post("admin", "/api/v1/labs", KeycloakIT.labRequest("lowcarbon"))
                            .status())
                    .isEqualTo(201);
        }
    }

    @Test
    void theDemoUsersAreSeededWithTheirConfiguredLabs() {
        Response members = get("alice", "/api/v1/labs/lowcarbon/members");
        assertThat(members.status()).isEqualTo(200);
        assertThat(members.json().findValuesAsString("username")).containsExactly("alice", "bob");
        assertThat(get("eve", "/api/v1/labs/lowcarbon/members").status()).isEqualTo(403);
        Response users = get("admin", "/api/v1/users");
        assertThat(users.status()).as(users.body()).isEqualTo(200);
        JsonNode bob = user(users.json(), "bob");
        assertThat(bob.get("roles").toString()).isEqualTo("[\"analyst\"]");
        assertThat(bob.get("labs").toString()).isEqualTo("[\"lowcarbon\"]");
        assertThat(bob.get("createdBy").asString()).isEqualTo("system:demo-users");
        assertThat(claims(token("eve")).get("groups").toString()).isEqualTo("[\"/labs/shipping\"]");
    }

    @Test
    void anAdminCreatesAUserWhoseMembershipFollowsTheMemberEndpoints() {
        String lab = newLab();
        String name = unique("ana");
        Response created = post("admin", "/api/v1/users", Map.of("username", name, "roles", List.of("analyst")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String secret = created.json().get("clientSecret").asString();
        assertThat(secret).hasSizeGreaterThanOrEqualTo(32);
        assertThat(created.json().get("tokenPath").asString()).isEqualTo("/oauth2/token");
        // Stored only hashed.
        String stored = jdbc.sql("SELECT secret_hash FROM embedded_users WHERE username = ?")
                .param(name)
                .query(String.class)
                .single();
        assertThat(stored).startsWith("{bcrypt}").doesNotContain(secret);

        String before = tokenWith(name, secret);
        assertThat(claims(before).get("realm_access").get("roles").toString()).isEqualTo("[\"analyst\"]");
        assertThat(claims(before).get("groups")).isEmpty();
        assertThat(getWith(before, "/api/v1/labs/" + lab).status()).isEqualTo(403);
        long storeVersion = userStoreVersion();

        assertThat(post("admin", "/api/v1/labs/" + lab + "/members/" + name, "").status())
                .isEqualTo(204);
        String member = tokenWith(name, secret);
        assertThat(claims(member).get("groups").toString()).isEqualTo("[\"/labs/" + lab + "\"]");
        assertThat(getWith(member, "/api/v1/labs/" + lab).status()).isEqualTo(200);
        assertThat(get("admin", "/api/v1/labs/" + lab + "/members").json().findValuesAsString("username"))
                .containsExactly(name);
        Response store = get("admin", USER_STORE);
        assertThat(store.json().get("userGroupMapping").get(name).toString()).isEqualTo("[\"lab_" + lab + "\"]");
        assertThat(store.json().get("userStoreVersion").asLong()).isGreaterThan(storeVersion);

        assertThat(delete("admin", "/api/v1/labs/" + lab + "/members/" + name).status())
                .isEqualTo(204);
        String removed = tokenWith(name, secret);
        assertThat(claims(removed).get("groups")).isEmpty();
        Response refused = getWith(removed, "/api/v1/labs/" + lab);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("detail").asString()).contains("only members of that lab may");
        assertThat(get("admin", USER_STORE).json().get("userGroupMapping").has(name))
                .isFalse();
        Response again = delete("admin", "/api/v1/labs/" + lab + "/members/" + name);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.json().get("detail").asString()).contains(name + " is not a member of lab " + lab);

        String creations =
                get("admin", "/api/v1/audit?action=user.create&limit=1000").body();
        assertThat(creations).contains("\"user:" + name + "\"").doesNotContain(secret);
        String changes =
                get("admin", "/api/v1/audit?action=lab.member.&limit=1000").body();
        assertThat(changes)
                .contains("lab.member.add")
                .contains("lab.member.remove")
                .contains("\"member\":\"" + name + "\"");
    }

    @Test
    void aUserCreatedWithLabsIsAMemberAtOnce() {
        String lab = newLab();
        String name = unique("eng");
        Response created = post(
                "admin",
                "/api/v1/users",
                Map.of("username", name, "roles", List.of("lab-engineer", "analyst"), "labs", List.of(lab)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("labs").toString()).isEqualTo("[\"" + lab + "\"]");
        assertThat(created.body()).doesNotContain("secret_hash").doesNotContain("bcrypt");
        String token = tokenWith(name, created.json().get("clientSecret").asString());
        assertThat(getWith(token, "/api/v1/labs/" + lab + "/members").status()).isEqualTo(200);
        JsonNode listed = user(get("admin", "/api/v1/users").json(), name);
        assertThat(listed.get("roles").toString()).isEqualTo("[\"analyst\",\"lab-engineer\"]");
        assertThat(listed.get("createdBy").asString()).isEqualTo("admin");
        assertThat(listed.has("clientSecret")).isFalse();
    }

    @Test
    void userAdministrationIsForAdminsAndSaysWhatWasWrong() {
        String lab = newLab();
        Map<String, Object> valid = Map.of("username", unique("x"), "roles", List.of("analyst"));
        Response notAdmin = post("alice", "/api/v1/users", valid);
        assertThat(notAdmin.status()).isEqualTo(403);
        assertThat(notAdmin.json().get("detail").asString()).contains("create and list users");
        assertThat(get("bob", "/api/v1/users").status()).isEqualTo(403);

        assertThat(problem(Map.of("username", "Bad Name", "roles", List.of("analyst"))))
                .isEqualTo("400 'Bad Name' is not a valid user name: use 1-100 lower-case letters, digits, '.', '_',"
                        + " '@' or '-', starting with a letter or digit.");
        assertThat(problem(Map.of("username", unique("x"), "roles", List.of("superuser"))))
                .isEqualTo("400 'superuser' is not a role: use one of platform-admin, lab-engineer, analyst,"
                        + " reviewer.");
        assertThat(problem(Map.of("username", unique("x"), "roles", List.of())))
                .startsWith("400 A user needs at least one role");
        assertThat(problem(Map.of("username", unique("x"), "roles", List.of("analyst"), "labs", List.of("nolab"))))
                .startsWith("404 ")
                .contains("nolab");
        assertThat(problem(Map.of("username", "bob", "roles", List.of("analyst"))))
                .isEqualTo("409 User 'bob' exists already: GET /api/v1/users lists the users; choose another name.");

        Response unknown = post("admin", "/api/v1/labs/" + lab + "/members/nobody" + unique(""), "");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("detail").asString())
                .contains("create it first")
                .contains("./lakelab user add");
        assertThat(post("alice", "/api/v1/labs/" + lab + "/members/eve", "").status())
                .isEqualTo(403);
        String audit =
                get("admin", "/api/v1/audit?action=user.create&limit=1000").body();
        assertThat(audit).contains("FAILED").contains("superuser");
        assertThat(get("admin", "/api/v1/audit?action=authz.manage_users&limit=1000")
                        .body())
                .contains("DENIED")
                .contains("alice");
    }

    @Test
    void theCommandLineAddsAUserAndGetsTheirToken() throws IOException {
        String lab = newLab();
        String name = unique("cli");
        Run add = cli(true, "add", name, "--role", "analyst", "--lab", lab);
        assertThat(add.code()).as(add.err()).isZero();
        assertThat(add.out())
                .contains("Created user " + name + " (roles analyst; labs " + lab + ")")
                .contains("./lakelab token " + name);
        var file = HOME.resolve("user-credentials.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        String secret =
                json.readTree(Files.readString(file)).path("clients").path(name).asString();
        assertThat(add.out()).doesNotContain(secret);

        Run token = cli(false, name);
        assertThat(token.code()).as(token.err()).isZero();
        String jwt = token.out().strip();
        assertThat(claims(jwt).get("groups").toString()).isEqualTo("[\"/labs/" + lab + "\"]");
        assertThat(getWith(jwt, "/api/v1/labs/" + lab).status()).isEqualTo(200);

        Run list = cli(true, "list");
        assertThat(list.code()).as(list.err()).isZero();
        assertThat(list.out()).contains(name).contains("system:demo-users");

        Run taken = cli(true, "add", name, "--role", "analyst");
        assertThat(taken.code()).isEqualTo(1);
        assertThat(taken.err()).contains("HTTP 409").contains("exists already");
        Run unknown = cli(false, "nobody");
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err())
                .contains("Unknown user 'nobody'")
                .contains(name)
                .contains("alice");
        Run usage = cli(true, "add", name);
        assertThat(usage.code()).isEqualTo(2);
        assertThat(usage.err()).contains("Give at least one --role");
    }

    private record Run(int code, String out, String err) {}

    private Run cli(boolean user, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            int code = user ? UserCommand.run(List.of(args), HOME, o, e) : TokenCommand.run(List.of(args), HOME, o, e);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }

    private String problem(Map<String, Object> request) {
        Response r = post("admin", "/api/v1/users", request);
        return r.status() + " " + r.json().get("detail").asString();
    }

    private String newLab() {
        String code = unique("m");
        Response created = post("admin", "/api/v1/labs", KeycloakIT.labRequest(code));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return code;
    }

    private long userStoreVersion() {
        return get("admin", USER_STORE).json().get("userStoreVersion").asLong();
    }

    private String tokenWith(String user, String secret) {
        String basic = Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
        Response r = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/oauth2/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("access_token").asString();
    }

    private Response getWith(String token, String path) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build());
    }

    private JsonNode claims(String jwt) {
        return json.readTree(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    private static JsonNode user(JsonNode users, String name) {
        List<JsonNode> found = new ArrayList<>();
        users.forEach(u -> {
            if (u.get("username").asString().equals(name)) {
                found.add(u);
            }
        });
        assertThat(found).as(users.toString()).hasSize(1);
        return found.get(0);
    }
}
