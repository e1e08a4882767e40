package io.lakelab.platform.identity;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./lakelab login}: logs a user in against Keycloak with the device authorization grant of
 * the public {@code lakelab-cli} client and keeps the tokens in {@code <LAKELAB_HOME>/login.json}
 * (owner-only). {@code ./lakelab login --print-token} prints a current access token, refreshing it
 * when it is about to expire. The embedded issuer has no users to log in: there {@code ./lakelab
 * token USER} is the way.
 */
public final class LoginCommand {

    private static final String USAGE = "usage: ./lakelab login [--issuer URL] [--client-id ID] [--print-token]\n"
            + "  --issuer     the Keycloak realm URL (default: $LAKELAB_ISSUER_URI)\n"
            + "  --client-id  public client with the device grant (default: lakelab-cli)\n"
            + "  --print-token  print a current access token of the stored login (refreshing it) and exit";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private LoginCommand() {}

    public static void main(String[] args) {
        try {
            run(args);
        } catch (DeviceLogin.LoginFailed | IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }

    private static void run(String[] args) {
        String issuer = System.getenv("LAKELAB_ISSUER_URI");
        String clientId = "lakelab-cli";
        boolean printToken = false;
        Deque<String> rest = new ArrayDeque<>(List.of(args));
        while (!rest.isEmpty()) {
            String arg = rest.pop();
            switch (arg) {
                case "--issuer" -> issuer = value(rest, arg);
                case "--client-id" -> clientId = value(rest, arg);
                case "--print-token" -> printToken = true;
                case "-h", "--help" -> {
                    System.out.println(USAGE);
                    return;
                }
                default -> throw new IllegalArgumentException("unknown argument " + arg + "\n" + USAGE);
            }
        }
        Path file = loginFile();
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        if (printToken) {
            System.out.println(currentToken(file, http));
            return;
        }
        if (issuer == null || issuer.isBlank()) {
            throw new IllegalArgumentException("No issuer: pass --issuer https://<keycloak>/realms/lakelab or set"
                    + " LAKELAB_ISSUER_URI. The embedded default has no login; use ./lakelab token USER there.");
        }
        DeviceLogin login = new DeviceLogin(issuer, clientId, http);
        DeviceLogin.DeviceCode code = login.start();
        System.err.println("To log in, open " + code.verificationUriComplete());
        System.err.println("  (or open " + code.verificationUri() + " and enter the code " + code.userCode() + ")");
        System.err.println("Waiting for the login to be approved...");
        DeviceLogin.Tokens tokens = login.await(code, LoginCommand::sleep);
        store(file, issuer, clientId, tokens);
        System.err.println("Logged in as " + claim(tokens.accessToken(), "preferred_username") + "; tokens stored in "
                + file + ". Use: curl -H \"Authorization: Bearer $(./lakelab login --print-token)\" ...");
    }

    static Path loginFile() {
        String home = System.getenv().getOrDefault("LAKELAB_HOME", System.getProperty("user.home") + "/.lakelab");
        return Path.of(home, "login.json");
    }

    /** A current access token from the stored login, refreshed (and stored again) when nearly expired. */
    static String currentToken(Path file, HttpClient http) {
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("Not logged in (" + file + " is missing): run ./lakelab login first.");
        }
        JsonNode stored = JSON.readTree(read(file));
        Instant expiresAt = Instant.parse(stored.path("expiresAt").asString());
        if (Instant.now().plusSeconds(30).isBefore(expiresAt)) {
            return stored.path("accessToken").asString();
        }
        String refreshToken = stored.path("refreshToken").asString("");
        if (refreshToken.isEmpty()) {
            throw new IllegalArgumentException("The stored token has expired: run ./lakelab login again.");
        }
        String issuer = stored.path("issuer").asString();
        String clientId = stored.path("clientId").asString();
        DeviceLogin.Tokens tokens = new DeviceLogin(issuer, clientId, http).refresh(refreshToken);
        store(file, issuer, clientId, tokens);
        return tokens.accessToken();
    }

    /** Writes the tokens owner-only and atomically: a reader never sees a half-written file. */
    static void store(Path file, String issuer, String clientId, DeviceLogin.Tokens tokens) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("issuer", issuer);
        content.put("clientId", clientId);
        content.put("accessToken", tokens.accessToken());
        content.put("refreshToken", tokens.refreshToken());
        content.put("expiresAt", tokens.expiresAt().toString());
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(
                        dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            Path tmp = Files.createTempFile(
                    dir,
                    "login",
                    ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, JSON.writeValueAsString(content));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IllegalArgumentException("Could not store the login in " + file + ": " + e.getMessage());
        }
    }

    private static String claim(String jwt, String name) {
        String[] parts = jwt.split("\\.");
        if (parts.length < 2) {
            return "?";
        }
        JsonNode claims = JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        return claims.path(name).asString("?");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("Could not read " + file + ": " + e.getMessage());
        }
    }

    private static String value(Deque<String> rest, String option) {
        if (rest.isEmpty()) {
            throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
        }
        return rest.pop();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeviceLogin.LoginFailed("Interrupted.");
        }
    }
}
