package io.lakelab.platform.trino;

import io.lakelab.catalog.ErrorCategory;
import io.lakelab.catalog.LakeLabException;
import io.lakelab.platform.audit.AuditService;
import io.lakelab.platform.identity.CurrentUser;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Runs analysts' SQL through Trino as the calling user: the caller's own bearer token goes to Trino
 * (JWT authentication), so Trino's Ranger access control applies the caller's lab grants, and the
 * platform never impersonates anyone. Row limit and timeout are enforced on the JDBC statement;
 * every query is audited ({@code query.run}) with its outcome, row count and Trino query id.
 */
@Service
public class QueryService {

    private static final int AUDITED_SQL_CHARS = 2000;
    /**
     * Trino's Ranger access control has one check for reads, per column: for {@code count(*)} it
     * asks for no columns and words the refusal "Cannot select from columns [] in table or view t".
     */
    private static final Pattern DENIED_COLUMNS =
            Pattern.compile("Cannot select from columns \\[([^\\]]*)\\] in table or view ([\\w.\"]+)");

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "trino-query-timeout");
        t.setDaemon(true);
        return t;
    });

    private final ObjectProvider<TrinoServer> trino;
    private final AuditService audit;

    QueryService(ObjectProvider<TrinoServer> trino, AuditService audit) {
        this.trino = trino;
        this.audit = audit;
    }

    public QueryResult run(CurrentUser user, String bearerToken, QueryRequest request) {
        TrinoServer server = trino.getIfAvailable();
        if (server == null) {
            throw new LakeLabException(
                    ErrorCategory.EXTERNAL,
                    "Trino is not running on this platform: start it with --lakelab.trino.enabled=true"
                            + " (./lakelab serve and ./lakelab demo do).");
        }
        long start = System.nanoTime();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("sql", abbreviate(request.sql()));
        details.put("maxRows", request.maxRows());
        AtomicBoolean timedOut = new AtomicBoolean();
        try (Connection c = server.connect(user.username(), bearerToken);
                Statement s = c.createStatement()) {
            // Cancelled from here rather than with setQueryTimeout: that sets the session property
            // query_max_run_time, which analysts' policies (rightly) do not allow.
            ScheduledFuture<?> deadline = TIMER.schedule(
                    () -> {
                        timedOut.set(true);
                        try {
                            s.cancel();
                        } catch (SQLException e) {
                            // the query ended meanwhile
                        }
                    },
                    request.timeoutSeconds(),
                    TimeUnit.SECONDS);
            s.setLargeMaxRows(request.maxRows() + 1L);
            QueryResult result;
            try (ResultSet rs = s.executeQuery(request.sql())) {
                result = read(rs, request.maxRows(), start);
            } finally {
                deadline.cancel(false);
            }
            details.put("rows", result.rows().size());
            details.put("truncated", result.truncated());
            details.put("queryId", result.queryId());
            details.put("elapsedMs", result.elapsedMs());
            audit.record(user.username(), "query.run", "trino:lakelab", AuditService.Outcome.SUCCEEDED, details);
            return result;
        } catch (SQLException e) {
            LakeLabException error =
                    translate(timedOut.get() ? new SQLTimeoutException(e.getMessage(), e) : e, request);
            details.put("error", error.getMessage());
            audit.record(
                    user.username(),
                    "query.run",
                    "trino:lakelab",
                    error.category() == ErrorCategory.FORBIDDEN
                            ? AuditService.Outcome.DENIED
                            : AuditService.Outcome.FAILED,
                    details);
            throw error;
        }
    }

    private static QueryResult read(ResultSet rs, int maxRows, long start) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        List<QueryResult.Column> columns = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            columns.add(new QueryResult.Column(md.getColumnLabel(i), md.getColumnTypeName(i)));
        }
        List<List<Object>> rows = new ArrayList<>();
        boolean truncated = false;
        while (rs.next()) {
            if (rows.size() == maxRows) {
                truncated = true;
                break;
            }
            List<Object> row = new ArrayList<>(columns.size());
            for (int i = 1; i <= columns.size(); i++) {
                row.add(jsonValue(rs.getObject(i)));
            }
            rows.add(row);
        }
        String queryId = rs.isWrapperFor(io.trino.jdbc.TrinoResultSet.class)
                ? rs.unwrap(io.trino.jdbc.TrinoResultSet.class).getQueryId()
                : null;
        return new QueryResult(
                columns,
                rows,
                truncated,
                queryId,
                Duration.ofNanos(System.nanoTime() - start).toMillis());
    }

    private static Object jsonValue(Object v) {
        if (v == null
                || v instanceof String
                || v instanceof Boolean
                || v instanceof Long
                || v instanceof Integer
                || v instanceof Short
                || v instanceof Byte
                || v instanceof BigDecimal) {
            return v;
        }
        if (v instanceof Double d) {
            return d.isNaN() || d.isInfinite() ? d.toString() : d;
        }
        if (v instanceof Float f) {
            return f.isNaN() || f.isInfinite() ? f.toString() : f.doubleValue();
        }
        if (v instanceof byte[] bytes) {
            return java.util.Base64.getEncoder().encodeToString(bytes);
        }
        // java.sql.Date/Timestamp/Time print ISO-like text; arrays, maps and rows print Trino's text form.
        return v.toString();
    }

    static LakeLabException translate(SQLException e, QueryRequest request) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        if (message.contains("Access Denied")) {
            return new LakeLabException(ErrorCategory.FORBIDDEN, denied(message));
        }
        if (e instanceof SQLTimeoutException || message.contains("exceeded") && message.contains("time limit")) {
            return LakeLabException.badRequest("The query ran longer than " + request.timeoutSeconds()
                    + " s and was cancelled: narrow it (filters, LIMIT) or raise timeoutSeconds (at most "
                    + QueryRequest.MAX_TIMEOUT_SECONDS + ").");
        }
        if (message.contains("Authentication failed") || message.contains("Unauthorized")) {
            return new LakeLabException(ErrorCategory.EXTERNAL, "Trino refused the forwarded token: " + message, e);
        }
        if (e.getCause() instanceof java.io.IOException || message.contains("Error executing query")) {
            return new LakeLabException(ErrorCategory.EXTERNAL, "Trino could not be reached: " + message, e);
        }
        return LakeLabException.badRequest("Trino rejected the query: " + message);
    }

    /** A refusal in words an analyst can act on; Trino's own text when it is clear already. */
    static String denied(String trinoMessage) {
        String ask = "ask for access with an access request (POST /api/v1/access-requests)";
        Matcher m = DENIED_COLUMNS.matcher(trinoMessage);
        if (!m.find()) {
            return trinoMessage + " (your lab's grants do not cover this; " + ask + ")";
        }
        String table = m.group(2);
        if (m.group(1).isBlank()) {
            return "Access Denied: Cannot select from table " + table + ": none of your labs has a grant for it;" + " "
                    + ask + ".";
        }
        return "Access Denied: Cannot select columns [" + m.group(1) + "] from table " + table
                + ": your labs' grants do not include them (or not the table at all); list your grants with"
                + " GET /api/v1/grants?lab=<lab>, or " + ask + ".";
    }

    private static String abbreviate(String sql) {
        return sql.length() <= AUDITED_SQL_CHARS ? sql : sql.substring(0, AUDITED_SQL_CHARS) + "...";
    }
}
