package io.lakelab.platform.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakelab.catalog.LakeLabException;
import io.lakelab.catalog.demo.DemoScenario;
import org.junit.jupiter.api.Test;

class IndicatorSqlTest {

    static final String WS = "lab_lowcarbon";

    @Test
    void findsTheWorkspaceTablesOfEveryDemoIndicator() {
        DemoScenario.standard()
                .indicators()
                .forEach(i -> assertThat(IndicatorSql.tables(WS, i.code(), i.sql()))
                        .isNotEmpty()
                        .allMatch(t -> t.startsWith(WS + ".")));
        assertThat(IndicatorSql.tables(
                        WS,
                        "x",
                        "SELECT CAST(m.n AS DOUBLE) / r.n FROM (SELECT count(*) AS n FROM consumption_matched) m"
                                + " CROSS JOIN (SELECT count(*) AS n FROM lakelab.lab_lowcarbon.registry_valid) r;"))
                .containsExactly(WS + ".consumption_matched", WS + ".registry_valid");
    }

    @Test
    void ignoresCommonTableExpressionsAliasesAndLiterals() {
        assertThat(IndicatorSql.tables(
                        WS,
                        "x",
                        "WITH recent AS (SELECT * FROM consumption_matched WHERE month > '2025-01-01')"
                                + " SELECT sum(EXTRACT(MONTH FROM r.month)) FROM recent r -- FROM datasets.secret"))
                .containsExactly(WS + ".consumption_matched");
    }

    @Test
    void refusesWritesSeveralStatementsAndOtherNamespaces() {
        assertThatThrownBy(() -> IndicatorSql.tables(WS, "x", "DELETE FROM registry_valid"))
                .isInstanceOf(LakeLabException.class)
                .hasMessageContaining("not a single SELECT");
        assertThatThrownBy(() -> IndicatorSql.tables(WS, "x", "SELECT 1 FROM a; DROP TABLE a"))
                .hasMessageContaining("more than one statement");
        assertThatThrownBy(() -> IndicatorSql.tables(WS, "x", "SELECT count(*) FROM lab_shipping.routes"))
                .hasMessageContaining("lab_shipping.routes")
                .hasMessageContaining("not a table of the lab's workspace");
        assertThatThrownBy(() -> IndicatorSql.tables(WS, "x", "SELECT 1")).hasMessageContaining("reads no table");
    }
}
