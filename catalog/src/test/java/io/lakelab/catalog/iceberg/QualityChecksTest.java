package io.lakelab.catalog.iceberg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakelab.catalog.ColumnSpec;
import io.lakelab.catalog.DatasetSchema;
import io.lakelab.catalog.LakeLabException;
import io.lakelab.catalog.QualityRule;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class QualityChecksTest {
    private static final DatasetSchema SHIPS = DatasetSchema.of(
            ColumnSpec.of("imo", "string", true),
            ColumnSpec.of("name", "string", true),
            ColumnSpec.of("port", "string", false),
            ColumnSpec.of("tonnage", "long", false));

    @Test
    void rulesWhoseBoundsDoNotFitTheColumnAreRefusedAtDeclaration() {
        assertThatThrownBy(() -> QualityChecks.validate(SHIPS.withQuality(
                        List.of(),
                        List.of(new QualityRule(
                                "tonnage", QualityRule.RuleType.RANGE, List.of(), "ten", null, null, null, null)))))
                .isInstanceOf(LakeLabException.class)
                .hasMessageContaining("The RANGE rule on column 'tonnage' has min 'ten' is not a valid long");
        assertThatThrownBy(
                        () -> new QualityRule("name", QualityRule.RuleType.REGEX, null, null, null, "[A-Z", null, null))
                .hasMessageContaining("invalid pattern '[A-Z'");
        assertThatThrownBy(() -> SHIPS.withQuality(List.of("owner"), List.of()))
                .hasMessageContaining("Primary-key column 'owner' is not a column of the dataset");
        assertThatThrownBy(() ->
                        SHIPS.withQuality(List.of(), List.of(QualityRule.of("tonnage", QualityRule.RuleType.REGEX))))
                .hasMessageContaining("no 'pattern'");
        assertThatThrownBy(() -> SHIPS.withQuality(
                        List.of(), List.of(QualityRule.of("tonnage", QualityRule.RuleType.IMO_NUMBER))))
                .hasMessageContaining("The IMO_NUMBER rule needs a string column, but 'tonnage' is long");
    }

    @Test
    void imoNumbersCarryACheckDigit() {
        // 9074729: 9*7 + 0*6 + 7*5 + 4*4 + 7*3 + 2*2 = 139, check digit 9
        assertThat(QualityChecks.validImo("9074729")).isTrue();
        assertThat(QualityChecks.validImo("IMO 9074729")).isTrue();
        assertThat(QualityChecks.validImo("9074728")).isFalse();
        assertThat(QualityChecks.validImo("907472")).isFalse();
        assertThat(QualityChecks.validImo("90747290")).isFalse();
    }

    @Test
    void encodingNamesResolveOrAreRefusedWithTheList() {
        assertThat(CsvEncoding.resolve(null)).isEqualTo(StandardCharsets.UTF_8);
        assertThat(CsvEncoding.resolve("gb2312").name()).isEqualTo("GB18030");
        assertThat(CsvEncoding.resolve(" utf8 ")).isEqualTo(StandardCharsets.UTF_8);
        assertThat(CsvEncoding.resolve("GBK").name()).isEqualTo("GBK");
        assertThatThrownBy(() -> CsvEncoding.resolve("latin1"))
                .isInstanceOf(LakeLabException.class)
                .hasMessageContaining("Encoding 'latin1' is not supported")
                .hasMessageContaining("UTF-8, GB18030, GBK, UTF-16");
    }
}
