package io.lakelab.platform.audit;

import io.lakelab.catalog.ErrorCategory;
import io.lakelab.catalog.LakeLabException;
import io.lakelab.platform.infra.StorageProperties;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The signed daily checkpoints, one JSON file per UTC day under {@code <audit dir>/checkpoints}
 * (writing again on the same day replaces that day's file with the newer state). The directory and
 * the signing key are created on first use, readable by the platform's user only.
 */
@Component
class AuditCheckpoints {

    private final Path directory;
    private final JsonMapper json;
    private volatile SigningKey key;

    AuditCheckpoints(AuditProperties properties, StorageProperties storage, JsonMapper json) {
        this.directory = properties.directory() != null
                ? properties.directory().toAbsolutePath()
                : storage.home().resolve("audit");
        this.json = json;
    }

    Path directory() {
        return directory;
    }

    SigningKey key() {
        SigningKey k = key;
        if (k == null) {
            ensureDirectory(directory);
            k = SigningKey.loadOrCreate(directory);
            key = k;
        }
        return k;
    }

    /** Signs the chain head as today's checkpoint and writes it. */
    Checkpoint write(AuditRepository.Head head) {
        SigningKey k = key();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Checkpoint unsigned = new Checkpoint(
                at.atZone(ZoneOffset.UTC).toLocalDate(),
                at,
                head.records(),
                head.lastId(),
                head.hash(),
                SigningKey.ALGORITHM,
                k.keyId(),
                null);
        Checkpoint signed = new Checkpoint(
                unsigned.day(),
                at,
                unsigned.records(),
                unsigned.lastId(),
                unsigned.hash(),
                unsigned.algorithm(),
                unsigned.keyId(),
                k.sign(unsigned.payload()));
        Path dir = directory.resolve("checkpoints");
        ensureDirectory(dir);
        Path file = dir.resolve(signed.day() + ".json");
        Path tmp = dir.resolve(signed.day() + ".json.tmp");
        try {
            Files.writeString(tmp, json.writeValueAsString(signed) + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new LakeLabException(
                    ErrorCategory.INTERNAL, "Cannot write the audit checkpoint " + file + ": " + e.getMessage(), e);
        }
        return signed;
    }

    boolean exists(java.time.LocalDate day) {
        return Files.isRegularFile(directory.resolve("checkpoints").resolve(day + ".json"));
    }

    /** Every checkpoint file, oldest first; a file that does not parse is reported as a problem. */
    List<Stored> all() {
        Path dir = directory.resolve("checkpoints");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Stored> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .sorted()
                    .toList()) {
                try {
                    out.add(new Stored(f.getFileName().toString(), json.readValue(f.toFile(), Checkpoint.class)));
                } catch (RuntimeException e) {
                    out.add(new Stored(f.getFileName().toString(), null));
                }
            }
        } catch (IOException e) {
            throw new LakeLabException(ErrorCategory.INTERNAL, "Cannot list audit checkpoints in " + dir, e);
        }
        return out;
    }

    /** A checkpoint file and its content ({@code null} when it did not parse). */
    record Stored(String file, Checkpoint checkpoint) {}

    private static void ensureDirectory(Path dir) {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(
                        dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
        } catch (IOException e) {
            throw new LakeLabException(
                    ErrorCategory.INTERNAL, "Cannot create the audit directory " + dir + ": " + e.getMessage(), e);
        }
    }
}
