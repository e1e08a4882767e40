package io.lakelab.jobs;

import java.io.PrintStream;

/**
 * Prints {@code LAKELAB-PROGRESS <done>/<total> <message>} lines, the only thing the runner writes to
 * stdout; the platform parses them while the job runs. Messages are cut to one short line.
 */
final class Progress {
    static final String PREFIX = "LAKELAB-PROGRESS ";
    private static final int MAX_MESSAGE = 120;

    private final PrintStream out;
    private final int total;

    Progress(PrintStream out, int total) {
        this.out = out;
        this.total = total;
    }

    void report(int done, String message) {
        String line = message.replaceAll("\\s+", " ").strip();
        if (line.length() > MAX_MESSAGE) {
            line = line.substring(0, MAX_MESSAGE - 3) + "...";
        }
        synchronized (out) {
            out.println(PREFIX + done + "/" + total + " " + line);
            out.flush();
        }
    }
}
