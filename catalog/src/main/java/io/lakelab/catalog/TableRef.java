package io.lakelab.catalog;

import java.util.regex.Pattern;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * A table in the LakeLab Iceberg catalog: a single-level namespace ({@code datasets} or a lab
 * workspace {@code lab_<code>}) and a table name, both lower-case identifiers. {@link #qualified()}
 * gives the {@code ns.name} form used in SQL and lineage.
 */
public record TableRef(String namespace, String name) {
    private static final Pattern PART = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final String RULE =
            "be a lower-case identifier of at most 64 characters (pattern [a-z][a-z0-9_]{0,63})";

    public TableRef {
        Names.require("Table namespace", namespace, PART, RULE);
        Names.require("Table name", name, PART, RULE);
    }

    public static TableRef of(String namespace, String name) {
        return new TableRef(namespace, name);
    }

    /** Parses {@code namespace.name}; anything else is a {@link ErrorCategory#BAD_REQUEST}. */
    public static TableRef parse(String qualified) {
        if (qualified == null || qualified.indexOf('.') < 0 || qualified.indexOf('.') != qualified.lastIndexOf('.')) {
            throw LakeLabException.badRequest("Table reference '" + qualified
                    + "' is invalid: write it as <namespace>.<table>, e.g. datasets.enterprise_registry.");
        }
        int dot = qualified.indexOf('.');
        return new TableRef(qualified.substring(0, dot), qualified.substring(dot + 1));
    }

    public String qualified() {
        return namespace + "." + name;
    }

    public TableIdentifier identifier() {
        return TableIdentifier.of(Namespace.of(namespace), name);
    }

    @Override
    public String toString() {
        return qualified();
    }
}
