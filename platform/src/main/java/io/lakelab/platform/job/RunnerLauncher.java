package io.lakelab.platform.job;

import io.lakelab.catalog.ErrorCategory;
import io.lakelab.catalog.LakeLabException;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Starts the job runner JVM ({@code io.lakelab.jobs.JobRunner}) for one run: the Spark JVM flags,
 * the runner classpath, the run directory as working directory, stdout and stderr merged, and the
 * spec written to stdin, which is then closed. Nothing secret goes into argv or the environment.
 */
@Component
class RunnerLauncher {

    static final String MAIN_CLASS = "io.lakelab.jobs.JobRunner";

    /** The same list as {@code spark.jvm.flags} in the root pom: Spark needs these on JDK 17+. */
    static final List<String> SPARK_JVM_FLAGS = List.of(
            "-XX:+IgnoreUnrecognizedVMOptions",
            "--add-modules=jdk.incubator.vector",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
            "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
            "--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
            "-Djdk.reflect.useDirectMethodHandle=false",
            "-Dio.netty.tryReflectionSetAccessible=true",
            // needed on JDK 25, a plain system property elsewhere
            "-Dorg.apache.iceberg.shaded.io.netty.noUnsafe=false");

    private final JobsProperties properties;
    private final JsonMapper json;

    RunnerLauncher(JobsProperties properties, JsonMapper json) {
        this.properties = properties;
        this.json = json;
    }

    Process start(RunnerSpec spec, Path runDir) {
        List<String> command = command();
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(runDir.toFile()).redirectErrorStream(true);
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new LakeLabException(
                    ErrorCategory.INTERNAL,
                    "Could not start the job runner with " + properties.javaExecutable() + ": " + e.getMessage()
                            + ". Check lakelab.jobs.java-home.",
                    e);
        }
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write(json.writeValueAsString(spec).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // the runner died before reading its spec; its exit code and log tell why
        }
        return process;
    }

    List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(properties.javaExecutable().toString());
        command.addAll(SPARK_JVM_FLAGS);
        command.add("-Xmx" + properties.heap());
        command.add("-cp");
        command.add(classpath());
        command.add(MAIN_CLASS);
        return command;
    }

    private String classpath() {
        Path file = properties.runnerClasspathFile();
        Path classes = properties.runnerClasses();
        if (!Files.isRegularFile(file) || !Files.exists(classes)) {
            throw new LakeLabException(
                    ErrorCategory.INTERNAL,
                    "The job runner is not built: " + (Files.isRegularFile(file) ? classes : file)
                            + " is missing. Build it with ./mvnw -pl jobs -am package -DskipTests, or point"
                            + " lakelab.jobs.runner-classpath-file and lakelab.jobs.runner-classes at a build.");
        }
        try {
            String dependencies = Files.readString(file, StandardCharsets.UTF_8).strip();
            return dependencies.isEmpty() ? classes.toString() : classes + File.pathSeparator + dependencies;
        } catch (IOException e) {
            throw new LakeLabException(ErrorCategory.INTERNAL, "Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Whether a process is a job runner, judged by its command line, before the platform kills it. */
    static boolean isRunner(ProcessHandle handle) {
        return handle.info().commandLine().map(c -> c.contains(MAIN_CLASS)).orElse(false);
    }
}
