package io.lakelab.platform.keycloak;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A real Keycloak for integration tests: the {@code keycloak-quarkus-dist} the build unpacked into
 * {@code target/keycloak}, started in dev mode on free ports with a fresh database and the LakeLab
 * realm (deploy/keycloak plus the test-only clients and users). Keycloak 26 needs JDK 21+, which is
 * looked up in {@code lakelab.keycloak.java-home}, {@code KEYCLOAK_JAVA_HOME}, the running JVM and
 * {@code /usr/lib/jvm/*}.
 */
final class KeycloakServer implements AutoCloseable {

    static final String REALM = "lakelab";
    static final String ADMIN = "it-admin";

    private final Process process;
    private final Path log;
    private final int port;
    private final String provisionerSecret;
    private final String adminPassword;

    private KeycloakServer(Process process, Path log, int port, String provisionerSecret, String adminPassword) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.provisionerSecret = provisionerSecret;
        this.adminPassword = adminPassword;
    }

    static KeycloakServer start() {
        Path dist = Path.of(System.getProperty("lakelab.keycloak.dist", "target/keycloak/keycloak-26.7.3"));
        if (!Files.isExecutable(dist.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("No Keycloak distribution at " + dist.toAbsolutePath()
                    + ": run the test through Maven (mvn -pl platform verify -Dit.test=KeycloakIT), whose"
                    + " pre-integration-test phase unpacks org.keycloak:keycloak-quarkus-dist there.");
        }
        Path javaHome = javaHome();
        try {
            prepareData(dist);
            int port = freePort();
            String secret = HexFormat.of().formatHex(java.security.SecureRandom.getSeed(16));
            Path log = dist.getParent().resolve("keycloak-it.log");
            ProcessBuilder builder = new ProcessBuilder(
                            dist.resolve("bin/kc.sh").toString(),
                            "start-dev",
                            "--http-host=127.0.0.1",
                            "--http-port=" + port,
                            "--http-management-port=" + freePort(),
                            "--import-realm")
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("JAVA_HOME", javaHome.toString());
            builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx768m");
            builder.environment().put("LAKELAB_PROVISIONER_SECRET", secret);
            // A master-realm administrator for what the provisioner may not do (key rotation).
            String adminPassword = HexFormat.of().formatHex(java.security.SecureRandom.getSeed(16));
            builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
            builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
            KeycloakServer server = new KeycloakServer(builder.start(), log, port, secret, adminPassword);
            server.awaitReady();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String serverUrl() {
        return "http://127.0.0.1:" + port;
    }

    String issuer() {
        return serverUrl() + "/realms/" + REALM;
    }

    String provisionerSecret() {
        return provisionerSecret;
    }

    /** Password of the master realm's {@link #ADMIN} (client {@code admin-cli}). */
    String adminPassword() {
        return adminPassword;
    }

    @Override
    public void close() {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle p : all) {
            try {
                p.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        }
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newHttpClient();
        URI wellKnown = URI.create(issuer() + "/.well-known/openid-configuration");
        try {
            await("Keycloak serving realm " + REALM + " (log: " + log + ")")
                    .atMost(Duration.ofMinutes(4))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException(
                                    "Keycloak exited with " + process.exitValue() + ":\n" + tail());
                        }
                        try {
                            return http.send(
                                                    HttpRequest.newBuilder(wellKnown)
                                                            .build(),
                                                    HttpResponse.BodyHandlers.discarding())
                                            .statusCode()
                                    == 200;
                        } catch (IOException e) {
                            return false;
                        }
                    });
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    /** A fresh dev database, and the realm to import: deploy/keycloak plus the test-only clients and users. */
    private static void prepareData(Path dist) throws IOException {
        Path data = dist.resolve("data");
        if (Files.exists(data)) {
            try (Stream<Path> files = Files.walk(data)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Path imports = Files.createDirectories(data.resolve("import"));
        Path deploy = Path.of(System.getProperty("lakelab.keycloak.realm-dir", "../deploy/keycloak"));
        JsonMapper json = JsonMapper.builder().build();
        ObjectNode realm =
                (ObjectNode) json.readTree(deploy.resolve("lakelab-realm.json").toFile());
        ArrayNode clients = (ArrayNode) realm.get("clients");
        try (var in = KeycloakServer.class.getResourceAsStream("/keycloak/test-clients.json")) {
            ((ArrayNode) json.readTree(in)).forEach(clients::add);
        }
        Files.writeString(imports.resolve("lakelab-realm.json"), json.writeValueAsString(realm));
        Files.copy(deploy.resolve("dev/lakelab-users-0.json"), imports.resolve("lakelab-users-0.json"));
    }

    private static Path javaHome() {
        List<Path> candidates = new ArrayList<>();
        Optional.ofNullable(System.getProperty("lakelab.keycloak.java-home"))
                .map(Path::of)
                .ifPresent(candidates::add);
        Optional.ofNullable(System.getenv("KEYCLOAK_JAVA_HOME")).map(Path::of).ifPresent(candidates::add);
        if (Runtime.version().feature() >= 21) {
            candidates.add(Path.of(System.getProperty("java.home")));
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (Stream<Path> dirs = Files.list(jvms)) {
                dirs.sorted(Comparator.comparingInt(KeycloakServer::feature).reversed())
                        .forEach(candidates::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return candidates.stream()
                .filter(home -> Files.isExecutable(home.resolve("bin/java")) && feature(home) >= 21)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("Keycloak 26 needs a JDK 21 or newer and none was"
                        + " found (looked at " + candidates + "). Set -Dlakelab.keycloak.java-home=<jdk> or"
                        + " KEYCLOAK_JAVA_HOME."));
    }

    /** The JDK's feature version from its {@code release} file, 0 when unknown. */
    private static int feature(Path home) {
        try {
            for (String line : Files.readAllLines(home.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    String major = version.startsWith("1.") ? version.substring(2) : version;
                    return Integer.parseInt(major.split("[.+-]")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not a JDK, or one without a release file.
        }
        return 0;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
