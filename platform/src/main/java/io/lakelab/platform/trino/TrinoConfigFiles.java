package io.lakelab.platform.trino;

import io.lakelab.catalog.iceberg.IcebergSettings;
import io.lakelab.catalog.policy.PolicyTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes a Trino instance directory ({@code etc/}, {@code plugin/}, {@code var/}) for one start:
 * server settings (HTTPS + JWT, internal traffic on a loopback HTTP port with a shared secret), the
 * {@code lakelab} Iceberg catalog on the platform's JDBC catalog, and Ranger access control pulling
 * {@code lakelab_trino} from the platform. Files holding secrets are readable by the owner only.
 */
final class TrinoConfigFiles {

    /** The plugins Trino loads: loading only these (of ~60) takes seconds off every start. */
    static final List<String> PLUGINS = List.of("iceberg", "ranger", "http-event-listener");

    record Server(
            int httpsPort,
            int internalPort,
            Path keystore,
            String keystorePassword,
            String sharedSecret,
            String jwtKeyFile,
            String jwtIssuer,
            String jwtAudience) {}

    record Ranger(String policyUrl, String policyToken, long pollIntervalMs) {}

    /** Where Trino's HTTP event listener posts query events, and the bearer token it sends. */
    record EventListener(String ingestUrl, String token) {}

    private final Path instance;

    TrinoConfigFiles(Path instance) {
        this.instance = instance;
    }

    Path etc() {
        return instance.resolve("etc");
    }

    void write(
            Path distribution,
            Server server,
            IcebergSettings iceberg,
            Ranger ranger,
            EventListener events,
            String heap) {
        try {
            Files.createDirectories(etc().resolve("catalog"));
            Files.createDirectories(instance.resolve("var").resolve("ranger-cache"));
            linkPlugins(distribution);
            writeSecret(etc().resolve("config.properties"), properties(config(server)));
            writeSecret(
                    etc().resolve("catalog").resolve(PolicyTarget.TRINO_CATALOG + ".properties"),
                    properties(catalog(iceberg)));
            writeSecret(etc().resolve("access-control.properties"), properties(accessControl()));
            writeSecret(etc().resolve("ranger-trino-security.xml"), rangerXml(ranger));
            writeSecret(etc().resolve("http-event-listener.properties"), properties(eventListener(events)));
            write(etc().resolve("log.properties"), "io.trino=INFO\norg.apache.ranger=WARN\n");
            write(etc().resolve("jvm.config"), String.join("\n", jvmFlags(heap)) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the Trino configuration under " + instance, e);
        }
    }

    /** JVM flags after Trino's recommended {@code jvm.config}, sized for a laptop. */
    List<String> jvmFlags(String heap) {
        return List.of(
                "-server",
                "-Xmx" + heap,
                "-XX:+UseG1GC",
                "-XX:+ExplicitGCInvokesConcurrent",
                "-XX:+ExitOnOutOfMemoryError",
                "-XX:-OmitStackTraceInFastThrow",
                "-XX:ReservedCodeCacheSize=256M",
                "-XX:PerMethodRecompilationCutoff=10000",
                "-XX:PerBytecodeRecompilationCutoff=10000",
                "-Djdk.attach.allowAttachSelf=true",
                "-Djdk.nio.maxCachedBufferSize=2000000",
                "-Dfile.encoding=UTF-8",
                "-XX:+EnableDynamicAgentLoading",
                "-Dconfig=" + etc().resolve("config.properties"),
                "-Dlog.levels-file=" + etc().resolve("log.properties"));
    }

    private Map<String, String> config(Server s) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("coordinator", "true");
        c.put("node-scheduler.include-coordinator", "true");
        c.put("node.environment", "lakelab");
        c.put("node.id", "lakelab-trino");
        c.put("node.internal-address", "127.0.0.1");
        c.put("node.bind-ip", "127.0.0.1");
        // Internal traffic (coordinator to its own worker side) over loopback HTTP, signed with the
        // shared secret; no client can authenticate over it (allow-insecure-over-http=false).
        c.put("http-server.http.port", Integer.toString(s.internalPort()));
        c.put("discovery.uri", "http://127.0.0.1:" + s.internalPort());
        c.put("internal-communication.shared-secret", s.sharedSecret());
        c.put("http-server.https.enabled", "true");
        c.put("http-server.https.port", Integer.toString(s.httpsPort()));
        c.put("http-server.https.keystore.path", s.keystore().toString());
        c.put("http-server.https.keystore.key", s.keystorePassword());
        c.put("http-server.authentication.type", "JWT");
        c.put("http-server.authentication.allow-insecure-over-http", "false");
        c.put("http-server.authentication.jwt.key-file", s.jwtKeyFile());
        c.put("http-server.authentication.jwt.required-issuer", s.jwtIssuer());
        c.put("http-server.authentication.jwt.required-audience", s.jwtAudience());
        c.put("http-server.authentication.jwt.principal-field", "preferred_username");
        // SELECT * and DESCRIBE show only the columns the user may read: a denial never lists the
        // columns of a table the user may not read (another lab's output, an ungranted column).
        c.put("hide-inaccessible-columns", "true");
        c.put("query.max-memory", "512MB");
        c.put("query.max-memory-per-node", "256MB");
        c.put("plugin.dir", instance.resolve("plugin").toString());
        c.put("catalog.config-dir", etc().resolve("catalog").toString());
        c.put(
                "access-control.config-files",
                etc().resolve("access-control.properties").toString());
        c.put(
                "event-listener.config-files",
                etc().resolve("http-event-listener.properties").toString());
        return c;
    }

    /**
     * Every query's created and completed event goes to the platform's audit (retried a few times if
     * the platform does not answer), authenticated with an event token that can do nothing else.
     */
    static Map<String, String> eventListener(EventListener events) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("event-listener.name", "http");
        c.put("http-event-listener.connect-ingest-uri", events.ingestUrl());
        c.put("http-event-listener.connect-http-headers", "Authorization: Bearer " + events.token());
        c.put("http-event-listener.log-created", "true");
        c.put("http-event-listener.log-completed", "true");
        c.put("http-event-listener.log-split", "false");
        c.put("http-event-listener.connect-retry-count", "5");
        c.put("http-event-listener.connect-retry-delay", "1s");
        return c;
    }

    private static Map<String, String> catalog(IcebergSettings iceberg) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("connector.name", "iceberg");
        c.put("iceberg.catalog.type", "jdbc");
        c.put("iceberg.jdbc-catalog.driver-class", "org.postgresql.Driver");
        c.put("iceberg.jdbc-catalog.connection-url", iceberg.jdbcUrl());
        c.put("iceberg.jdbc-catalog.connection-user", iceberg.user());
        c.put("iceberg.jdbc-catalog.connection-password", iceberg.password());
        // The same catalog name and table layout (V1) as Spark and the platform use.
        c.put("iceberg.jdbc-catalog.catalog-name", PolicyTarget.TRINO_CATALOG);
        c.put("iceberg.jdbc-catalog.schema-version", "V1");
        c.put("iceberg.jdbc-catalog.default-warehouse-dir", iceberg.warehouse());
        // Statistics of nothing, for everybody: Iceberg's statistics (row counts, low/high values,
        // sizes) cover every row, including those a row filter hides, and SHOW STATS and EXPLAIN
        // would reveal them. Users cannot turn them back on: Ranger grants no catalog session
        // property. See docs/decisions/0012-statistics-visibility.md.
        c.put("iceberg.table-statistics-enabled", "false");
        c.put("fs.native-local.enabled", "true");
        c.put("local.location", "/");
        return c;
    }

    private Map<String, String> accessControl() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("access-control.name", "ranger");
        c.put("ranger.service.name", PolicyTarget.TRINO.serviceName());
        c.put(
                "ranger.plugin.config.resource",
                etc().resolve("ranger-trino-security.xml").toString());
        return c;
    }

    private String rangerXml(Ranger r) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("ranger.plugin.trino.service.name", PolicyTarget.TRINO.serviceName());
        c.put("ranger.plugin.trino.policy.rest.url", r.policyUrl());
        // Ranger's REST client only speaks HTTP Basic: the password is a platform policy token.
        c.put("ranger.plugin.trino.policy.rest.client.username", "trino");
        c.put("ranger.plugin.trino.policy.rest.client.password", r.policyToken());
        c.put("ranger.plugin.trino.policy.pollIntervalMs", Long.toString(r.pollIntervalMs()));
        c.put(
                "ranger.plugin.trino.policy.cache.dir",
                instance.resolve("var").resolve("ranger-cache").toString());
        c.put("ranger.plugin.trino.use.rangerGroups", "true");
        c.put("userStoreRefresherPollingInterval", Long.toString(r.pollIntervalMs()));
        c.put("ranger.plugin.trino.policy.rest.client.connection.timeoutMs", "5000");
        c.put("ranger.plugin.trino.policy.rest.client.read.timeoutMs", "10000");
        String props = c.entrySet().stream()
                .map(e -> "  <property><name>" + xml(e.getKey()) + "</name><value>" + xml(e.getValue())
                        + "</value></property>")
                .collect(Collectors.joining("\n"));
        return "<?xml version=\"1.0\"?>\n<configuration>\n" + props + "\n</configuration>\n";
    }

    private void linkPlugins(Path distribution) throws IOException {
        Path plugins = instance.resolve("plugin");
        Files.createDirectories(plugins);
        for (String name : PLUGINS) {
            Path link = plugins.resolve(name);
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, distribution.resolve("plugin").resolve(name));
        }
    }

    private static String properties(Map<String, String> values) {
        return values.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue().replace("\\", "\\\\"))
                .collect(Collectors.joining("\n", "", "\n"));
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static void write(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static void writeSecret(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
