package io.lakelab.platform.trino;

import io.lakelab.catalog.ErrorCategory;
import io.lakelab.catalog.LakeLabException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Where the Trino server distribution lives: an unpacked {@code trino-server-476} directory, unpacked
 * on first use from the Maven artifact {@code io.trino:trino-server:476:tar.gz} (the full tarball:
 * only it has the {@code ranger} plugin). Nothing is downloaded here; {@code ./lakelab} fetches the
 * artifact with Maven.
 */
final class TrinoDistribution {

    /**
     * Written after {@code tar} succeeded. Without it an existing directory is unpacked over: a
     * directory from another unpacker may hold empty files where the tarball has hard links.
     */
    static final String COMPLETE = ".lakelab-unpacked";

    private TrinoDistribution() {}

    static Path locate(Path distribution, Path archive) {
        boolean archived = Files.isRegularFile(archive);
        if (Files.isRegularFile(distribution.resolve(COMPLETE)) || !archived && isDistribution(distribution)) {
            return distribution;
        }
        if (!archived) {
            throw new LakeLabException(
                    ErrorCategory.EXTERNAL,
                    "No Trino " + TrinoProperties.VERSION + " server at " + distribution + " and no archive at "
                            + archive
                            + ". Fetch it once with: ./mvnw dependency:get -Dartifact=io.trino:trino-server:"
                            + TrinoProperties.VERSION + ":tar.gz -Dtransitive=false (821 MB), or set"
                            + " lakelab.trino.distribution to an unpacked trino-server-" + TrinoProperties.VERSION
                            + ", or turn Trino off with --lakelab.trino.enabled=false.");
        }
        Path parent = distribution.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
            Process tar = new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", parent.toString())
                    .redirectErrorStream(true)
                    .start();
            String out = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!tar.waitFor(10, TimeUnit.MINUTES) || tar.exitValue() != 0) {
                throw new IOException("tar failed: " + out.strip());
            }
        } catch (IOException e) {
            throw new LakeLabException(
                    ErrorCategory.EXTERNAL, "Cannot unpack " + archive + " into " + parent + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LakeLabException(ErrorCategory.INTERNAL, "Interrupted while unpacking Trino", e);
        }
        try {
            Files.writeString(distribution.resolve(COMPLETE), archive.toString());
        } catch (IOException e) {
            // only means unpacking again next time
        }
        if (!isDistribution(distribution)) {
            throw new LakeLabException(
                    ErrorCategory.EXTERNAL,
                    archive + " did not unpack into " + distribution
                            + ": set lakelab.trino.distribution to the unpacked directory.");
        }
        return distribution;
    }

    private static boolean isDistribution(Path dir) {
        return Files.isDirectory(dir.resolve("lib"))
                && Files.isDirectory(dir.resolve("plugin").resolve("ranger"));
    }
}
