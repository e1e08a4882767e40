package io.lakelab.platform.access;

import io.lakelab.platform.audit.AuditService;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stores the access decisions a job runner reports on stdout as {@code LAKELAB-AUDIT <json>} lines
 * (fields {@code user, lab, resource, action, allowed, policyId, runId, at}) in the audit trail,
 * where administrators query them ({@code GET /api/v1/audit?action=spark.}). The job launcher hands
 * every runner output line to {@link #record}; the run id it knows wins over the one in the line.
 */
@Service
public class RunnerAudit {

    public static final String PREFIX = "LAKELAB-AUDIT ";

    private final AuditService audit;
    private final JsonMapper json;

    RunnerAudit(AuditService audit, JsonMapper json) {
        this.audit = audit;
        this.json = json;
    }

    /** Records the line if it is an audit line of the run; returns whether it was one. */
    public boolean record(String runId, String line) {
        Optional<JsonNode> event = parse(line);
        if (event.isEmpty()) {
            return false;
        }
        JsonNode e = event.get();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("runId", runId);
        details.put("lab", text(e, "lab"));
        details.put("policyId", e.path("policyId").asLong(-1));
        details.put("at", text(e, "at"));
        if (e.hasNonNull("reason")) {
            details.put("reason", text(e, "reason"));
        }
        String action = text(e, "action");
        audit.record(
                text(e, "user"),
                "spark." + (action.isEmpty() ? "access" : action),
                text(e, "resource"),
                e.path("allowed").asBoolean(false) ? AuditService.Outcome.ALLOWED : AuditService.Outcome.DENIED,
                details);
        return true;
    }

    private Optional<JsonNode> parse(String line) {
        if (line == null || !line.startsWith(PREFIX)) {
            return Optional.empty();
        }
        try {
            JsonNode node = json.readTree(line.substring(PREFIX.length()));
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }

    private static String text(JsonNode e, String field) {
        JsonNode v = e.get(field);
        return v == null || v.isNull() ? "" : v.asString();
    }
}
