package io.lakelab.platform.job;

import io.lakelab.catalog.TableRef;
import io.lakelab.catalog.Workspaces;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cheap look at submitted SQL for tables outside the lab's workspace: names qualified with the
 * source namespace ({@code datasets.x}) or another lab's workspace ({@code lab_other.y}), after
 * string literals and comments are removed. It lets the platform refuse an obviously ungranted job
 * before a runner JVM starts; the runner's Spark-parser check remains the one that counts.
 */
final class TableReferences {

    private static final Pattern COMMENTS_AND_LITERALS =
            Pattern.compile("--[^\\n]*|/\\*.*?\\*/|'(?:[^'\\\\]|\\\\.)*'|\"(?:[^\"\\\\]|\\\\.)*\"", Pattern.DOTALL);
    private static final Pattern QUALIFIED = Pattern.compile(
            "(?<![\\w.`])(?:`?lakelab`?\\s*\\.\\s*)?`?(" + Workspaces.SOURCE_NAMESPACE
                    + "|lab_[a-z0-9_]+)`?\\s*\\.\\s*`?([a-z][a-z0-9_]*)`?",
            Pattern.CASE_INSENSITIVE);

    private TableReferences() {}

    /** Tables in the source namespace or in any lab workspace other than {@code workspace}. */
    static Set<TableRef> outside(String workspace, List<String> statements) {
        Set<TableRef> found = new LinkedHashSet<>();
        for (String statement : statements) {
            String code = COMMENTS_AND_LITERALS.matcher(statement).replaceAll(" ");
            Matcher m = QUALIFIED.matcher(code);
            while (m.find()) {
                String namespace = m.group(1).toLowerCase(Locale.ROOT);
                String name = m.group(2).toLowerCase(Locale.ROOT);
                if (!namespace.equals(workspace) && name.length() <= 64) {
                    found.add(new TableRef(namespace, name));
                }
            }
        }
        return found;
    }
}
