package io.lakelab.platform.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A platform that wrote Iceberg data from a web request exits without a stack trace: Hadoop's
 * shutdown hook used to run with Tomcat's stopped class loader and print "Illegal access: this web
 * application instance has been stopped already" at every exit. Runs the platform in a child JVM,
 * since only a real JVM exit runs the hook.
 */
class HadoopShutdownIT {

    @Test
    void thePlatformExitsCleanlyAfterHadoopWasFirstUsedInARequest(@TempDir Path dir)
            throws IOException, InterruptedException {
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        Process process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx1g",
                        "-cp",
                        System.getProperty("java.class.path"),
                        ShutdownProbe.class.getName(),
                        "--lakelab.storage.home=" + dir.resolve("home"),
                        "--server.port=0",
                        "--logging.level.root=WARN")
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        boolean ended = process.waitFor(5, TimeUnit.MINUTES);
        if (!ended) {
            process.destroyForcibly().waitFor();
        }

        String stdout = Files.readString(out);
        String stderr = Files.readString(err);
        assertThat(ended)
                .as("the platform exits within 5 minutes; stdout:%n%s", stdout)
                .isTrue();
        assertThat(process.exitValue())
                .as("exit code; stdout:%n%s%nstderr:%n%s", stdout, stderr)
                .isZero();
        assertThat(stdout).contains("[probe] table written");
        assertThat(List.of(stdout, stderr))
                .as("stdout and stderr of the platform")
                .noneMatch(s -> s.contains("Illegal access") || s.contains("Exception"));
    }
}
