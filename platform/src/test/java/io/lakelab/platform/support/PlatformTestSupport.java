package io.lakelab.platform.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakelab.platform.identity.DemoUserDirectory;
import io.lakelab.platform.job.DemoLabSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
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
 * Base for platform integration tests: the whole application on a random port over a real
 * embedded PostgreSQL and Iceberg catalog in a fresh LakeLab home (one per test JVM, so the Spring
 * context is shared), with real tokens from the embedded issuer and a small HTTP client.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class PlatformTestSupport {

    protected static final Path HOME;

    static {
        try {
            HOME = Files.createTempDirectory("lakelab-it-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    protected int port;

    @Autowired
    protected JsonMapper json;

    @Autowired
    private DemoUserDirectory demoUsers;

    @DynamicPropertySource
    static void lakelabProperties(DynamicPropertyRegistry registry) {
        registry.add("lakelab.storage.home", HOME::toString);
        registry.add("server.port", () -> "0");
    }

    /** A unique suffix for names, so tests sharing one database never collide. */
    protected static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    /**
     * Creates the demo lab {@code lowcarbon} (with alice and bob as members through the demo users)
     * unless another test of this JVM already did.
     */
    protected void ensureDemoLabExists() {
        if (get("admin", "/api/v1/labs/lowcarbon").status() == 404) {
            var lab = DemoLabSupport.SCENARIO.lab();
            Response created = post(
                    "admin",
                    "/api/v1/labs",
                    Map.of(
                            "code", "lowcarbon",
                            "nameZh", lab.nameZh(),
                            "nameEn", lab.nameEn(),
                            "direction", lab.direction(),
                            "leadUnit", lab.leadUnit(),
                            "coBuilders", lab.coBuilders()));
            assertThat(created.status()).as(created.body()).isIn(201, 409);
        }
    }

    /** Creates a lab with plain names unless it exists (tests sharing one platform may race for it). */
    protected void ensureLab(String code) {
        if (get("admin", "/api/v1/labs/" + code).status() == 404) {
            Response created = post(
                    "admin",
                    "/api/v1/labs",
                    Map.of(
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
                            List.of()));
            assertThat(created.status()).as(created.body()).isIn(201, 409);
        }
    }

    protected String token(String user) {
        return TOKENS.computeIfAbsent(user + "@" + port, k -> fetchToken(user));
    }

    private String fetchToken(String user) {
        String secret = demoUsers.secrets().get(user);
        String basic = Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/oauth2/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build();
        Response response = send(request);
        if (response.status() != 200) {
            throw new IllegalStateException("token for " + user + ": " + response.status() + " " + response.body());
        }
        return response.json().get("access_token").asString();
    }

    /** An HTTP response with its body and, when it is JSON, the parsed tree. */
    public record Response(int status, String body, JsonMapper mapper) {
        public JsonNode json() {
            return mapper.readTree(body);
        }
    }

    protected Response get(String user, String path) {
        return send(request(user, path).GET().build());
    }

    protected Response delete(String user, String path) {
        return send(request(user, path).DELETE().build());
    }

    protected Response post(String user, String path, Object body) {
        String payload = body instanceof String s ? s : json.writeValueAsString(body);
        return send(request(user, path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(payload))
                .build());
    }

    /** Uploads a file as multipart/form-data part {@code file}. */
    protected Response upload(String user, String path, Path file) {
        String boundary = "----lakelab" + UUID.randomUUID();
        try {
            byte[] content = Files.readAllBytes(file);
            String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                    + file.getFileName() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
            String tail = "\r\n--" + boundary + "--\r\n";
            byte[] body = concat(head.getBytes(StandardCharsets.UTF_8), content, tail.getBytes(StandardCharsets.UTF_8));
            return send(request(user, path)
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    protected HttpRequest.Builder request(String user, String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (user != null) {
            builder.header("Authorization", "Bearer " + token(user));
        }
        return builder;
    }

    protected Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
