package io.lakelab.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

class DatasetSchemaTest {

    @Test
    void convertsToIcebergSchemaWithStableIds() {
        DatasetSchema schema = DatasetSchema.of(
                new ColumnSpec("credit_code", "string", "code", true, Set.of("ID")),
                ColumnSpec.of("month", "date", true),
                ColumnSpec.of("capital", "decimal(12,2)", false),
                ColumnSpec.of("kwh", "double", false),
                ColumnSpec.of("n", "long", false),
                ColumnSpec.of("at", "timestamp", false),
                ColumnSpec.of("ok", "boolean", false));
        Schema iceberg = schema.toIcebergSchema();
        assertThat(iceberg.columns()).hasSize(7);
        assertThat(iceberg.findField("credit_code").fieldId()).isEqualTo(1);
        assertThat(iceberg.findField("credit_code").isRequired()).isTrue();
        assertThat(iceberg.findField("credit_code").doc()).isEqualTo("code");
        assertThat(iceberg.findField("month").type()).isEqualTo(Types.DateType.get());
        assertThat(iceberg.findField("capital").type()).isEqualTo(Types.DecimalType.of(12, 2));
        assertThat(iceberg.findField("capital").isOptional()).isTrue();
        assertThat(iceberg.findField("at").type()).isEqualTo(Types.TimestampType.withoutZone());
        assertThat(schema.toIcebergSchema().sameSchema(iceberg)).isTrue();
        assertThat(schema.columnNames()).startsWith("credit_code", "month");
    }

    @Test
    void columnSpecNormalisesAndKeepsTags() {
        ColumnSpec c = new ColumnSpec("phone", " STRING ", null, false, Set.of("PII"));
        assertThat(c.type()).isEqualTo("string");
        assertThat(c.description()).isEmpty();
        assertThat(c.hasTag("PII")).isTrue();
        assertThat(ColumnSpec.of("x", "int", false).tags()).isEmpty();
    }

    @Test
    void rejectsUnknownTypesWithAdvice() {
        assertThatThrownBy(() -> ColumnSpec.of("amount", "money", true))
                .isInstanceOf(LakeLabException.class)
                .hasMessageContaining("Column 'amount' has unknown type 'money'")
                .hasMessageContaining("decimal(12,2)");
        assertThatThrownBy(() -> ColumnSpec.of("amount", "", true)).hasMessageContaining("has no type");
        assertThatThrownBy(() -> ColumnSpec.of("Amount", "int", true)).hasMessageContaining("Column name 'Amount'");
    }

    @Test
    void rejectsEmptyAndDuplicateColumns() {
        assertThatThrownBy(() -> new DatasetSchema(List.of())).hasMessageContaining("at least one column");
        assertThatThrownBy(() -> DatasetSchema.of(ColumnSpec.of("a", "int", true), ColumnSpec.of("a", "long", true)))
                .hasMessageContaining("Column 'a' is declared more than once");
    }
}
