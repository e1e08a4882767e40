package io.lakelab.platform.job;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How job runs are launched: the JDK that runs the runner JVM, the runner's classpath (a file
 * listing the dependency jars, written by the jobs module build, plus the jobs jar or classes
 * directory), the Spark master, heap and shuffle partitions of each run, and how many runs may
 * execute at once across all labs, and how often running jobs poll for policy changes.
 */
@ConfigurationProperties("lakelab.jobs")
public record JobsProperties(
        Path javaHome,
        Path runnerClasspathFile,
        Path runnerClasses,
        String sparkMaster,
        Integer maxConcurrent,
        String heap,
        Integer shufflePartitions,
        Long policyRefreshMillis) {

    public JobsProperties {
        javaHome = javaHome == null ? Path.of(System.getProperty("java.home")) : javaHome;
        runnerClasspathFile = (runnerClasspathFile == null
                        ? Path.of("jobs/target/runner-classpath.txt")
                        : runnerClasspathFile)
                .toAbsolutePath()
                .normalize();
        runnerClasses = (runnerClasses == null ? Path.of("jobs/target/classes") : runnerClasses)
                .toAbsolutePath()
                .normalize();
        sparkMaster = sparkMaster == null || sparkMaster.isBlank() ? "local[2]" : sparkMaster;
        maxConcurrent = maxConcurrent == null || maxConcurrent < 1 ? 1 : maxConcurrent;
        heap = heap == null || heap.isBlank() ? "2g" : heap;
        shufflePartitions = shufflePartitions == null || shufflePartitions < 1 ? 4 : shufflePartitions;
        // A revoke or expiry must reach new statements of running jobs within 5 s.
        policyRefreshMillis = policyRefreshMillis == null || policyRefreshMillis < 100 ? 1000 : policyRefreshMillis;
    }

    public Path javaExecutable() {
        return javaHome.resolve("bin").resolve("java");
    }
}
