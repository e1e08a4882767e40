package io.lakelab.platform.trino;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakelab.catalog.ColumnSpec;
import io.lakelab.catalog.demo.DemoDataset;
import io.lakelab.catalog.demo.DemoScenario;
import io.lakelab.platform.identity.DemoUserDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base of the Trino integration tests: the platform with {@code lakelab.trino.enabled=true} in its
 * own LakeLab home (its own embedded PostgreSQL, so it never shares a data directory with the other
 * ITs' context). Every Trino test class extends this and changes no property, so Spring's context
 * cache holds ONE platform and ONE Trino process for the whole test run. The fixture, set up once
 * through the public API on the demo data (200 enterprises):
 * <ul>
 *   <li>lab {@code lowcarbon} (alice, bob): {@code enterprise_registry} without {@code
 *       registered_capital}, {@code credit_code} hashed; {@code energy_consumption} rows from July
 *       2025 on, {@code credit_code} hashed; {@code emission_factors} whole.
 *   <li>lab {@code shipping} (eve): {@code energy_consumption} and {@code enterprise_registry} whole;
 *       no {@code emission_factors}.
 * </ul>
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"lakelab.trino.enabled=true", "server.port=0"})
abstract class TrinoTestSupport {

    static final DemoScenario SCENARIO = new DemoScenario(200, 2025L);
    static final String FILTER = "month >= DATE '2025-07-01'";
    static final Path HOME;
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static boolean fixtureReady;

    static {
        try {
            HOME = Files.createTempDirectory("lakelab-trino-it-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Autowired
    TrinoServer trino;

    @Autowired
    private DemoUserDirectory demoUsers;

    @DynamicPropertySource
    static void trinoProperties(DynamicPropertyRegistry registry) {
        registry.add("lakelab.storage.home", HOME::toString);
    }

    /** The fixture (idempotent, once per JVM) and a started Trino. */
    void ensureFixture() {
        synchronized (TrinoTestSupport.class) {
            if (!fixtureReady) {
                createFixture();
                fixtureReady = true;
            }
        }
        trino.awaitReady(Duration.ofMinutes(4));
    }

    /** Creates a lab like the demo's (its names suffixed with the code) as the administrator. */
    protected Response createLab(String lab) {
        var def = SCENARIO.lab();
        return post(
                "admin",
                "/api/v1/labs",
                Map.of(
                        "code",
                        lab,
                        "nameZh",
                        def.nameZh() + lab,
                        "nameEn",
                        def.nameEn() + " " + lab,
                        "direction",
                        def.direction(),
                        "leadUnit",
                        def.leadUnit(),
                        "coBuilders",
                        def.coBuilders()));
    }

    private void createFixture() {
        for (String lab : List.of("lowcarbon", "shipping")) {
            Response created = createLab(lab);
            assertThat(created.status()).as(created.body()).isIn(201, 409);
        }
        Path dir;
        try {
            dir = Files.createTempDirectory("trino-demo-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SCENARIO.writeFiles(dir);
        for (DemoDataset d : SCENARIO.datasets()) {
            Response registered = post("admin", "/api/v1/datasets", register(d));
            assertThat(registered.status()).as(registered.body()).isIn(201, 409);
            Response ingested = upload(
                    "admin",
                    "/api/v1/datasets/" + d.name().value() + "/ingestions?mode=REPLACE",
                    dir.resolve(d.fileName()));
            assertThat(ingested.status()).as(ingested.body()).isEqualTo(201);
        }
        grant(
                "lowcarbon",
                DemoScenario.ENTERPRISE_REGISTRY,
                List.of("credit_code", "name", "district", "industry_code"),
                null,
                Map.of("credit_code", "HASH"));
        grant("lowcarbon", DemoScenario.ENERGY_CONSUMPTION, List.of(), FILTER, Map.of("credit_code", "HASH"));
        grant("lowcarbon", DemoScenario.EMISSION_FACTORS, List.of(), null, Map.of());
        grant("shipping", DemoScenario.ENERGY_CONSUMPTION, List.of(), null, Map.of());
        grant("shipping", DemoScenario.ENTERPRISE_REGISTRY, List.of(), null, Map.of());
    }

    long grant(String lab, String dataset, List<String> columns, String rowFilter, Map<String, String> masks) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("lab", lab);
        request.put("dataset", dataset);
        request.put("purpose", "Trino integration test");
        request.put("columns", columns);
        if (rowFilter != null) {
            request.put("rowFilter", rowFilter);
        }
        request.put("masks", masks);
        Response granted = post("admin", "/api/v1/grants", request);
        assertThat(granted.status()).as(granted.body()).isEqualTo(201);
        return granted.json().get("id").asLong();
    }

    /** A JDBC connection to Trino as {@code user} with their bearer token. */
    Connection trinoAs(String user) throws SQLException {
        return trino.connect(user, token(user));
    }

    /** All rows of {@code sql} as {@code user}, each row as a list of JDBC objects. */
    List<List<Object>> query(String user, String sql) throws SQLException {
        try (Connection c = trinoAs(user);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
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

    /** Runs a statement that is not a query (DDL, CTAS) as {@code user}. */
    void execute(String user, String sql) throws SQLException {
        try (Connection c = trinoAs(user);
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    String token(String user) {
        return TOKENS.computeIfAbsent(user + "@" + port, k -> fetchToken(user));
    }

    private String fetchToken(String user) {
        String secret = demoUsers.secrets().get(user);
        String basic = Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
        Response r = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/oauth2/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("access_token").asString();
    }

    record Response(int status, String body, JsonMapper mapper) {
        JsonNode json() {
            return mapper.readTree(body);
        }
    }

    Response post(String user, String path, Object body) {
        return send(request(user, path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : json.writeValueAsString(body)))
                .build());
    }

    Response delete(String user, String path) {
        return send(request(user, path).DELETE().build());
    }

    private Response upload(String user, String path, Path file) {
        String boundary = "----lakelab" + UUID.randomUUID();
        try {
            byte[] content = Files.readAllBytes(file);
            byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                            + file.getFileName() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8);
            byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
            byte[] body = new byte[head.length + content.length + tail.length];
            System.arraycopy(head, 0, body, 0, head.length);
            System.arraycopy(content, 0, body, head.length, content.length);
            System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
            return send(request(user, path)
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    HttpRequest.Builder request(String user, String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        return user == null ? b : b.header("Authorization", "Bearer " + token(user));
    }

    Response send(HttpRequest request) {
        try {
            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> register(DemoDataset d) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("name", d.name().value());
        r.put("titleZh", d.titleZh());
        r.put("titleEn", d.titleEn());
        r.put("description", d.description());
        r.put("kind", d.kind());
        r.put("provider", d.provider());
        r.put("openCategory", d.openCategory());
        r.put("grade", d.grade());
        r.put("tags", d.tags());
        r.put(
                "columns",
                d.schema().columns().stream().map(TrinoTestSupport::column).toList());
        return r;
    }

    private static Map<String, Object> column(ColumnSpec c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.name());
        m.put("type", c.type());
        m.put("description", c.description());
        m.put("required", c.required());
        m.put("tags", c.tags());
        return m;
    }
}
