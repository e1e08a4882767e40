package io.lakelab.catalog;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * One column of a dataset schema: a lower-case name, an Iceberg primitive type string such as
 * {@code string}, {@code long}, {@code date} or {@code decimal(12,2)}, a description, whether a value
 * is required, and governance tags such as {@code PII} or {@code ID} that access policies match on.
 */
public record ColumnSpec(String name, String type, String description, boolean required, Set<String> tags) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final String NAME_RULE =
            "be a lower-case identifier of at most 64 characters (pattern [a-z][a-z0-9_]{0,63})";

    public ColumnSpec {
        Names.require("Column name", name, NAME, NAME_RULE);
        if (type == null || type.isBlank()) {
            throw LakeLabException.badRequest("Column '" + name
                    + "' has no type: give an Iceberg primitive type such as string, long, double, date or"
                    + " decimal(12,2).");
        }
        type = type.trim().toLowerCase(java.util.Locale.ROOT);
        parseType(name, type);
        description = description == null ? "" : description;
        tags = tags == null ? Set.of() : Set.copyOf(new TreeSet<>(tags));
    }

    /** A column without description or tags. */
    public static ColumnSpec of(String name, String type, boolean required) {
        return new ColumnSpec(name, type, "", required, Set.of());
    }

    public Type icebergType() {
        return parseType(name, type);
    }

    public boolean hasTag(String tag) {
        return tags.contains(tag);
    }

    private static Type parseType(String name, String type) {
        try {
            return Types.fromPrimitiveString(type);
        } catch (IllegalArgumentException e) {
            throw new LakeLabException(
                    ErrorCategory.BAD_REQUEST,
                    "Column '" + name + "' has unknown type '" + type
                            + "': use an Iceberg primitive type such as string, int, long, double, boolean,"
                            + " date, timestamp or decimal(12,2).",
                    e);
        }
    }
}
