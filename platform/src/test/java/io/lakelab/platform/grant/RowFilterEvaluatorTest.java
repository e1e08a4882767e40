package io.lakelab.platform.grant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakelab.catalog.ColumnSpec;
import io.lakelab.catalog.DatasetSchema;
import io.lakelab.catalog.LakeLabException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The preview's evaluation of the parsed filter tree, row by row, against SQL's rules as Spark and
 * Trino share them; every expectation below is what both engines answer for the same row.
 */
class RowFilterEvaluatorTest {

    static final DatasetSchema SCHEMA = DatasetSchema.of(
            ColumnSpec.of("region", "string", false),
            ColumnSpec.of("founded", "date", false),
            ColumnSpec.of("capital", "double", false),
            ColumnSpec.of("staff", "int", false),
            ColumnSpec.of("ratio", "decimal(5,2)", false),
            ColumnSpec.of("listed", "boolean", false),
            ColumnSpec.of("seen", "timestamp", false));

    static final LocalDate TODAY = LocalDate.of(2026, 12, 4);

    /** A row with every column set; {@code nulls} names columns that are NULL in it. */
    static Map<String, Object> row(String... nulls) {
        Map<String, Object> r = new HashMap<>();
        r.put("region", "SH");
        r.put("founded", LocalDate.of(2021, 3, 15));
        r.put("capital", 250.5);
        r.put("staff", 12);
        r.put("ratio", new BigDecimal("0.25"));
        r.put("listed", true);
        r.put("seen", LocalDateTime.of(2024, 6, 1, 8, 30));
        for (String n : nulls) {
            r.put(n, null);
        }
        return r;
    }

    static Object eval(String filter, Map<String, Object> row) {
        RowFilter tree = RowFilterValidator.parse(filter, SCHEMA);
        return new RowFilterEvaluator(filter, TODAY).eval(tree, row::get);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = ';',
            quoteCharacter = '"',
            nullValues = "NULL",
            value = {
                "region = 'SH' ; ; true",
                "region <> 'SH' ; ; false",
                "region != 'JS' ; ; true",
                "region = 'SH' ; region ; NULL",
                "region <> 'SH' ; region ; NULL",
                "NOT (region = 'SH') ; region ; NULL",
                "region IS NULL ; region ; true",
                "region IS NOT NULL ; region ; false",
                "region = 'SH' OR capital > 0 ; region ; true",
                "region = 'SH' AND capital > 1000 ; region ; false",
                "region = 'SH' AND capital > 0 ; region ; NULL",
                "region IN ('JS', 'SH') ; ; true",
                "region IN ('JS', NULL) ; ; NULL",
                "region NOT IN ('JS', NULL) ; ; NULL",
                "region NOT IN ('JS', 'ZJ') ; ; true",
                "region IN ('SH') ; region ; NULL",
                "capital BETWEEN 100 AND 300 ; ; true",
                "capital NOT BETWEEN 100 AND 300 ; ; false",
                "capital BETWEEN 100 AND NULL ; ; NULL",
                "capital BETWEEN 300 AND NULL ; ; false",
                "region LIKE 'S%' ; ; true",
                "region LIKE '_' ; ; false",
                "region LIKE '__' ; ; true",
                "region NOT LIKE 'J%' ; ; true",
                "region LIKE 'S%' ; region ; NULL",
                "founded >= DATE '2021-01-01' ; ; true",
                "founded < current_date ; ; true",
                "year(founded) = 2021 AND month(founded) = 3 AND day(founded) = 15 ; ; true",
                "seen >= DATE '2024-06-01' ; ; true",
                "seen < TIMESTAMP '2024-06-01 08:30:00' ; ; false",
                "year(seen) = 2024 ; ; true",
                "staff * 2 + 1 = 25 ; ; true",
                "staff % 5 = 2 ; ; true",
                "-staff < 0 ; ; true",
                "staff / 4.0 = 3 ; ; true",
                "capital / 2 > 125 ; ; true",
                "ratio = 0.250 ; ; true",
                "ratio * 4 = 1 ; ; true",
                "staff > 11.5 ; ; true",
                "capital = 250.5 ; ; true",
                "coalesce(capital, 0) > 100 ; capital ; false",
                "coalesce(staff, 0) = 0 ; staff ; true",
                "staff + 1 > 0 ; staff ; NULL",
                "listed ; ; true",
                "listed AND NOT listed ; ; false",
                "listed = true ; listed ; NULL",
                "lower(region) = 'sh' AND upper('sh') = region ; ; true",
                "length(region || 'x') = 3 ; ; true",
                "concat(region, '-', region) = 'SH-SH' ; ; true",
                "concat(region, NULL) IS NULL ; ; true",
                "substring('Pudong', 2, 3) = 'udo' AND substr('Pudong', 4) = 'ong' ; ; true",
                "substring('Pu', 5) = '' ; ; true",
                "trim('  SH ') = region ; ; true",
                "abs(-staff) = 12 AND abs(-2.5) = 2.5 ; ; true",
                "ceil(capital) = 251 AND floor(capital) = 250 ; ; true",
                "round(capital) = 251 AND round(2.345, 2) = 2.35 AND round(1234, -2) = 1200 ; ; true",
                "'b' > 'a' AND 'ab' > 'a' ; ; true",
                "NULL IS NULL ; ; true",
                "true OR 1 / 0 = 1 ; ; true"
            })
    void evaluatesLikeTheEngines(String filter, String nullColumn, Boolean expected) {
        Map<String, Object> r = nullColumn == null ? row() : row(nullColumn);
        assertThat(eval(filter, r)).as(filter).isEqualTo(expected);
    }

    @Test
    void keepsOnlyRowsWhereTheFilterIsTrue() {
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.add(row());
        rows.add(row("region"));
        Map<String, Object> js = row();
        js.put("region", "JS");
        rows.add(js);
        String filter = "region <> 'JS'";
        RowFilter tree = RowFilterValidator.parse(filter, SCHEMA);
        RowFilterEvaluator evaluator = new RowFilterEvaluator(filter, TODAY);
        assertThat(rows.stream().filter(r -> evaluator.keeps(tree, r::get)).count())
                .as("the NULL region is neither 'JS' nor not 'JS': dropped")
                .isEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = ';',
            quoteCharacter = '"',
            value = {
                "staff / 5 > 2 ; divides two integers",
                "region = 1 ; compares a string with a integer",
                "founded >= '2021-01-01' ; compares a date with a string",
                "staff / (staff - 12) > 0 ; divides by zero",
                "substring(region, 0, 1) = 'S' ; substring from position 0",
                "trim(concat(region, '\t')) = 'SH' ; white space other than spaces",
                "year(region) = 2021 ; year needs a date",
                "region || staff = 'SH12' ; || joins strings",
                "concat(region) = 'SH' ; concat takes at least 2 arguments",
                "region LIKE 1 ; LIKE needs strings"
            })
    void refusesWhatTheEnginesDisagreeOn(String filter, String reason) {
        assertThatThrownBy(() -> eval(filter, row()))
                .isInstanceOf(LakeLabException.class)
                .hasMessageContaining("The preview cannot count the rows of row filter")
                .hasMessageContaining(reason);
    }

    @Test
    void invalidDateLiteralsAreRefusedAtValidation() {
        assertThatThrownBy(() -> RowFilterValidator.validate("founded > DATE '2021-13-01'", SCHEMA))
                .isInstanceOf(LakeLabException.class)
                .hasMessageContaining("DATE '2021-13-01' is not a valid date");
    }
}
