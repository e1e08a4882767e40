package io.lakelab.platform.identity;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./lakelab token USER}: prints a bearer token for a demo user of a running embedded
 * platform, using the owner-only credentials file it wrote. Refuses when there is none, which is
 * always the case when an external issuer (Keycloak) is configured.
 */
public final class TokenCommand {

    private TokenCommand() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            fail("usage: ./lakelab token USER");
        }
        String home = System.getenv().getOrDefault("LAKELAB_HOME", System.getProperty("user.home") + "/.lakelab");
        Path file = Path.of(home, "dev-credentials.json");
        if (!Files.isReadable(file)) {
            fail("No running embedded LakeLab found (" + file + " is missing). Start it with ./lakelab serve or"
                    + " ./lakelab demo. Tokens for a Keycloak-backed platform come from Keycloak, not from here.");
        }
        JsonNode credentials = JsonMapper.builder().build().readTree(Files.readString(file));
        String user = args[0];
        JsonNode secret = credentials.path("clients").path(user);
        if (secret.isMissingNode()) {
            fail("Unknown demo user '" + user + "'. Known: "
                    + credentials.path("clients").propertyNames());
        }
        String basic =
                Base64.getEncoder().encodeToString((user + ":" + secret.asString()).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response;
        try {
            response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(
                                            credentials.path("tokenUrl").asString()))
                                    .header("Authorization", "Basic " + basic)
                                    .header("Content-Type", "application/x-www-form-urlencoded")
                                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
        } catch (java.net.ConnectException e) {
            fail("The platform at " + credentials.path("tokenUrl").asString()
                    + " is not running. Start it with ./lakelab serve.");
            return;
        }
        if (response.statusCode() != 200) {
            fail("The issuer refused: " + response.statusCode() + " " + response.body()
                    + ". The platform may have restarted: its secrets change on every start.");
        }
        System.out.println(JsonMapper.builder()
                .build()
                .readTree(response.body())
                .path("access_token")
                .asString());
    }

    private static void fail(String message) {
        System.err.println(message);
        System.exit(1);
    }
}
