package io.lakelab.catalog;

import java.util.regex.Pattern;

/**
 * The name of a dataset, which is also its Iceberg table name, e.g. {@code enterprise_registry}.
 * Restricted to {@code [a-z][a-z0-9_]{1,62}} so it needs no quoting in any engine.
 */
public record DatasetName(String value) {
    private static final Pattern PATTERN = Pattern.compile("[a-z][a-z0-9_]{1,62}");
    static final String RULE = "start with a lower-case letter followed by 1 to 62 lower-case letters, digits or"
            + " underscores (pattern [a-z][a-z0-9_]{1,62})";

    public DatasetName {
        Names.require("Dataset name", value, PATTERN, RULE);
    }

    public static DatasetName of(String value) {
        return new DatasetName(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
