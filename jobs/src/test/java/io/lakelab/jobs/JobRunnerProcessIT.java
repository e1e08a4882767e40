package io.lakelab.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Launches the runner as the platform does: a separate JVM with the Spark flags, the build's runner
 * classpath, the spec on stdin. Checks the exit code, progress lines, result.json and that the
 * catalog password shows up nowhere in the process output.
 */
class JobRunnerProcessIT {

    @Test
    void runnerJvmRunsTheDemoJobAndReportsProgress() throws Exception {
        TestLake lake = TestLake.get();
        JobSpec spec = lake.spec(
                "process",
                TestLake.SCENARIO.fusionStatements(),
                TestLake.demoTables(),
                TestLake.demoIndicators(),
                false);
        Process process = launch();
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write(JobJson.MAPPER.writeValueAsBytes(spec));
        }
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String stderr = Files.readString(stderrFile);
        assertThat(process.exitValue()).as(stderr).isZero();
        assertThat(stdout.lines().toList())
                .allSatisfy(line -> assertThat(line).startsWith(Progress.PREFIX))
                .anySatisfy(line -> assertThat(line)
                        .startsWith("LAKELAB-PROGRESS 0/5 running statement 1: CREATE OR REPLACE TABLE registry_valid"))
                .contains("LAKELAB-PROGRESS 4/5 statement 4 done", "LAKELAB-PROGRESS 5/5 indicators done");
        assertThat(stdout + stderr).doesNotContain(TestLake.PASSWORD);
        JobResult result = JobJson.readResult(Path.of(spec.runDir(), "result.json"));
        assertThat(result.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(result.outputs()).hasSize(4);
        assertThat(result.indicators())
                .hasSize(4)
                .allSatisfy(i -> assertThat(i.value()).isNotNull());
        assertThat(Files.readString(Path.of(spec.runDir(), "result.json"))).doesNotContain(TestLake.PASSWORD);
    }

    @Test
    void runnerJvmExitsOneOnABadSpec() throws Exception {
        Path runDir = TestLake.get().root.resolve("runs/bad-spec");
        Process process = launch();
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write(("{\"runId\":\"r1\",\"labCode\":\"Bad Lab\",\"jobName\":\"j\",\"runDir\":\"" + runDir + "\"}")
                    .getBytes(StandardCharsets.UTF_8));
        }
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(Files.readString(stderrFile)).contains("Lab code 'Bad Lab' is invalid");
        JobResult result = JobJson.readResult(runDir.resolve("result.json"));
        assertThat(result.state()).isEqualTo(JobState.FAILED);
        assertThat(result.error()).contains("Lab code 'Bad Lab' is invalid");
    }

    private Path stderrFile;

    private Process launch() throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            // the Spark flags this test JVM got from the build (ARCHITECTURE.md, "JVM flags for Spark")
            if (arg.startsWith("--add-")
                    || arg.startsWith("-XX:+Ignore")
                    || arg.startsWith("-Djdk.reflect")
                    || arg.startsWith("-Dio.netty")) {
                command.add(arg);
            }
        }
        command.addAll(List.of("-Xmx1g", "-cp", classpath(), JobRunner.class.getName()));
        stderrFile = Files.createTempFile("runner", ".stderr");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderrFile.toFile());
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        return builder.start();
    }

    /** What the platform uses: the module's classes plus target/runner-classpath.txt written by the build. */
    private static String classpath() throws Exception {
        Path file = Path.of("target", "runner-classpath.txt");
        if (Files.exists(file) && Files.isDirectory(Path.of("target", "classes"))) {
            return Path.of("target", "classes").toAbsolutePath()
                    + File.pathSeparator
                    + Files.readString(file).strip();
        }
        return System.getProperty("java.class.path");
    }
}
