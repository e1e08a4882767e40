package io.lakelab.catalog.iceberg;

import io.lakelab.catalog.DatasetSchema;
import io.lakelab.catalog.LakeLabException;
import io.lakelab.catalog.QualityRule;
import io.lakelab.catalog.UnifiedCreditCode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * Applies what a dataset schema declares beyond types to every row that parsed: trims string cells
 * when the dataset asks for it, checks the primary key (every key column filled, the key unique in
 * the file and, when appending, against the rows already in the table) and each {@link QualityRule},
 * and profiles every column. ERROR rules and the key add violations, which refuse the file; WARN
 * rules are only counted.
 */
public final class QualityChecks {
    private static final int EXAMPLES = 5;
    /** Where a remembered value came from when it is already in the table rather than in the file. */
    private static final long IN_TABLE = -1;

    private final DatasetSchema declared;
    private final List<Types.NestedField> fields;
    private final List<ColumnProfiler> profilers = new ArrayList<>();
    private final int[] keyIndexes;
    // first line (CSV) or row (Parquet) of each key: a long per row, not a string, as files can be large
    private final Map<List<Object>, Long> keys = new HashMap<>();
    private final Result keyResult;
    private final List<Check> checks = new ArrayList<>();
    private long rows;

    /** Checks {@code declared}'s rules against the table schema; a bound or value of the wrong type is a 400. */
    QualityChecks(DatasetSchema declared, Schema table) {
        this.declared = declared;
        this.fields = table.columns();
        fields.forEach(f -> profilers.add(new ColumnProfiler(f.name())));
        this.keyIndexes =
                declared.primaryKey().stream().mapToInt(k -> indexOf(table, k)).toArray();
        this.keyResult = declared.primaryKey().isEmpty()
                ? null
                : new Result(
                        "primary key (" + String.join(", ", declared.primaryKey()) + ") unique and filled",
                        String.join(",", declared.primaryKey()),
                        QualityRule.Severity.ERROR);
        for (QualityRule rule : declared.qualityRules()) {
            int index = indexOf(table, rule.column());
            checks.add(new Check(rule, index, fields.get(index).type()));
        }
    }

    /** Throws a 400 naming the rule when a rule's bounds or values do not fit its column's type. */
    public static void validate(DatasetSchema schema) {
        new QualityChecks(schema, schema.toIcebergSchema());
    }

    private static int indexOf(Schema table, String column) {
        return table.columns().indexOf(table.findField(column));
    }

    /** Column indexes whose values must be unique against the table too (key and UNIQUE rules). */
    Set<Integer> uniqueColumns() {
        Set<Integer> columns = new HashSet<>();
        Arrays.stream(keyIndexes).forEach(columns::add);
        checks.stream()
                .filter(c -> c.rule.type() == QualityRule.RuleType.UNIQUE)
                .forEach(c -> columns.add(c.index));
        return columns;
    }

    /**
     * Remembers a row already in the table (projected to the {@link #uniqueColumns()}), so appended rows
     * may not repeat its key or unique values.
     */
    void existing(Record row) {
        if (keyIndexes.length > 0) {
            Object[] values = new Object[keyIndexes.length];
            for (int k = 0; k < keyIndexes.length; k++) {
                values[k] = row.getField(fields.get(keyIndexes[k]).name());
            }
            keys.putIfAbsent(Arrays.asList(values), IN_TABLE);
        }
        for (Check check : checks) {
            Object value = check.seen == null
                    ? null
                    : row.getField(fields.get(check.index).name());
            if (value != null) {
                check.seen.putIfAbsent(value, IN_TABLE);
            }
        }
    }

    /** Trims, checks and profiles one parsed row; false when it breaks the key or an ERROR rule. */
    boolean check(Violation.Position at, Record record, Violations violations) {
        rows++;
        boolean ok = true;
        for (int i = 0; i < fields.size(); i++) {
            Object raw = record.get(i);
            Object stored = raw;
            if (declared.trimStrings() && raw instanceof String s) {
                String trimmed = s.strip();
                stored = trimmed.isEmpty() ? null : trimmed;
                record.set(i, stored);
                if (stored == null && fields.get(i).isRequired()) {
                    violations.add(at, fields.get(i).name(), "is required but holds only spaces");
                    ok = false;
                }
            }
            profilers.get(i).add(at, raw, stored);
        }
        if (keyIndexes.length > 0) {
            ok &= checkKey(at, record, violations);
        }
        for (Check check : checks) {
            String problem = check.problem(record.get(check.index), at);
            if (problem != null) {
                ok &= !check.result.add(at, problem, violations);
            }
        }
        return ok;
    }

    private boolean checkKey(Violation.Position at, Record record, Violations violations) {
        List<Object> key = keyOf(record);
        String problem;
        if (key.contains(null)) {
            problem = "is part of the primary key but empty; every key column needs a value";
        } else {
            Long first = keys.putIfAbsent(key, place(at));
            problem = first == null
                    ? null
                    : "repeats the primary key " + key + " of " + origin(first, at) + "; keep one row per key";
        }
        return problem == null || !keyResult.add(at, problem, violations);
    }

    private static long place(Violation.Position at) {
        return at.line() != null ? at.line() : at.row();
    }

    /** "line 3" or "row 3" (as {@code at} is counted) or "a row already in the table". */
    private static String origin(long place, Violation.Position at) {
        if (place == IN_TABLE) {
            return "a row already in the table";
        }
        return (at.line() != null ? "line " : "row ") + place;
    }

    private List<Object> keyOf(Record record) {
        Object[] values = new Object[keyIndexes.length];
        for (int k = 0; k < keyIndexes.length; k++) {
            values[k] = record.get(keyIndexes[k]);
        }
        return Arrays.asList(values);
    }

    QualityProfile profile() {
        List<QualityProfile.RuleResult> results = new ArrayList<>();
        if (keyResult != null) {
            results.add(keyResult.result());
        }
        checks.forEach(c -> results.add(c.result.result()));
        return new QualityProfile(
                rows,
                declared.trimStrings(),
                profilers.stream().map(ColumnProfiler::profile).toList(),
                results);
    }

    /** Warnings for a 201: whitespace, spellings, and WARN rules that rows broke. */
    List<String> warnings() {
        List<String> warnings = new ArrayList<>();
        profilers.forEach(p -> warnings.addAll(p.warnings(declared.trimStrings())));
        for (Check check : checks) {
            QualityProfile.RuleResult r = check.result.result();
            if (!r.passed()) {
                warnings.add(r.violations() + " row(s) break the rule " + r.rule() + " (e.g. "
                        + r.examples().get(0) + "); the rule is WARN, so they were loaded.");
            }
        }
        return warnings;
    }

    /** Counts one rule's violations; for ERROR rules also adds them to the file's violations. */
    private static final class Result {
        private final String label;
        private final String column;
        private final QualityRule.Severity severity;
        private final List<String> examples = new ArrayList<>();
        private long count;

        Result(String label, String column, QualityRule.Severity severity) {
            this.label = label;
            this.column = column;
            this.severity = severity;
        }

        /** True when the row must be refused. */
        boolean add(Violation.Position at, String problem, Violations violations) {
            count++;
            if (examples.size() < EXAMPLES) {
                examples.add(ColumnProfiler.where(at) + ": " + problem);
            }
            if (severity == QualityRule.Severity.ERROR) {
                String[] columns = column.split(",");
                violations.add(at, columns.length == 1 ? column : "(key)", problem + " [rule: " + label + "]");
                return true;
            }
            return false;
        }

        QualityProfile.RuleResult result() {
            return new QualityProfile.RuleResult(label, column, severity.name(), count, examples);
        }
    }

    /** One declared rule, compiled against its column's type. */
    private static final class Check {
        final QualityRule rule;
        final int index;
        final Result result;
        final Map<Object, Long> seen;
        private final Set<Object> allowed = new HashSet<>();
        private final Comparable<Object> min;
        private final Comparable<Object> max;
        private final Pattern pattern;

        Check(QualityRule rule, int index, Type type) {
            this.rule = rule;
            this.index = index;
            this.result = new Result(rule.label(), rule.column(), rule.severity());
            this.seen = rule.type() == QualityRule.RuleType.UNIQUE ? new HashMap<>() : null;
            for (String value : rule.values()) {
                allowed.add(type.typeId() == Type.TypeID.STRING ? value : bound(rule, "value", value, type));
            }
            this.min = rule.type() == QualityRule.RuleType.RANGE ? bound(rule, "min", rule.min(), type) : null;
            this.max = rule.type() == QualityRule.RuleType.RANGE ? bound(rule, "max", rule.max(), type) : null;
            if (min != null && max != null && min.compareTo(max) > 0) {
                throw LakeLabException.badRequest("The RANGE rule on column '" + rule.column() + "' has min "
                        + rule.min() + " above max " + rule.max() + ": swap the bounds.");
            }
            this.pattern = rule.pattern() == null ? null : Pattern.compile(rule.pattern());
        }

        @SuppressWarnings("unchecked")
        private static Comparable<Object> bound(QualityRule rule, String what, String text, Type type) {
            if (text == null || text.isBlank()) {
                return null;
            }
            try {
                return (Comparable<Object>) Values.parse(text, type);
            } catch (Values.BadValue e) {
                throw LakeLabException.badRequest("The " + rule.type() + " rule on column '" + rule.column() + "' has "
                        + what + " " + e.getMessage() + ": write it as the column's CSV cells are written.");
            }
        }

        /** What is wrong with {@code value} under this rule, or null. */
        @SuppressWarnings("unchecked")
        String problem(Object value, Violation.Position at) {
            if (value == null) {
                return rule.type() == QualityRule.RuleType.NOT_NULL ? "is empty but the rule requires a value" : null;
            }
            return switch (rule.type()) {
                case NOT_NULL -> null;
                case UNIQUE -> {
                    Long first = seen.putIfAbsent(value, place(at));
                    yield first == null ? null : "value '" + value + "' repeats that of " + origin(first, at);
                }
                case ALLOWED_VALUES ->
                    allowed.contains(value)
                            ? null
                            : "'" + value + "' is not one of the allowed values " + rule.values();
                case RANGE -> {
                    Comparable<Object> v = (Comparable<Object>) value;
                    boolean low = min != null && v.compareTo(min) < 0;
                    boolean high = max != null && v.compareTo(max) > 0;
                    yield low || high
                            ? value + " is outside the range [" + text(rule.min()) + ", " + text(rule.max()) + "]"
                            : null;
                }
                case REGEX ->
                    pattern.matcher((String) value).matches()
                            ? null
                            : "'" + value + "' does not match the pattern " + rule.pattern();
                case CREDIT_CODE ->
                    UnifiedCreditCode.isValid((String) value)
                            ? null
                            : "'" + value
                                    + "' is not a valid unified social credit code (18 characters, check character last)";
                case IMO_NUMBER ->
                    validImo((String) value)
                            ? null
                            : "'" + value
                                    + "' is not a valid IMO number (7 digits, the last a check digit; 'IMO' prefix allowed)";
            };
        }

        private static String text(String bound) {
            return bound == null ? "" : bound;
        }
    }

    /** IMO ship numbers: 7 digits, the last the sum of the first six weighted 7..2, modulo 10. */
    static boolean validImo(String value) {
        String digits = value.strip();
        if (digits.regionMatches(true, 0, "IMO", 0, 3)) {
            digits = digits.substring(3).strip();
        }
        if (!digits.matches("[0-9]{7}")) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 6; i++) {
            sum += (digits.charAt(i) - '0') * (7 - i);
        }
        return sum % 10 == digits.charAt(6) - '0';
    }
}
