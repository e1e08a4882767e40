package io.lakelab.catalog;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types;

/**
 * The declared columns of a dataset, in order: at least one, with unique lower-case names. It
 * converts to an Iceberg {@link Schema} with field ids 1..n, so the same declaration always yields
 * the same table schema.
 */
public record DatasetSchema(List<ColumnSpec> columns) {

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
    }

    public static DatasetSchema of(ColumnSpec... columns) {
        return new DatasetSchema(List.of(columns));
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
