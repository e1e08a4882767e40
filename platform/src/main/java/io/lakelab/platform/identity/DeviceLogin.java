package io.lakelab.platform.identity;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OAuth 2.0 device authorization grant (RFC 8628) against an OIDC issuer such as a Keycloak
 * realm, for a public client: ask for a user code, let the user approve it in a browser, poll the
 * token endpoint until they did. Also refreshes tokens. Used by {@code ./lakelab login}.
 */
public final class DeviceLogin {

    /** What the user must do: open {@code verificationUriComplete}, or the URI and type the code. */
    public record DeviceCode(
            String deviceCode,
            String userCode,
            String verificationUri,
            String verificationUriComplete,
            Duration interval,
            Instant expiresAt,
            String codeVerifier) {}

    /** Tokens from the token endpoint. */
    public record Tokens(String accessToken, String refreshToken, Instant expiresAt) {}

    /** The issuer refused or the user did not approve in time; the message says which. */
    public static final class LoginFailed extends RuntimeException {
        LoginFailed(String message) {
            super(message);
        }
    }

    private final String issuer;
    private final String clientId;
    private final HttpClient http;
    private final JsonMapper json = JsonMapper.builder().build();
    private JsonNode configuration;

    public DeviceLogin(String issuer, String clientId, HttpClient http) {
        this.issuer = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        this.clientId = clientId;
        this.http = http;
    }

    public DeviceCode start() {
        String endpoint = endpoint("device_authorization_endpoint");
        // PKCE (S256) as well: the realm requires it of the public client for every grant that supports it.
        String verifier = randomVerifier();
        HttpResponse<String> response = post(
                endpoint,
                Map.of(
                        "client_id",
                        clientId,
                        "scope",
                        "openid",
                        "code_challenge",
                        challenge(verifier),
                        "code_challenge_method",
                        "S256"));
        JsonNode body = json.readTree(response.body());
        if (response.statusCode() != 200) {
            throw new LoginFailed("The issuer refused the device login for client " + clientId + ": " + describe(body)
                    + ". The client needs the OAuth 2.0 device authorization grant enabled.");
        }
        Instant now = Instant.now();
        return new DeviceCode(
                body.path("device_code").asString(),
                body.path("user_code").asString(),
                body.path("verification_uri").asString(),
                body.path("verification_uri_complete")
                        .asString(body.path("verification_uri").asString()),
                Duration.ofSeconds(Math.max(1, body.path("interval").asLong(5))),
                now.plusSeconds(body.path("expires_in").asLong(600)),
                verifier);
    }

    /** Polls until the user approved, refused, or the code expired; {@code sleeper} waits between polls. */
    public Tokens await(DeviceCode code, Consumer<Duration> sleeper) {
        Duration interval = code.interval();
        while (Instant.now().isBefore(code.expiresAt())) {
            sleeper.accept(interval);
            HttpResponse<String> response = post(
                    endpoint("token_endpoint"),
                    Map.of(
                            "grant_type",
                            "urn:ietf:params:oauth:grant-type:device_code",
                            "device_code",
                            code.deviceCode(),
                            "client_id",
                            clientId,
                            "code_verifier",
                            code.codeVerifier()));
            JsonNode body = json.readTree(response.body());
            if (response.statusCode() == 200) {
                return tokens(body);
            }
            switch (body.path("error").asString("")) {
                case "authorization_pending" -> {}
                case "slow_down" -> interval = interval.plusSeconds(5);
                case "access_denied" -> throw new LoginFailed("The login was refused in the browser.");
                case "expired_token" -> throw expired();
                default -> throw new LoginFailed("The issuer refused the login: " + describe(body) + ".");
            }
        }
        throw expired();
    }

    public Tokens refresh(String refreshToken) {
        HttpResponse<String> response = post(
                endpoint("token_endpoint"),
                Map.of("grant_type", "refresh_token", "refresh_token", refreshToken, "client_id", clientId));
        JsonNode body = json.readTree(response.body());
        if (response.statusCode() != 200) {
            throw new LoginFailed("The session has ended (" + describe(body) + "): log in again with ./lakelab login.");
        }
        return tokens(body);
    }

    private static Tokens tokens(JsonNode body) {
        return new Tokens(
                body.path("access_token").asString(),
                body.path("refresh_token").asString(null),
                Instant.now().plusSeconds(body.path("expires_in").asLong(60)));
    }

    private static String randomVerifier() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String challenge(String verifier) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JDK", e);
        }
    }

    private static LoginFailed expired() {
        return new LoginFailed("The code expired before the login was approved: run ./lakelab login again.");
    }

    private static String describe(JsonNode body) {
        String error = body.path("error").asString("unknown error");
        String description = body.path("error_description").asString("");
        return description.isEmpty() ? error : error + ", " + description;
    }

    private String endpoint(String name) {
        if (configuration == null) {
            String url = issuer + "/.well-known/openid-configuration";
            HttpResponse<String> response =
                    send(HttpRequest.newBuilder(URI.create(url)).GET().build());
            if (response.statusCode() != 200) {
                throw new LoginFailed("No OpenID configuration at " + url + " (HTTP " + response.statusCode()
                        + "): check the issuer URL.");
            }
            configuration = json.readTree(response.body());
        }
        String value = configuration.path(name).asString("");
        if (value.isEmpty()) {
            throw new LoginFailed("The issuer " + issuer + " does not offer " + name + ".");
        }
        return value;
    }

    private HttpResponse<String> post(String url, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new LoginFailed("Could not reach the issuer at " + request.uri() + ": " + e + ".");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoginFailed("Interrupted.");
        }
    }
}
