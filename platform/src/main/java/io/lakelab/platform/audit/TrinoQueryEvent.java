package io.lakelab.platform.audit;

import io.lakelab.catalog.LakeLabException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * One query event as Trino's HTTP event listener posts it (the JSON of Trino's {@code
 * QueryCreatedEvent} or {@code QueryCompletedEvent}), reduced to what the audit keeps: who, the
 * query id, the SQL text, the tables and columns read (with masks and row filters applied), the
 * output row count, and the outcome; a failure with Trino's {@code PERMISSION_DENIED} error code is
 * a denial.
 */
record TrinoQueryEvent(
        boolean completed, String user, String queryId, AuditService.Outcome outcome, Map<String, Object> details) {

    /** Action of a query Trino accepted (planning starts). */
    static final String CREATED = "trino.query.created";
    /** Action of a finished query (succeeded, failed or denied). */
    static final String COMPLETED = "trino.query";

    static final int SQL_CHARS = 20_000;

    String action() {
        return completed ? COMPLETED : CREATED;
    }

    static TrinoQueryEvent parse(JsonNode event) {
        JsonNode metadata = event.path("metadata");
        JsonNode context = event.path("context");
        String queryId = text(metadata, "queryId");
        String user = text(context, "user");
        if (queryId == null || user == null) {
            throw LakeLabException.badRequest(
                    "Not a Trino query event: expected metadata.queryId and context.user (post QueryCreatedEvent or"
                            + " QueryCompletedEvent JSON, as Trino's http event listener does).");
        }
        boolean completed = event.has("statistics") || event.has("ioMetadata") || event.has("endTime");
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("queryId", queryId);
        String sql = text(metadata, "query");
        if (sql != null) {
            d.put("sql", sql.length() <= SQL_CHARS ? sql : sql.substring(0, SQL_CHARS) + "...");
        }
        put(d, "source", text(context, "source"));
        put(d, "principal", text(context, "principal"));
        put(d, "state", text(metadata, "queryState"));
        if (!completed) {
            return new TrinoQueryEvent(false, user, queryId, AuditService.Outcome.STARTED, d);
        }
        Map<String, Set<String>> columns = new TreeMap<>();
        for (JsonNode input : event.path("ioMetadata").path("inputs")) {
            Set<String> read = columns.computeIfAbsent(
                    input.path("catalogName").asString("") + "."
                            + input.path("schema").asString("") + "."
                            + input.path("table").asString(""),
                    k -> new TreeSet<>());
            for (JsonNode c : input.path("columns")) {
                // Trino 476 posts {"name", "type"} per column; older releases posted the bare name.
                read.add(
                        c.isString()
                                ? c.stringValue()
                                : c.path("name").asString(c.path("column").asString("")));
            }
        }
        d.put("tables", List.copyOf(columns.keySet()));
        Map<String, List<String>> columnLists = new TreeMap<>();
        columns.forEach((t, cs) -> columnLists.put(t, List.copyOf(cs)));
        d.put("columns", columnLists);
        governance(event.path("metadata").path("tables"), d);
        JsonNode output = event.path("ioMetadata").path("output");
        if (output.isObject()) {
            d.put(
                    "output",
                    output.path("catalogName").asString("") + "."
                            + output.path("schema").asString("") + "."
                            + output.path("table").asString(""));
        }
        JsonNode stats = event.path("statistics");
        if (stats.has("outputRows")) {
            d.put("rows", stats.path("outputRows").asLong());
        }
        if (stats.has("writtenRows") && stats.path("writtenRows").asLong() > 0) {
            d.put("writtenRows", stats.path("writtenRows").asLong());
        }
        JsonNode failure = event.path("failureInfo");
        AuditService.Outcome outcome = AuditService.Outcome.SUCCEEDED;
        if (failure.isObject()) {
            String code = failure.path("errorCode").path("name").asString("");
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("errorCode", code);
            put(f, "errorType", text(failure.path("errorCode"), "type"));
            put(f, "message", text(failure, "failureMessage"));
            d.put("failure", f);
            outcome = "PERMISSION_DENIED".equals(code) ? AuditService.Outcome.DENIED : AuditService.Outcome.FAILED;
        }
        return new TrinoQueryEvent(true, user, queryId, outcome, d);
    }

    /** Masks and row filters Trino applied, from the event's table infos. */
    private static void governance(JsonNode tables, Map<String, Object> d) {
        Map<String, List<String>> masked = new TreeMap<>();
        List<String> filtered = new ArrayList<>();
        for (JsonNode t : tables) {
            String name = t.path("catalog").asString("") + "."
                    + t.path("schema").asString("") + "." + t.path("table").asString("");
            List<String> maskedColumns = new ArrayList<>();
            for (JsonNode c : t.path("columns")) {
                if (c.path("mask").isString()) {
                    maskedColumns.add(c.path("column").asString(""));
                }
            }
            if (!maskedColumns.isEmpty()) {
                masked.put(name, maskedColumns);
            }
            if (t.path("filters").size() > 0 && !filtered.contains(name)) {
                filtered.add(name);
            }
        }
        if (!masked.isEmpty()) {
            d.put("masked", masked);
        }
        if (!filtered.isEmpty()) {
            d.put("rowFiltered", filtered);
        }
    }

    private static void put(Map<String, Object> d, String key, String value) {
        if (value != null && !value.isBlank()) {
            d.put(key, value);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isString() ? v.stringValue() : null;
    }
}
