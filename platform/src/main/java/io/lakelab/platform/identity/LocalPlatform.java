package io.lakelab.platform.identity;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Optional;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The running embedded platform as the command-line tools see it: its owner-only {@code
 * dev-credentials.json} (API and token URLs, the demo users' secrets of this start) and {@code
 * user-credentials.json}, where {@code ./lakelab user add} keeps the secrets of the users it
 * created (the platform itself keeps only their hashes). Failures are {@link Failure}s whose message
 * says what to do.
 */
final class LocalPlatform {

    static final String USER_CREDENTIALS = "user-credentials.json";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path home;
    private final JsonNode credentials;
    private final HttpClient http = HttpClient.newHttpClient();

    private LocalPlatform(Path home, JsonNode credentials) {
        this.home = home;
        this.credentials = credentials;
    }

    /** The LakeLab home of the command line: {@code LAKELAB_HOME} or {@code ~/.lakelab}. */
    static Path home() {
        return Path.of(System.getenv().getOrDefault("LAKELAB_HOME", System.getProperty("user.home") + "/.lakelab"));
    }

    static LocalPlatform open(Path home) {
        Path file = home.resolve("dev-credentials.json");
        if (!Files.isReadable(file)) {
            throw new Failure("No running embedded LakeLab found (" + file + " is missing). Start it with ./lakelab"
                    + " serve or ./lakelab demo. Tokens for a Keycloak-backed platform come from Keycloak, not from"
                    + " here.");
        }
        try {
            return new LocalPlatform(home, JSON.readTree(Files.readString(file)));
        } catch (IOException e) {
            throw new Failure("Cannot read " + file + ": " + e.getMessage());
        }
    }

    String apiUrl() {
        return credentials.path("apiUrl").asString();
    }

    /** A bearer token for the user, from the demo users' secrets or the ones {@code user add} kept. */
    String token(String user) {
        String secret = secret(user)
                .orElseThrow(() -> new Failure("Unknown user '" + user + "'. Known here: " + known()
                        + ". Users created with ./lakelab user add are remembered in " + home.resolve(USER_CREDENTIALS)
                        + "; for one created through POST /api/v1/users, use the client secret it returned (see"
                        + " docs/identity.md)."));
        String basic = Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(tokenUrl()))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build());
        if (response.statusCode() != 200) {
            throw new Failure("The issuer refused a token for " + user + ": " + response.statusCode() + " "
                    + response.body() + ". The platform may have restarted (demo users' secrets change on every"
                    + " start) or been reset (a new LAKELAB_HOME forgets created users).");
        }
        return JSON.readTree(response.body()).path("access_token").asString();
    }

    /** Sends a request to the platform; a platform that does not answer is a {@link Failure}. */
    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new Failure("The platform at " + request.uri().getScheme() + "://"
                    + request.uri().getAuthority() + " is not running. Start it with ./lakelab serve.");
        } catch (IOException e) {
            throw new Failure("Could not reach the platform at " + request.uri() + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("Interrupted");
        }
    }

    /** Keeps a created user's secret (owner-only file) so that {@code ./lakelab token USER} works for them. */
    void remember(String user, String secret) {
        Path file = home.resolve(USER_CREDENTIALS);
        ObjectNode content = userCredentials().deepCopy();
        ObjectNode clients =
                content.has("clients") ? (ObjectNode) content.get("clients") : content.putObject("clients");
        clients.put(user, secret);
        try {
            Path tmp = Files.createTempFile(
                    home,
                    "user-credentials",
                    ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, JSON.writeValueAsString(content));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new Failure("Could not keep the secret of " + user + " in " + file + ": " + e.getMessage());
        }
    }

    Path userCredentialsFile() {
        return home.resolve(USER_CREDENTIALS);
    }

    private String tokenUrl() {
        return credentials.path("tokenUrl").asString();
    }

    private Optional<String> secret(String user) {
        JsonNode demo = credentials.path("clients").path(user);
        if (demo.isString()) {
            return Optional.of(demo.asString());
        }
        JsonNode created = userCredentials().path("clients").path(user);
        return created.isString() ? Optional.of(created.asString()) : Optional.empty();
    }

    private String known() {
        TreeSet<String> names = new TreeSet<>(credentials.path("clients").propertyNames());
        names.addAll(userCredentials().path("clients").propertyNames());
        return names.toString();
    }

    private ObjectNode userCredentials() {
        Path file = home.resolve(USER_CREDENTIALS);
        if (!Files.isReadable(file)) {
            return JSON.createObjectNode();
        }
        try {
            return (ObjectNode) JSON.readTree(Files.readString(file));
        } catch (IOException | ClassCastException e) {
            throw new Failure("Cannot read " + file + ": " + e.getMessage() + ". Delete it and add the users again.");
        }
    }

    /** A failure of a command-line tool: its message is printed as it is and the tool exits 1. */
    static final class Failure extends RuntimeException {
        Failure(String message) {
            super(message);
        }
    }
}
