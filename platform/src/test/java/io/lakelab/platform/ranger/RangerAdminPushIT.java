package io.lakelab.platform.ranger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.lakelab.catalog.policy.PolicyJson;
import io.lakelab.catalog.policy.PolicyTarget;
import io.lakelab.platform.access.PolicyService;
import io.lakelab.platform.audit.AuditService;
import io.lakelab.platform.identity.CurrentUser;
import io.lakelab.platform.identity.Role;
import io.lakelab.platform.support.PlatformTestSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.ranger.plugin.model.RangerPolicy;
import org.apache.ranger.plugin.model.RangerService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The optional Ranger Admin push, against a fake Ranger Admin: an in-test HTTP server that
 * implements just the public REST v2 endpoints Ranger's own {@code RangerClient} calls, keeps the
 * JSON in memory and checks basic auth. No mocks: the real platform, the real RangerClient.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RangerAdminPushIT extends PlatformTestSupport {

    static final String USER = "ranger-admin";
    static final String PASSWORD = "s3cret-pw";
    static final FakeRangerAdmin FAKE = FakeRangerAdmin.start(USER, PASSWORD);
    static final String LAB = "rangerpush";

    @DynamicPropertySource
    static void rangerAdmin(DynamicPropertyRegistry registry) {
        registry.add("lakelab.ranger-admin.enabled", () -> "true");
        registry.add("lakelab.ranger-admin.url", FAKE::url);
        registry.add("lakelab.ranger-admin.username", () -> USER);
        registry.add("lakelab.ranger-admin.password", () -> PASSWORD);
    }

    @Autowired
    PolicyService policyService;

    @Autowired
    AuditService audit;

    @BeforeAll
    void labExists() {
        if (get("admin", "/api/v1/labs/" + LAB).status() == 404) {
            Response created = post(
                    "admin",
                    "/api/v1/labs",
                    Map.of(
                            "code",
                            LAB,
                            "nameZh",
                            "实验室 " + LAB,
                            "nameEn",
                            "Lab " + LAB,
                            "direction",
                            "LOW_CARBON",
                            "leadUnit",
                            "Lead Co.",
                            "coBuilders",
                            List.of()));
            assertThat(created.status()).as(created.body()).isIn(201, 409);
        }
    }

    @AfterAll
    void stopFake() {
        FAKE.server.stop(0);
    }

    String dataset() {
        String name = unique("rp_");
        Map<String, Object> body = new HashMap<>(Map.of(
                "name", name,
                "titleZh", "企业登记",
                "titleEn", "Enterprise registry",
                "kind", "SOCIAL",
                "provider", "Shanghai Big Data Center",
                "grade", "GENERAL",
                "columns",
                        List.of(
                                Map.of("name", "credit_code", "type", "string", "required", false),
                                Map.of("name", "name", "type", "string", "required", false),
                                Map.of("name", "region", "type", "string", "required", false),
                                Map.of("name", "capital", "type", "double", "required", false))));
        Response r = post("admin", "/api/v1/datasets", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return name;
    }

    long grant(String dataset) {
        Map<String, Object> body = new HashMap<>();
        body.put("lab", LAB);
        body.put("dataset", dataset);
        body.put("rowFilter", "region = 'Pudong'");
        body.put("masks", Map.of("name", "HASH"));
        Response r = post("admin", "/api/v1/grants", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    /** The comparable content of a policy: name, type, resources and every kind of item. */
    static String content(RangerPolicy p) {
        Map<String, Object> m = new TreeMap<>();
        m.put("name", p.getName());
        m.put("type", p.getPolicyType());
        m.put("resources", new TreeMap<>(p.getResources()));
        m.put("items", p.getPolicyItems());
        m.put("deny", p.getDenyPolicyItems());
        m.put("rowFilter", p.getRowFilterPolicyItems());
        m.put("mask", p.getDataMaskPolicyItems());
        m.put("validity", p.getValiditySchedules());
        m.put("enabled", p.getIsEnabled());
        return PolicyJson.write(m);
    }

    /** The fake holds exactly the compiled policies of every target. */
    void assertInSync() {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    for (PolicyTarget target : PolicyTarget.values()) {
                        Map<String, String> expected = new TreeMap<>();
                        for (RangerPolicy p : policyService.policies(target).getPolicies()) {
                            expected.put(p.getName(), content(p));
                        }
                        Map<String, String> actual = new TreeMap<>();
                        for (RangerPolicy p : FAKE.policiesOf(target.serviceName())) {
                            actual.put(p.getName(), content(p));
                        }
                        assertThat(actual).as(target.serviceName()).isEqualTo(expected);
                        RangerService service = FAKE.services.get(target.serviceName());
                        assertThat(service).isNotNull();
                        assertThat(service.getType()).isEqualTo(target.serviceType());
                    }
                });
    }

    @Test
    void pushesCompiledPoliciesOnStartupGrantAndRevoke() {
        FAKE.failing.set(false);
        // The startup push created both services (labs created since are pushed with the next grant change).
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(FAKE.services).containsKeys("lakelab_spark", "lakelab_trino"));

        long grantId = grant(dataset());
        assertInSync();
        assertThat(FAKE.policiesOf("lakelab_spark").stream().map(RangerPolicy::getName))
                .contains("grant-" + grantId + "-select", "grant-" + grantId + "-rowfilter");

        // A policy someone else made in Ranger Admin is left alone.
        RangerPolicy foreign = new RangerPolicy();
        foreign.setName("hand-made");
        foreign.setService("lakelab_spark");
        FAKE.store(foreign);

        Response revoked = delete("admin", "/api/v1/grants/" + grantId);
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(
                                FAKE.policiesOf("lakelab_spark").stream().map(RangerPolicy::getName))
                        .noneMatch(n -> n.startsWith("grant-" + grantId + "-"))
                        .contains("hand-made"));
        FAKE.policies.values().removeIf(p -> "hand-made".equals(p.getName()));
        assertInSync();

        // Ranger's own client made the calls, with basic auth.
        assertThat(FAKE.requests).anyMatch(r -> r.startsWith("GET /service/public/v2/api/service/name/"));
        assertThat(FAKE.requests).anyMatch(r -> r.startsWith("POST /service/public/v2/api/policy"));
        assertThat(FAKE.requests).anyMatch(r -> r.startsWith("PUT /service/public/v2/api/service/"));
        assertThat(FAKE.requests).anyMatch(r -> r.startsWith("DELETE /service/public/v2/api/policy/"));
        assertThat(FAKE.unauthorized.get()).isZero();
        System.out.println("Requests RangerClient made: "
                + FAKE.requests.stream()
                        .map(r -> r.replaceAll("/[^/ ]*\\d[^/ ]*$", "/{x}"))
                        .distinct()
                        .toList());
    }

    @Test
    void aFailingRangerAdminNeverBreaksGrantsAndIsAudited() {
        Instant before = Instant.now();
        FAKE.failing.set(true);
        try {
            String ds = dataset();
            Map<String, Object> body = Map.of("lab", LAB, "dataset", ds);
            Response r = post("admin", "/api/v1/grants", body);
            assertThat(r.status()).as(r.body()).isEqualTo(201);
            long id = r.json().get("id").asLong();
            CurrentUser admin =
                    new CurrentUser("test:admin", java.util.Set.of(Role.PLATFORM_ADMIN), java.util.Set.of());
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(
                                    audit.search(admin, RangerAdminPush.ACTOR, RangerAdminPush.ACTION, before, 100))
                            .anySatisfy(e -> {
                                assertThat(e.outcome()).isEqualTo(AuditService.Outcome.FAILED);
                                assertThat(String.valueOf(e.details().get("error")))
                                        .contains("500");
                                assertThat(String.valueOf(e.details())).doesNotContain(PASSWORD);
                            }));
            Response revoked = delete("admin", "/api/v1/grants/" + id);
            assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        } finally {
            FAKE.failing.set(false);
        }
        // Once Ranger Admin is back, the next change brings it in sync again.
        grant(dataset());
        assertInSync();
    }

    /** Just the Ranger Admin public REST v2 endpoints RangerClient calls, JSON kept in memory. */
    static final class FakeRangerAdmin {
        static final String BASE = "/service/public/v2/api";
        static final Pattern SERVICE_BY_NAME = Pattern.compile(BASE + "/service/name/([^/]+)");
        static final Pattern POLICY_BY_NAME = Pattern.compile(BASE + "/service/([^/]+)/policy/([^/]+)");
        static final Pattern POLICIES_IN_SERVICE = Pattern.compile(BASE + "/service/([^/]+)/policy/?");
        static final Pattern POLICY_BY_ID = Pattern.compile(BASE + "/policy/(\\d+)");

        final HttpServer server;
        final String expectedAuth;
        final Map<String, RangerService> services = new ConcurrentHashMap<>();
        final Map<Long, RangerPolicy> policies = new ConcurrentHashMap<>();
        final List<String> requests = new CopyOnWriteArrayList<>();
        final AtomicLong ids = new AtomicLong(100);
        final AtomicLong unauthorized = new AtomicLong();
        final AtomicBoolean failing = new AtomicBoolean();

        private FakeRangerAdmin(HttpServer server, String user, String password) {
            this.server = server;
            this.expectedAuth = "Basic "
                    + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        }

        static FakeRangerAdmin start(String user, String password) {
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
                FakeRangerAdmin fake = new FakeRangerAdmin(server, user, password);
                server.createContext("/", fake::handle);
                server.start();
                return fake;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        List<RangerPolicy> policiesOf(String service) {
            List<RangerPolicy> out = new ArrayList<>();
            for (RangerPolicy p : policies.values()) {
                if (service.equals(p.getService())) {
                    out.add(p);
                }
            }
            return out;
        }

        RangerPolicy store(RangerPolicy p) {
            p.setId(ids.incrementAndGet());
            policies.put(p.getId(), p);
            return p;
        }

        RangerPolicy byName(String service, String name) {
            return policiesOf(service).stream()
                    .filter(p -> name.equals(p.getName()))
                    .findFirst()
                    .orElse(null);
        }

        void handle(HttpExchange ex) throws IOException {
            String path = URLDecoder.decode(ex.getRequestURI().getRawPath(), StandardCharsets.UTF_8);
            String method = ex.getRequestMethod();
            requests.add(method + " " + path);
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            try {
                if (!expectedAuth.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                    unauthorized.incrementAndGet();
                    respond(ex, 401, "{\"msgDesc\":\"Authentication required\"}");
                    return;
                }
                if (failing.get()) {
                    respond(ex, 500, "{\"msgDesc\":\"fake Ranger Admin is down\"}");
                    return;
                }
                Matcher m;
                if ((m = SERVICE_BY_NAME.matcher(path)).matches() && method.equals("GET")) {
                    RangerService s = services.get(m.group(1));
                    respond(ex, s == null ? 404 : 200, s == null ? notFound() : PolicyJson.write(s));
                } else if (path.equals(BASE + "/service") && method.equals("POST")) {
                    RangerService s = PolicyJson.read(body, RangerService.class);
                    s.setId(ids.incrementAndGet());
                    services.put(s.getName(), s);
                    respond(ex, 200, PolicyJson.write(s));
                } else if ((m = POLICY_BY_NAME.matcher(path)).matches()) {
                    RangerPolicy existing = byName(m.group(1), m.group(2));
                    if (existing == null) {
                        respond(ex, 404, notFound());
                    } else if (method.equals("GET")) {
                        respond(ex, 200, PolicyJson.write(existing));
                    } else if (method.equals("PUT")) {
                        RangerPolicy p = PolicyJson.read(body, RangerPolicy.class);
                        p.setId(existing.getId());
                        policies.put(p.getId(), p);
                        respond(ex, 200, PolicyJson.write(p));
                    } else {
                        respond(ex, 405, "{}");
                    }
                } else if ((m = POLICIES_IN_SERVICE.matcher(path)).matches() && method.equals("GET")) {
                    respond(ex, 200, PolicyJson.write(policiesOf(m.group(1))));
                } else if (path.equals(BASE + "/policy") && method.equals("POST")) {
                    RangerPolicy p = PolicyJson.read(body, RangerPolicy.class);
                    if (byName(p.getService(), p.getName()) != null) {
                        respond(ex, 400, "{\"msgDesc\":\"policy name already exists\"}");
                        return;
                    }
                    respond(ex, 200, PolicyJson.write(store(p)));
                } else if ((m = POLICY_BY_ID.matcher(path)).matches()) {
                    long id = Long.parseLong(m.group(1));
                    RangerPolicy p = policies.get(id);
                    if (p == null) {
                        respond(ex, 404, notFound());
                    } else if (method.equals("DELETE")) {
                        policies.remove(id);
                        respond(ex, 204, null);
                    } else if (method.equals("GET")) {
                        respond(ex, 200, PolicyJson.write(p));
                    } else {
                        respond(ex, 405, "{}");
                    }
                } else {
                    respond(ex, 404, notFound());
                }
            } catch (RuntimeException e) {
                respond(ex, 500, "{\"msgDesc\":\"" + e + "\"}");
            }
        }

        static String notFound() {
            return "{\"statusCode\":1,\"msgDesc\":\"Not found\"}";
        }

        static void respond(HttpExchange ex, int status, String body) throws IOException {
            if (body == null) {
                ex.sendResponseHeaders(status, -1);
                ex.close();
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(status, bytes.length);
            ex.getResponseBody().write(bytes);
            ex.close();
        }
    }
}
