package io.lakelab.platform.trino;

import io.lakelab.catalog.ErrorCategory;
import io.lakelab.catalog.LakeLabException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Finds a JDK that can run Trino 476 (Java 24 or later): the configured {@code
 * lakelab.trino.java-home}, then {@code TRINO_JAVA_HOME}, then the newest JDK under {@code
 * /usr/lib/jvm}. The platform itself runs on 17, so this is usually a second JDK beside it.
 */
final class TrinoJava {

    static final int MINIMUM = 24;

    private TrinoJava() {}

    /** The {@code bin/java} to start Trino with, or an error that says what to install. */
    static Path locate(String configured) {
        List<Path> candidates = new ArrayList<>();
        if (configured != null && !configured.isBlank()) {
            candidates.add(Path.of(configured));
        } else {
            String env = System.getenv("TRINO_JAVA_HOME");
            if (env != null && !env.isBlank()) {
                candidates.add(Path.of(env));
            }
            candidates.add(Path.of(System.getProperty("java.home")));
            candidates.addAll(installed(Path.of("/usr/lib/jvm")));
        }
        return candidates.stream()
                .filter(home -> version(home).orElse(0) >= MINIMUM)
                .max(Comparator.comparingInt((Path home) -> version(home).orElse(0)))
                .map(home -> home.resolve("bin").resolve("java"))
                .orElseThrow(
                        () -> new LakeLabException(
                                ErrorCategory.EXTERNAL,
                                "Trino " + TrinoProperties.VERSION + " needs a JDK " + MINIMUM
                                        + " or later, and none was found"
                                        + (configured == null || configured.isBlank()
                                                ? " (looked at TRINO_JAVA_HOME, this JVM and /usr/lib/jvm/*)"
                                                : " at " + configured)
                                        + ". Install one (e.g. Temurin 25: apt-get install temurin-25-jdk, or unpack a JDK 25 from"
                                        + " adoptium.net) and point LakeLab at it with TRINO_JAVA_HOME=/path/to/jdk or"
                                        + " --lakelab.trino.java-home=/path/to/jdk; or turn Trino off with --lakelab.trino.enabled=false."));
    }

    private static List<Path> installed(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> homes = Files.list(dir)) {
            return homes.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The feature version from the JDK's {@code release} file (e.g. 25), if it is a JDK with a java binary. */
    static Optional<Integer> version(Path home) {
        Path release = home.resolve("release");
        if (!Files.isExecutable(home.resolve("bin").resolve("java")) || !Files.isRegularFile(release)) {
            return Optional.empty();
        }
        try (var in = Files.newBufferedReader(release)) {
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("JAVA_VERSION", "").replace("\"", "");
            String feature = v.startsWith("1.") ? v.substring(2) : v;
            int end = 0;
            while (end < feature.length() && Character.isDigit(feature.charAt(end))) {
                end++;
            }
            return end == 0 ? Optional.empty() : Optional.of(Integer.parseInt(feature.substring(0, end)));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
