package io.lakelab.platform.trino;

import io.lakelab.catalog.ColumnSpec;
import io.lakelab.catalog.demo.DemoDataset;
import io.lakelab.catalog.demo.DemoScenario;
import io.lakelab.platform.LakeLabApplication;
import io.lakelab.platform.identity.DemoUserDirectory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./lakelab bench trino}: the same analyst queries as a lab whose grants filter rows and hash
 * the credit code ({@code bob}, lab lowcarbon) and as a lab with the whole datasets ({@code eve}, lab
 * shipping), alternating in one run on one Trino over the same demo data, in a fresh LakeLab home.
 * Prints per-query medians and ends with {@code filtered/unfiltered = <ratio>} (sum of medians).
 * Arguments: {@code [enterprises (default 5000)] [rounds (default 7)]}.
 */
public final class TrinoBench {

    private static final List<String> QUERIES = List.of(
            "SELECT r.district, count(*) AS n, sum(e.electricity_kwh) AS kwh FROM lakelab.datasets.energy_consumption e"
                    + " JOIN lakelab.datasets.enterprise_registry r ON e.credit_code = r.credit_code GROUP BY r.district",
            "SELECT month, count(*) AS n, avg(electricity_kwh) AS kwh, count_if(gas_m3 > 0) AS gas"
                    + " FROM lakelab.datasets.energy_consumption GROUP BY month ORDER BY month",
            "SELECT credit_code, sum(electricity_kwh) AS kwh FROM lakelab.datasets.energy_consumption"
                    + " GROUP BY credit_code ORDER BY kwh DESC LIMIT 10",
            "SELECT count(DISTINCT credit_code) FROM lakelab.datasets.energy_consumption WHERE electricity_kwh > 1000");

    private TrinoBench() {}

    public static void main(String[] args) throws Exception {
        int enterprises = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        Path home = Files.createTempDirectory("lakelab-bench-trino-");
        SpringApplication app = new SpringApplication(LakeLabApplication.class);
        ConfigurableApplicationContext context = app.run(
                "--lakelab.storage.home=" + home,
                "--lakelab.trino.enabled=true",
                "--lakelab.demo.enabled=false",
                "--server.port=0",
                "--logging.level.root=WARN");
        int code = 0;
        try {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            Api api = new Api(port, context.getBean(DemoUserDirectory.class), context.getBean(JsonMapper.class));
            System.out.printf("[bench] loading the demo data: %d enterprises x 12 months%n", enterprises);
            setUp(api, new DemoScenario(enterprises, 2025L), home);
            TrinoServer trino = context.getBean(TrinoServer.class);
            trino.awaitReady(Duration.ofMinutes(4));
            run(trino, api, rounds);
        } catch (RuntimeException e) {
            System.err.println("[bench] failed: " + e.getMessage());
            code = 1;
        } finally {
            int exit = SpringApplication.exit(context, () -> 0);
            System.exit(code != 0 ? code : exit);
        }
    }

    private static void run(TrinoServer trino, Api api, int rounds) throws Exception {
        try (Connection filtered = trino.connect("bob", api.token("bob"));
                Connection unfiltered = trino.connect("eve", api.token("eve"))) {
            for (String q : QUERIES) { // warm-up: plans, metadata and file caches for both users
                time(filtered, q);
                time(unfiltered, q);
            }
            double sumF = 0;
            double sumU = 0;
            for (int i = 0; i < QUERIES.size(); i++) {
                String q = QUERIES.get(i);
                List<Double> f = new ArrayList<>();
                List<Double> u = new ArrayList<>();
                for (int r = 0; r < rounds; r++) {
                    if (r % 2 == 0) { // alternate who goes first
                        f.add(time(filtered, q));
                        u.add(time(unfiltered, q));
                    } else {
                        u.add(time(unfiltered, q));
                        f.add(time(filtered, q));
                    }
                }
                double mf = median(f);
                double mu = median(u);
                sumF += mf;
                sumU += mu;
                System.out.printf(
                        "[bench] q%d filtered %.1f ms, unfiltered %.1f ms (median of %d)%n", i + 1, mf, mu, rounds);
            }
            System.out.printf("filtered/unfiltered = %.2f%n", sumF / sumU);
        }
    }

    private static double time(Connection c, String sql) throws Exception {
        long start = System.nanoTime();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rs.getObject(1);
            }
        }
        return (System.nanoTime() - start) / 1e6;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    /** Two labs, the demo datasets and their grants (also the fixture of {@link FreezeBench}). */
    static void setUp(Api api, DemoScenario scenario, Path home) throws Exception {
        for (String lab : List.of("lowcarbon", "shipping")) {
            var def = scenario.lab();
            api.post(
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
        Path files = home.resolve("data");
        scenario.writeFiles(files);
        for (DemoDataset d : scenario.datasets()) {
            api.post("admin", "/api/v1/datasets", register(d));
            api.upload(
                    "admin",
                    "/api/v1/datasets/" + d.name().value() + "/ingestions?mode=REPLACE",
                    files.resolve(d.fileName()));
        }
        Map<String, String> hash = Map.of("credit_code", "HASH");
        api.post(
                "admin",
                "/api/v1/grants",
                grant("lowcarbon", DemoScenario.ENERGY_CONSUMPTION, "month >= DATE '2025-07-01'", hash));
        api.post("admin", "/api/v1/grants", grant("lowcarbon", DemoScenario.ENTERPRISE_REGISTRY, null, hash));
        api.post("admin", "/api/v1/grants", grant("shipping", DemoScenario.ENERGY_CONSUMPTION, null, Map.of()));
        api.post("admin", "/api/v1/grants", grant("shipping", DemoScenario.ENTERPRISE_REGISTRY, null, Map.of()));
    }

    private static Map<String, Object> grant(String lab, String dataset, String rowFilter, Map<String, String> masks) {
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("lab", lab);
        g.put("dataset", dataset);
        g.put("purpose", "bench trino");
        if (rowFilter != null) {
            g.put("rowFilter", rowFilter);
        }
        g.put("masks", masks);
        return g;
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
        List<Map<String, Object>> columns = new ArrayList<>();
        for (ColumnSpec c : d.schema().columns()) {
            columns.add(Map.of(
                    "name",
                    c.name(),
                    "type",
                    c.type(),
                    "description",
                    c.description(),
                    "required",
                    c.required(),
                    "tags",
                    c.tags()));
        }
        r.put("columns", columns);
        return r;
    }

    /** A minimal client of the platform's API with the embedded issuer's demo users. */
    record Api(int port, DemoUserDirectory users, JsonMapper json) {
        private static final HttpClient HTTP = HttpClient.newHttpClient();

        String token(String user) throws Exception {
            return token(user, users.secrets().get(user));
        }

        /** A token for any user of the embedded issuer whose client secret is known (created users too). */
        String token(String user, String secret) throws Exception {
            String basic = Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> r = HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/oauth2/token"))
                            .header("Authorization", "Basic " + basic)
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return json.readTree(r.body()).get("access_token").asString();
        }

        void post(String user, String path, Object body) throws Exception {
            check(
                    HTTP.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                    .header("Authorization", "Bearer " + token(user))
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString()),
                    path);
        }

        void upload(String user, String path, Path file) throws Exception {
            String boundary = "----lakelab" + UUID.randomUUID();
            byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                            + file.getFileName() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8);
            byte[] content = Files.readAllBytes(file);
            byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
            byte[] body = new byte[head.length + content.length + tail.length];
            System.arraycopy(head, 0, body, 0, head.length);
            System.arraycopy(content, 0, body, head.length, content.length);
            System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
            check(
                    HTTP.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                    .header("Authorization", "Bearer " + token(user))
                                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString()),
                    path);
        }

        private static void check(HttpResponse<String> r, String path) {
            if (r.statusCode() >= 300 && r.statusCode() != 409) {
                throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
            }
        }
    }
}
