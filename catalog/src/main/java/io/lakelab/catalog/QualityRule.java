package io.lakelab.catalog;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A data-quality rule on one column of a dataset, declared with its schema and evaluated on every
 * ingestion. {@code type} says what is checked: {@code NOT_NULL}, {@code UNIQUE} (within the file and,
 * when appending, against the rows already in the table), {@code ALLOWED_VALUES} ({@code
 * values}), {@code RANGE} ({@code min} and/or {@code max}, inclusive, written like a CSV cell of the
 * column), {@code REGEX} ({@code pattern}, the whole value must match), {@code CREDIT_CODE} (a unified
 * social credit code with a valid check character) or {@code IMO_NUMBER} (a ship's IMO number with a
 * valid check digit). An {@code ERROR} rule refuses the whole file when any row breaks it; a {@code
 * WARN} rule only counts and reports the rows (default: {@code ERROR}).
 */
public record QualityRule(
        String column,
        RuleType type,
        List<String> values,
        String min,
        String max,
        String pattern,
        Severity severity,
        String description) {

    /** What a rule checks. */
    public enum RuleType {
        NOT_NULL,
        UNIQUE,
        ALLOWED_VALUES,
        RANGE,
        REGEX,
        CREDIT_CODE,
        IMO_NUMBER
    }

    /** Whether a broken rule refuses the file ({@code ERROR}) or is only reported ({@code WARN}). */
    public enum Severity {
        ERROR,
        WARN
    }

    public QualityRule {
        if (column == null || column.isBlank()) {
            throw LakeLabException.badRequest(
                    "A quality rule has no 'column': name the column of the dataset the rule checks.");
        }
        column = column.trim().toLowerCase(Locale.ROOT);
        if (type == null) {
            throw LakeLabException.badRequest("The quality rule on column '" + column
                    + "' has no 'type': use NOT_NULL, UNIQUE, ALLOWED_VALUES, RANGE, REGEX, CREDIT_CODE or"
                    + " IMO_NUMBER.");
        }
        values = values == null ? List.of() : List.copyOf(values);
        severity = severity == null ? Severity.ERROR : severity;
        description = description == null ? "" : description;
        switch (type) {
            case ALLOWED_VALUES -> {
                if (values.isEmpty()) {
                    throw LakeLabException.badRequest("The ALLOWED_VALUES rule on column '" + column
                            + "' lists no 'values': give the allowed codes, e.g. \"values\": [\"CNSHA\", \"CNNGB\"].");
                }
            }
            case RANGE -> {
                if (blank(min) && blank(max)) {
                    throw LakeLabException.badRequest("The RANGE rule on column '" + column
                            + "' has neither 'min' nor 'max': give at least one bound, e.g. \"min\": \"0\".");
                }
            }
            case REGEX -> {
                if (blank(pattern)) {
                    throw LakeLabException.badRequest("The REGEX rule on column '" + column
                            + "' has no 'pattern': give a Java regular expression the whole value must match.");
                }
                try {
                    Pattern.compile(pattern);
                } catch (PatternSyntaxException e) {
                    throw LakeLabException.badRequest("The REGEX rule on column '" + column + "' has an invalid"
                            + " pattern '" + pattern + "': " + e.getDescription() + " near index " + e.getIndex()
                            + ". Fix the regular expression (Java syntax; escape a backslash as \\\\ in JSON).");
                }
            }
            default -> {}
        }
    }

    /** A rule with default severity and no bounds, values or pattern (NOT_NULL, UNIQUE, CREDIT_CODE...). */
    public static QualityRule of(String column, RuleType type) {
        return new QualityRule(column, type, List.of(), null, null, null, Severity.ERROR, null);
    }

    /** Checks the rule fits the column it names (bounds are checked against the type by the ingestor). */
    void checkAgainst(ColumnSpec spec) {
        boolean isString = spec.icebergType().typeId() == org.apache.iceberg.types.Type.TypeID.STRING;
        boolean needsString = type == RuleType.REGEX || type == RuleType.CREDIT_CODE || type == RuleType.IMO_NUMBER;
        if (needsString && !isString) {
            throw LakeLabException.badRequest("The " + type + " rule needs a string column, but '" + column + "' is "
                    + spec.type() + ": put the rule on a string column or remove it.");
        }
        if (type == RuleType.RANGE) {
            switch (spec.icebergType().typeId()) {
                case INTEGER, LONG, FLOAT, DOUBLE, DECIMAL, DATE, TIME, TIMESTAMP -> {}
                default ->
                    throw LakeLabException.badRequest("The RANGE rule cannot apply to column '" + column + "' of type "
                            + spec.type() + ": use it on numbers, dates, times or timestamps.");
            }
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** How the rule reads in reports, e.g. {@code port ALLOWED_VALUES [CNSHA, CNNGB] (ERROR)}. */
    public String label() {
        String detail = switch (type) {
            case ALLOWED_VALUES -> " " + values;
            case RANGE -> " [" + (blank(min) ? "" : min) + ", " + (blank(max) ? "" : max) + "]";
            case REGEX -> " " + pattern;
            default -> "";
        };
        return column + " " + type + detail + " (" + severity + ")";
    }
}
