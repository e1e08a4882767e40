package io.lakelab.platform.identity;

import io.lakelab.platform.infra.StorageProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes {@code <home>/dev-credentials.json} (owner-only) once the embedded issuer listens, so
 * {@code ./lakelab token USER} can obtain a demo user's token. Only the embedded default has such
 * a file; with Keycloak configured there is no {@link DemoUserDirectory} and nothing is written.
 */
@Component
class DevCredentialsFile {

    private static final Logger log = LoggerFactory.getLogger(DevCredentialsFile.class);

    private final java.util.Optional<DemoUserDirectory> directory;
    private final StorageProperties storage;
    private final JsonMapper json;

    DevCredentialsFile(java.util.Optional<DemoUserDirectory> directory, StorageProperties storage, JsonMapper json) {
        this.directory = directory;
        this.storage = storage;
        this.json = json;
    }

    @EventListener
    void onStarted(WebServerInitializedEvent event) throws IOException {
        if (directory.isEmpty()) {
            return;
        }
        String base = "http://127.0.0.1:" + event.getWebServer().getPort();
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("apiUrl", base + "/api/v1");
        content.put("tokenUrl", base + "/oauth2/token");
        content.put("clients", directory.get().secrets());
        Path target = storage.home().resolve("dev-credentials.json");
        Path tmp = Files.createTempFile(storage.home(), "dev-credentials", ".tmp");
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        Files.writeString(tmp, json.writeValueAsString(content));
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        log.info("LakeLab API at {}/api/v1 (demo-user credentials for ./lakelab token in {})", base, target);
    }
}
