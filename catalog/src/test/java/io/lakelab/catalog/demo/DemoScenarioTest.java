package io.lakelab.catalog.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakelab.catalog.CoBuilder;
import io.lakelab.catalog.CoBuilderRole;
import io.lakelab.catalog.DatasetKind;
import io.lakelab.catalog.Grade;
import io.lakelab.catalog.IndicatorDirection;
import io.lakelab.catalog.LabDirection;
import io.lakelab.catalog.UnifiedCreditCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoScenarioTest {
    private static final Set<String> DISTRICTS =
            Arrays.stream(DemoData.DISTRICTS).map(d -> d[0]).collect(Collectors.toSet());

    @TempDir
    Path tmp;

    @Test
    void sameSeedGivesByteIdenticalFiles() throws IOException {
        new DemoScenario(300, 7).writeFiles(tmp.resolve("a"));
        new DemoScenario(300, 7).writeFiles(tmp.resolve("b"));
        new DemoScenario(300, 8).writeFiles(tmp.resolve("c"));
        for (DemoDataset d : DemoScenario.standard().datasets()) {
            byte[] a = Files.readAllBytes(tmp.resolve("a").resolve(d.fileName()));
            assertThat(Files.readAllBytes(tmp.resolve("b").resolve(d.fileName())))
                    .as(d.fileName())
                    .isEqualTo(a);
        }
        assertThat(Files.readAllBytes(tmp.resolve("c/energy_consumption.csv")))
                .isNotEqualTo(Files.readAllBytes(tmp.resolve("a/energy_consumption.csv")));
    }

    @Test
    void registryHasAboutThreePercentBadCheckCharactersAndNothingElseInvalid() throws IOException {
        DemoScenario scenario = new DemoScenario(1000, 42);
        scenario.writeFiles(tmp);
        List<String[]> rows = rows(tmp.resolve("enterprise_registry.csv"));
        assertThat(rows).hasSize(1000);
        long bad = rows.stream().filter(r -> !UnifiedCreditCode.isValid(r[0])).count();
        assertThat(bad).isEqualTo(30);
        for (String[] r : rows) {
            assertThat(r[0]).hasSize(18).startsWith("9131");
            // a bad code differs only in its check character
            assertThat(UnifiedCreditCode.withCheckDigit(r[0].substring(0, 17))).startsWith(r[0].substring(0, 17));
            assertThat(DISTRICTS).contains(r[2]);
            assertThat(r[3]).matches("[CDEFGI]");
            assertThat(r[4]).matches("\\d+\\.\\d\\d");
            assertThat(r[1]).startsWith("上海").endsWith("公司");
        }
        assertThat(rows.stream().map(r -> r[0]).distinct().count()).isEqualTo(1000);
    }

    @Test
    void consumptionHasTwelveMonthsAndAboutFourPercentUnknownCodes() throws IOException {
        DemoScenario scenario = new DemoScenario(1000, 42);
        scenario.writeFiles(tmp);
        Set<String> registry = rows(tmp.resolve("enterprise_registry.csv")).stream()
                .map(r -> r[0])
                .collect(Collectors.toSet());
        List<String[]> consumption = rows(tmp.resolve("energy_consumption.csv"));
        long unknown =
                consumption.stream().filter(r -> !registry.contains(r[0])).count();
        assertThat((double) unknown / consumption.size()).isBetween(0.03, 0.05);
        consumption.stream()
                .filter(r -> !registry.contains(r[0]))
                .forEach(r -> assertThat(UnifiedCreditCode.isValid(r[0])).isTrue());
        Map<String, Long> monthsPerCode =
                consumption.stream().collect(Collectors.groupingBy(r -> r[0], Collectors.counting()));
        assertThat(monthsPerCode.values()).containsOnly(12L);
        assertThat(consumption.stream().map(r -> r[1]).distinct().sorted())
                .hasSize(12)
                .startsWith("2025-01-01")
                .endsWith("2025-12-01");
        // ~10% of registered enterprises have no meter yet, so coverage is high but not complete
        long covered = registry.stream().filter(monthsPerCode::containsKey).count();
        assertThat((double) covered / registry.size()).isBetween(0.8, 0.95);
    }

    @Test
    void emissionFactorsAreRealistic() throws IOException {
        DemoScenario.standard().writeFiles(tmp);
        List<String> lines = Files.readAllLines(tmp.resolve("emission_factors.csv"), StandardCharsets.UTF_8);
        assertThat(lines)
                .containsExactly("energy_type,unit,kg_co2_per_unit", "electricity,kWh,0.5703", "natural_gas,m3,2.16");
    }

    @Test
    void catalogEntriesDescribeTheDatasets() {
        DemoScenario scenario = DemoScenario.standard();
        Map<String, DemoDataset> byName = scenario.datasets().stream()
                .collect(Collectors.toMap(d -> d.name().value(), Function.identity()));
        assertThat(byName.keySet())
                .containsExactlyInAnyOrder("enterprise_registry", "emission_factors", "energy_consumption");
        DemoDataset consumption = byName.get("energy_consumption");
        assertThat(consumption.kind()).isEqualTo(DatasetKind.SOCIAL);
        assertThat(consumption.openCategory()).isNull();
        assertThat(consumption.grade()).isEqualTo(Grade.IMPORTANT);
        assertThat(consumption.table().qualified()).isEqualTo("datasets.energy_consumption");
        assertThat(byName.get("enterprise_registry")
                        .schema()
                        .column("credit_code")
                        .orElseThrow()
                        .tags())
                .containsExactly("ID");
        assertThat(byName.get("enterprise_registry").kind()).isEqualTo(DatasetKind.PUBLIC);
        assertThatThrownBy(() -> scenario.dataset("nope")).hasMessageContaining("no dataset 'nope'");
    }

    @Test
    void labIsTheLowCarbonLabWithFourCoBuilders() {
        var lab = DemoScenario.standard().lab();
        assertThat(lab.code().value()).isEqualTo("lowcarbon");
        assertThat(lab.workspace()).isEqualTo("lab_lowcarbon");
        assertThat(lab.nameZh()).isEqualTo("低碳发展大数据联合创新实验室");
        assertThat(lab.direction()).isEqualTo(LabDirection.LOW_CARBON);
        assertThat(lab.coBuilders().stream().map(CoBuilder::role)).containsExactlyInAnyOrder(CoBuilderRole.values());
    }

    @Test
    void fusionStatementsCreateTheWorkspaceTables() {
        List<String> statements = DemoScenario.standard().fusionStatements();
        assertThat(statements)
                .hasSize(4)
                .allSatisfy(s -> assertThat(s)
                        .startsWith("CREATE OR REPLACE TABLE")
                        .contains("USING iceberg AS")
                        .doesNotEndWith(";")
                        .doesNotContain("--"));
        assertThat(String.join("\n", statements))
                .contains("consumption_rejects", "consumption_matched", "emissions_by_district_industry")
                .contains("'BAD_CHECK_DIGIT'", "'UNKNOWN_ENTERPRISE'", "uscc_valid(");
    }

    @Test
    void splitterHandlesCommentsAndTrailingStatements() {
        assertThat(DemoScenario.splitStatements("-- c\nSELECT 1;\n\nSELECT\n  2 ;\nSELECT 3"))
                .containsExactly("SELECT 1", "SELECT\n  2", "SELECT 3");
    }

    @Test
    void totalEmissionsTargetIsDeliberatelyMissed() {
        DemoScenario scenario = DemoScenario.standard();
        Map<String, DemoIndicator> byCode =
                scenario.indicators().stream().collect(Collectors.toMap(DemoIndicator::code, Function.identity()));
        assertThat(byCode.keySet())
                .contains(
                        "total_emissions_t", "match_rate", "registry_coverage", "emission_intensity_t_per_enterprise");
        DemoIndicator total = byCode.get("total_emissions_t");
        assertThat(total.direction()).isEqualTo(IndicatorDirection.AT_MOST);
        assertThat(total.met(scenario.expectedEmissionsTonnes())).isFalse();
        assertThat(total.target()).isGreaterThan(scenario.expectedEmissionsTonnes() * 0.9);
        assertThat(byCode.get("match_rate").target()).isEqualTo(0.9);
        assertThat(byCode.values())
                .allSatisfy(i -> assertThat(i.sql()).startsWith("SELECT").doesNotContain(";"));
    }

    @Test
    void rejectsSillySizes() {
        assertThatThrownBy(() -> new DemoScenario(0, 1))
                .hasMessageContaining("Demo enterprise count 0 is out of range");
    }

    private static List<String[]> rows(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        // demo values never contain commas or quotes, so a plain split is exact here
        return lines.subList(1, lines.size()).stream()
                .map(l -> l.split(",", -1))
                .toList();
    }
}
