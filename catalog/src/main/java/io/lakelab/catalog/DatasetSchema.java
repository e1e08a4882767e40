package io.lakelab.catalog;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types;

/**
 * The declared columns of a dataset, in order: at least one, with unique lower-case names. It
 * converts to an Iceberg {@link Schema} with field ids 1..n, so the same declaration always yields
 * the same table schema. It also declares what ingestion checks: the primary-key columns (together
 * unique and never empty), the {@link QualityRule}s, and whether string cells are stripped of
 * leading and trailing whitespace ({@code trimStrings}) before they are checked and stored.
 */
public record DatasetSchema(
        List<ColumnSpec> columns, List<String> primaryKey, List<QualityRule> qualityRules, boolean trimStrings) {

    public DatasetSchema {
        if (columns == null || columns.isEmpty()) {
            throw LakeLabException.badRequest("A dataset schema needs at least one column: declare its columns.");
        }
        Set<String> seen = new HashSet<>();
        for (ColumnSpec column : columns) {
            if (!seen.add(column.name())) {
                throw LakeLabException.badRequest(
                        "Column '" + column.name() + "' is declared more than once: give every column a unique name.");
            }
        }
        columns = List.copyOf(columns);
        primaryKey = primaryKey == null
                ? List.of()
                : primaryKey.stream()
                        .map(k -> k == null ? "" : k.trim().toLowerCase(Locale.ROOT))
                        .toList();
        if (new HashSet<>(primaryKey).size() != primaryKey.size()) {
            throw LakeLabException.badRequest(
                    "The primary key " + primaryKey + " names a column twice: list each key column once.");
        }
        for (String key : primaryKey) {
            if (!seen.contains(key)) {
                throw LakeLabException.badRequest("Primary-key column '" + key + "' is not a column of the dataset:"
                        + " list only declared columns in 'primaryKey' (declared: " + String.join(", ", seen) + ").");
            }
        }
        qualityRules = qualityRules == null ? List.of() : List.copyOf(qualityRules);
        for (QualityRule rule : qualityRules) {
            ColumnSpec spec = columns.stream()
                    .filter(c -> c.name().equals(rule.column()))
                    .findFirst()
                    .orElseThrow(() -> LakeLabException.badRequest("The " + rule.type() + " rule names column '"
                            + rule.column() + "', which is not a column of the dataset: use one of "
                            + String.join(", ", seen) + "."));
            rule.checkAgainst(spec);
        }
    }

    /** A schema with columns only: no primary key, no quality rules, strings kept as written. */
    public DatasetSchema(List<ColumnSpec> columns) {
        this(columns, List.of(), List.of(), false);
    }

    public static DatasetSchema of(ColumnSpec... columns) {
        return new DatasetSchema(List.of(columns));
    }

    /** This schema with a primary key and quality rules. */
    public DatasetSchema withQuality(List<String> key, List<QualityRule> rules) {
        return new DatasetSchema(columns, key, rules, trimStrings);
    }

    /** This schema, stripping leading and trailing whitespace from string cells on ingestion. */
    public DatasetSchema trimmingStrings() {
        return new DatasetSchema(columns, primaryKey, qualityRules, true);
    }

    public Optional<ColumnSpec> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public List<String> columnNames() {
        return columns.stream().map(ColumnSpec::name).toList();
    }

    public Schema toIcebergSchema() {
        List<Types.NestedField> fields = new ArrayList<>();
        int id = 1;
        for (ColumnSpec c : columns) {
            String doc = c.description().isEmpty() ? null : c.description();
            fields.add(
                    c.required()
                            ? Types.NestedField.required(id++, c.name(), c.icebergType(), doc)
                            : Types.NestedField.optional(id++, c.name(), c.icebergType(), doc));
        }
        return new Schema(fields);
    }
}
