package io.lakelab.jobs.governance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.lakelab.jobs.AuditEvent;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects the access decisions of one run and prints each as {@code LAKELAB-AUDIT <json>} on the
 * runner's stdout, where the platform ingests them. Identical decisions within one statement are
 * kept once: Spark analyses some plans more than once and a statement may read a table twice.
 */
public final class AuditLog {
    public static final String PREFIX = "LAKELAB-AUDIT ";
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.INDENT_OUTPUT);

    private final String runId;
    private final String user;
    private final String lab;
    private final PrintStream out;
    private final List<AuditEvent> events = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private int statement;

    public AuditLog(String runId, String user, String lab, PrintStream out) {
        this.runId = runId;
        this.user = user;
        this.lab = lab;
        this.out = out;
    }

    /** Starts statement {@code n} (1-based): decisions are deduplicated per statement. */
    public synchronized void beginStatement(int n) {
        statement = n;
        seen.clear();
    }

    public synchronized void record(String resource, String action, boolean allowed, long policyId, String reason) {
        String key = resource + '\u0000' + action + '\u0000' + allowed + '\u0000' + policyId;
        if (!seen.add(key)) {
            return;
        }
        AuditEvent event =
                new AuditEvent(Instant.now(), runId, user, lab, statement, resource, action, allowed, policyId, reason);
        events.add(event);
        String line;
        try {
            line = PREFIX + JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an audit event", e);
        }
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }

    public synchronized List<AuditEvent> events() {
        return List.copyOf(events);
    }
}
