package io.lakelab.catalog;

import java.util.regex.Pattern;

/**
 * The short code of a joint innovation lab, e.g. {@code lowcarbon}. It names the lab's workspace
 * namespace ({@code lab_<code>}) and its group in access policies, so it is restricted to
 * {@code [a-z][a-z0-9_]{1,30}}: safe as an identifier in Iceberg, Spark, Trino and Ranger alike.
 */
public record LabCode(String value) {
    private static final Pattern PATTERN = Pattern.compile("[a-z][a-z0-9_]{1,30}");
    static final String RULE = "start with a lower-case letter followed by 1 to 30 lower-case letters, digits or"
            + " underscores (pattern [a-z][a-z0-9_]{1,30})";

    public LabCode {
        Names.require("Lab code", value, PATTERN, RULE);
    }

    public static LabCode of(String value) {
        return new LabCode(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
