package io.lakelab.platform.indicator;

import io.lakelab.catalog.LakeLabException;
import io.lakelab.catalog.Workspaces;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks an indicator's SQL before it is stored: one SELECT (or WITH ... SELECT) statement that
 * reads only tables of the lab's workspace, and finds the tables it reads. A lexical check, enough
 * to refuse the wrong kind of statement early; the runner executes the query in the governed
 * session, which is what enforces access.
 */
final class IndicatorSql {

    private static final Pattern COMMENTS_AND_LITERALS =
            Pattern.compile("--[^\\n]*|/\\*.*?\\*/|'(?:[^'\\\\]|\\\\.)*'|\"(?:[^\"\\\\]|\\\\.)*\"", Pattern.DOTALL);
    private static final Pattern START = Pattern.compile("(?is)^\\s*\\(*\\s*(select|with)\\b.*");
    private static final Pattern WRITES = Pattern.compile(
            "(?i)\\b(insert|update|delete|merge|create|drop|alter|truncate|call|set|reset|add|refresh|cache"
                    + "|uncache|msck|load|use|grant|revoke)\\s+(into|table|from|view|database|schema|namespace|function"
                    + "|overwrite|jar|file|catalog|lazy|[a-z_]+\\s*=)");
    private static final Pattern TABLE = Pattern.compile("(?i)\\b(?:from|join)\\s+(`?[a-z_][\\w`.]*)");
    private static final Pattern CTE = Pattern.compile("(?i)(?:\\bwith|,)\\s*`?([a-z_]\\w*)`?\\s+as\\s*\\(");

    private IndicatorSql() {}

    /** The qualified workspace tables {@code sql} reads; a bad request if it is not a single SELECT. */
    static List<String> tables(String workspace, String code, String sql) {
        String stripped = COMMENTS_AND_LITERALS.matcher(sql).replaceAll(" ").strip();
        while (stripped.endsWith(";")) {
            stripped = stripped.substring(0, stripped.length() - 1).strip();
        }
        if (stripped.contains(";")) {
            throw LakeLabException.badRequest("Indicator " + code
                    + "'s SQL holds more than one statement: give a single SELECT that returns one number.");
        }
        if (!START.matcher(stripped).matches() || WRITES.matcher(stripped).find()) {
            throw LakeLabException.badRequest("Indicator " + code
                    + "'s SQL is not a single SELECT query: give a SELECT (or WITH ... SELECT) over tables of"
                    + " workspace " + workspace + " that returns one number.");
        }
        Set<String> ctes = new LinkedHashSet<>();
        Matcher cte = CTE.matcher(stripped);
        while (cte.find()) {
            ctes.add(cte.group(1).toLowerCase(Locale.ROOT));
        }
        Set<String> tables = new LinkedHashSet<>();
        Matcher m = TABLE.matcher(stripped);
        while (m.find()) {
            String[] parts =
                    m.group(1).replace("`", "").toLowerCase(Locale.ROOT).split("\\.");
            if (parts.length == 1) {
                if (!ctes.contains(parts[0])) {
                    tables.add(workspace + "." + parts[0]);
                }
                continue;
            }
            int ns = parts.length == 3 && parts[0].equals("lakelab") ? 1 : 0;
            boolean namesTable = parts[ns].equals(Workspaces.SOURCE_NAMESPACE)
                    || Workspaces.labOf(parts[ns]).isPresent();
            if (!namesTable) {
                continue; // alias.column, as in EXTRACT(YEAR FROM m.month)
            }
            if (parts.length - ns != 2 || !parts[ns].equals(workspace)) {
                throw LakeLabException.badRequest(
                        "Indicator " + code + " reads " + m.group(1).replace("`", "")
                                + ", which is not a table of the lab's workspace " + workspace
                                + ": indicators may read only the lab's own tables (write them with a job first).");
            }
            tables.add(workspace + "." + parts[ns + 1]);
        }
        if (tables.isEmpty()) {
            throw LakeLabException.badRequest("Indicator " + code
                    + "'s SQL reads no table: give a SELECT over tables of workspace " + workspace + ".");
        }
        return List.copyOf(tables);
    }
}
