package io.lakelab.platform.grant;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakelab.catalog.ColumnSpec;
import io.lakelab.catalog.DatasetSchema;
import io.lakelab.catalog.LakeLabException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RowFilterValidatorTest {

    static final DatasetSchema SCHEMA = DatasetSchema.of(
            ColumnSpec.of("region", "string", false),
            ColumnSpec.of("founded", "date", false),
            ColumnSpec.of("capital", "double", false),
            ColumnSpec.of("listed", "boolean", false));

    @ParameterizedTest
    @ValueSource(
            strings = {
                "region = 'SH'",
                "region <> 'O''Brien'",
                "NOT (region = 'SH') OR capital > 10.5",
                "region IN ('SH', 'JS') AND capital BETWEEN 1 AND 100",
                "region NOT IN ('SH') AND region NOT LIKE 'J%'",
                "founded >= DATE '2020-01-01' AND founded < current_date",
                "year(founded) = 2024 AND lower(trim(region)) = 'sh'",
                "listed",
                "listed AND capital IS NOT NULL",
                "coalesce(capital, 0) * 2 + 1 > -3",
                "(region = 'SH')"
            })
    void acceptsConditionsOverTheColumns(String filter) {
        assertThatCode(() -> RowFilterValidator.validate(filter, SCHEMA)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "region = 'SH'; x = 1 | character ';'",
                "region IN (SELECT region FROM other) | subqueries",
                "EXISTS (SELECT 1) | subqueries",
                "x.region = 'SH' | character '.'",
                "`region` = 'SH' | character '`'",
                "secret = 1 | 'secret' is not a column",
                "java_method('java.lang.System', 'exit', 1) = 1 | function 'java_method' is not allowed",
                "reflect('a', 'b') IS NULL | function 'reflect' is not allowed",
                "capital | is not a condition",
                "capital AND listed | AND needs conditions",
                "region = | ends where a value was expected",
                "(region = 'SH' | parenthesis is not closed",
                "region = 'SH' /* c */ | comments",
                "region = 'a\\' | backslashes",
                "region IS 'SH' | IS must be followed by [NOT] NULL",
                "region = 'SH' region | unexpected 'region'"
            })
    void refusesEverythingElseWithTheReason(String filter, String reason) {
        assertThatThrownBy(() -> RowFilterValidator.validate(filter, SCHEMA))
                .isInstanceOf(LakeLabException.class)
                .hasMessageContaining("is refused")
                .hasMessageContaining(reason.strip());
    }
}
