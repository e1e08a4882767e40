package io.lakelab.platform.infra;

import java.io.IOException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.util.ShutdownHookManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes Hadoop (Iceberg's file IO runs on it) stop quietly with the platform.
 *
 * <p>Hadoop's {@link ShutdownHookManager} adds one JVM shutdown hook, a thread created when the
 * class initializes; a thread inherits its creator's context class loader. Left alone, the first
 * Iceberg file access happens in a web request, so the hook's loader is Tomcat's web application
 * class loader, which Tomcat stops when the context closes: at exit the hook's {@code new
 * Configuration()} then failed to read {@code core-default.xml} and printed "Illegal access: this
 * web application instance has been stopped already" with a stack trace. Initializing Hadoop's
 * hook at startup, with the application's own class loader as context, keeps it working until the
 * JVM ends; closing Hadoop's cached file systems with the context leaves it nothing else to do.
 */
final class HadoopShutdown implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HadoopShutdown.class);

    private HadoopShutdown() {}

    /** Initializes Hadoop's shutdown hook now, on the current thread, with the platform's class loader. */
    static HadoopShutdown prepare() {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(HadoopShutdown.class.getClassLoader());
        try {
            ShutdownHookManager.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
        return new HadoopShutdown();
    }

    /** Closes Hadoop's cached file systems (deleting their delete-on-exit paths) while logging still works. */
    @Override
    public void close() {
        try {
            FileSystem.closeAll();
        } catch (IOException e) {
            log.warn("Closing Hadoop file systems failed: {}", e.toString());
        }
    }
}
