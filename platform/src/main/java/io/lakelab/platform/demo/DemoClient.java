package io.lakelab.platform.demo;

import io.lakelab.platform.identity.DemoUserDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo drives the platform through its own public HTTP API, as its users would, with real
 * tokens from the embedded issuer: what the demo shows is what the API does.
 */
final class DemoClient {

    /** A failed API call, with the problem detail the platform answered. */
    static final class DemoStepException extends RuntimeException {
        DemoStepException(String message) {
            super(message);
        }
    }

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> tokens = new HashMap<>();
    private final String base;
    private final DemoUserDirectory users;
    private final JsonMapper json;

    DemoClient(int port, DemoUserDirectory users, JsonMapper json) {
        this.base = "http://127.0.0.1:" + port;
        this.users = users;
        this.json = json;
    }

    String apiUrl() {
        return base + "/api/v1";
    }

    JsonNode get(String user, String path) {
        return call(user, HttpRequest.newBuilder(URI.create(base + path)).GET(), 200);
    }

    JsonNode getOrNull(String user, String path) {
        HttpResponse<String> response =
                send(user, HttpRequest.newBuilder(URI.create(base + path)).GET());
        return response.statusCode() == 200 ? json.readTree(response.body()) : null;
    }

    JsonNode post(String user, String path, Object body) {
        return call(
                user,
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))),
                201,
                200,
                202);
    }

    /** Saves the response body of a GET (a report document) to {@code target}. */
    void download(String user, String path, java.nio.file.Path target) {
        try {
            java.nio.file.Files.createDirectories(target.getParent());
            HttpResponse<java.nio.file.Path> response = http.send(
                    HttpRequest.newBuilder(URI.create(base + path))
                            .header("Authorization", "Bearer " + token(user))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofFile(target));
            if (response.statusCode() != 200) {
                throw new DemoStepException("GET " + path + " as " + user + " answered " + response.statusCode());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoStepException("interrupted");
        }
    }

    private JsonNode call(String user, HttpRequest.Builder builder, int... ok) {
        HttpResponse<String> response = send(user, builder);
        for (int status : ok) {
            if (response.statusCode() == status) {
                return response.body().isEmpty() ? json.createObjectNode() : json.readTree(response.body());
            }
        }
        throw new DemoStepException(
                builder.build().method() + " " + builder.build().uri().getPath() + " as " + user + " answered "
                        + response.statusCode() + ": " + response.body());
    }

    private HttpResponse<String> send(String user, HttpRequest.Builder builder) {
        try {
            return http.send(
                    builder.header("Authorization", "Bearer " + token(user)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoStepException("interrupted");
        }
    }

    private String token(String user) {
        return tokens.computeIfAbsent(user, u -> {
            String secret = users.secrets().get(u);
            if (secret == null) {
                throw new DemoStepException("The demo needs the embedded issuer's user '" + u + "'");
            }
            String basic = Base64.getEncoder().encodeToString((u + ":" + secret).getBytes(StandardCharsets.UTF_8));
            try {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(URI.create(base + "/oauth2/token"))
                                .header("Authorization", "Basic " + basic)
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new DemoStepException("No token for " + u + ": " + response.body());
                }
                return json.readTree(response.body()).get("access_token").asString();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DemoStepException("interrupted");
            }
        });
    }
}
