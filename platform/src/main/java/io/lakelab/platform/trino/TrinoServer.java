package io.lakelab.platform.trino;

import io.lakelab.catalog.ErrorCategory;
import io.lakelab.catalog.LakeLabException;
import io.lakelab.catalog.iceberg.IcebergSettings;
import io.lakelab.catalog.policy.PolicyTarget;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Trino server process beside the platform. {@link #start} writes the instance directory and
 * launches Trino in the background (it takes ~15-45 s), so the platform is usable meanwhile; callers
 * that need Trino wait with {@link #awaitReady}. {@link #close} stops the process. A process left
 * behind by a platform that died is found by its pid file and stopped before a new start.
 */
public final class TrinoServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TrinoServer.class);
    private static final String MAIN_CLASS = "io.trino.server.TrinoServer";

    /** How clients reach the running server. */
    public record Endpoint(int httpsPort, Path truststore, Path certificate) {
        public String jdbcUrl() {
            return "jdbc:trino://127.0.0.1:" + httpsPort + "/" + PolicyTarget.TRINO_CATALOG;
        }
    }

    /**
     * Everything a start needs besides the settings: who signs tokens, where to pull policies, and
     * where to post query events for the audit (with the event token).
     */
    public record Launch(
            String jwtKeyFile,
            String jwtIssuer,
            String jwtAudience,
            String policyUrl,
            String policyToken,
            String eventUrl,
            String eventToken) {}

    private final TrinoProperties properties;
    private final IcebergSettings iceberg;
    private final Path instance;
    private final CompletableFuture<Endpoint> ready = new CompletableFuture<>();
    private volatile Process process;

    public TrinoServer(TrinoProperties properties, IcebergSettings iceberg, Path instance) {
        this.properties = properties;
        this.iceberg = iceberg;
        this.instance = instance.toAbsolutePath();
    }

    /** Starts Trino in a background thread; {@link #awaitReady} tells when (or why not). */
    public void start(Launch launch) {
        Thread t = new Thread(
                () -> {
                    try {
                        ready.complete(launch(launch));
                    } catch (RuntimeException e) {
                        log.error("Trino did not start: {}", e.getMessage());
                        ready.completeExceptionally(e);
                    }
                },
                "trino-launcher");
        t.setDaemon(true);
        t.start();
    }

    /** Waits until Trino answers, or fails with the reason it did not start. */
    public Endpoint awaitReady(Duration timeout) {
        try {
            return ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new LakeLabException(
                    ErrorCategory.EXTERNAL,
                    "Trino is still starting after " + timeout.toSeconds() + " s: try again shortly.");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof LakeLabException l
                    ? l
                    : new LakeLabException(
                            ErrorCategory.EXTERNAL,
                            "Trino did not start: " + e.getCause().getMessage(),
                            e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LakeLabException(ErrorCategory.INTERNAL, "Interrupted while waiting for Trino", e);
        }
    }

    /** A JDBC connection as {@code user}, authenticated by their bearer token (Trino's JWT authentication). */
    public Connection connect(String user, String accessToken) throws SQLException {
        Endpoint endpoint = awaitReady(properties.startupTimeout());
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("accessToken", accessToken);
        p.setProperty("SSL", "true");
        p.setProperty("SSLTrustStorePath", endpoint.truststore().toString());
        p.setProperty("SSLTrustStorePassword", TrinoCertificate.TRUSTSTORE_PASSWORD);
        p.setProperty("SSLTrustStoreType", "PKCS12");
        p.setProperty("source", "lakelab-platform");
        return new io.trino.jdbc.TrinoDriver().connect(endpoint.jdbcUrl(), p);
    }

    private Endpoint launch(Launch launch) {
        long started = System.nanoTime();
        Path java = TrinoJava.locate(properties.javaHome());
        Path distribution = TrinoDistribution.locate(properties.distribution(), properties.archive());
        stopLeftover();
        TrinoCertificate cert = TrinoCertificate.ensure(instance.resolve("tls"), java);
        int https = properties.httpsPort() > 0 ? properties.httpsPort() : freePort();
        int internal = properties.internalPort() > 0 ? properties.internalPort() : freePort();
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        TrinoConfigFiles files = new TrinoConfigFiles(instance);
        files.write(
                distribution,
                new TrinoConfigFiles.Server(
                        https,
                        internal,
                        cert.keystore(),
                        cert.keystorePassword(),
                        HexFormat.of().formatHex(secret),
                        launch.jwtKeyFile(),
                        launch.jwtIssuer(),
                        launch.jwtAudience()),
                iceberg,
                new TrinoConfigFiles.Ranger(
                        launch.policyUrl(),
                        launch.policyToken(),
                        properties.policyPollInterval().toMillis()),
                new TrinoConfigFiles.EventListener(launch.eventUrl(), launch.eventToken()),
                properties.heap());
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(files.jvmFlags(properties.heap()));
        command.add("-cp");
        command.add(distribution.resolve("lib") + "/*");
        command.add(MAIN_CLASS);
        Path logFile = instance.resolve("var").resolve("server.log");
        try {
            process = new ProcessBuilder(command)
                    .directory(instance.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile())
                    .start();
            Files.writeString(instance.resolve("var").resolve("trino.pid"), Long.toString(process.pid()));
        } catch (IOException e) {
            throw new LakeLabException(
                    ErrorCategory.EXTERNAL, "Cannot start Trino with " + java + ": " + e.getMessage(), e);
        }
        Endpoint endpoint = new Endpoint(https, cert.truststore(), cert.pem());
        waitUntilServing(endpoint, logFile);
        log.info(
                "Trino {} serving on https://127.0.0.1:{} (started in {} s, log {})",
                TrinoProperties.VERSION,
                https,
                (System.nanoTime() - started) / 1_000_000_000,
                logFile);
        return endpoint;
    }

    private void waitUntilServing(Endpoint endpoint, Path logFile) {
        HttpClient http = HttpClient.newBuilder()
                .sslContext(sslContext(endpoint.truststore()))
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        HttpRequest info = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + endpoint.httpsPort() + "/v1/info"))
                .timeout(Duration.ofSeconds(5))
                .build();
        long deadline = System.nanoTime() + properties.startupTimeout().toNanos();
        while (System.nanoTime() < deadline) {
            Process p = process;
            if (p == null || !p.isAlive()) {
                throw new LakeLabException(
                        ErrorCategory.EXTERNAL,
                        "Trino exited during startup; the end of " + logFile + ":\n" + tail(logFile));
            }
            try {
                HttpResponse<String> r = http.send(info, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().replace(" ", "").contains("\"starting\":false")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LakeLabException(ErrorCategory.INTERNAL, "Interrupted while starting Trino", e);
            }
            sleep(500);
        }
        close();
        throw new LakeLabException(
                ErrorCategory.EXTERNAL,
                "Trino did not start within " + properties.startupTimeout().toSeconds() + " s; the end of " + logFile
                        + ":\n" + tail(logFile));
    }

    static SSLContext sslContext(Path truststore) {
        try (InputStream in = Files.newInputStream(truststore)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, TrinoCertificate.TRUSTSTORE_PASSWORD.toCharArray());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (Exception e) {
            throw new LakeLabException(ErrorCategory.INTERNAL, "Cannot load Trino's truststore " + truststore, e);
        }
    }

    /** Stops a Trino this instance directory started before the platform last died. */
    private void stopLeftover() {
        Path pidFile = instance.resolve("var").resolve("trino.pid");
        try {
            if (!Files.isRegularFile(pidFile)) {
                return;
            }
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            ProcessHandle.of(pid)
                    .filter(h -> h.info()
                            .commandLine()
                            .map(c -> c.contains(MAIN_CLASS))
                            .orElse(false))
                    .ifPresent(h -> {
                        log.warn("Stopping a Trino (pid {}) left running by an earlier platform", pid);
                        destroy(h);
                    });
            Files.deleteIfExists(pidFile);
        } catch (IOException | NumberFormatException e) {
            log.debug("No usable Trino pid file: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        Process p = process;
        process = null;
        if (p != null && p.isAlive()) {
            destroy(p.toHandle());
        }
    }

    private static void destroy(ProcessHandle h) {
        h.destroy();
        try {
            // Trino's Ranger refresher can keep a stopping server alive: do not wait long.
            h.onExit().get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            h.destroyForcibly();
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new LakeLabException(ErrorCategory.INTERNAL, "No free port for Trino", e);
        }
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
