package io.lakelab.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakelab.catalog.UnifiedCreditCode;
import io.lakelab.catalog.demo.DemoScenario;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo's fusion SQL means what it says: every planted dirty consumption row lands in
 * {@code consumption_rejects} with the right reason, and emissions equal the sum over matched rows
 * of kWh x factor + m3 x factor, in tonnes, computed here in plain Java from the CSV files.
 */
class DemoFusionSqlIT {
    private static TestLake lake;
    private static List<CSVRecord> registry;
    private static List<CSVRecord> consumption;
    private static Map<String, Double> factors;

    @BeforeAll
    static void runFusion() throws IOException {
        lake = TestLake.get();
        JobResult result =
                lake.run(lake.spec("fusionsql", TestLake.SCENARIO.fusionStatements(), TestLake.demoTables()));
        assertThat(result.error()).isNull();
        registry = read(DemoScenario.ENTERPRISE_REGISTRY);
        consumption = read(DemoScenario.ENERGY_CONSUMPTION);
        factors = new HashMap<>();
        for (CSVRecord r : read(DemoScenario.EMISSION_FACTORS)) {
            factors.put(r.get("energy_type"), Double.parseDouble(r.get("kg_co2_per_unit")));
        }
    }

    @Test
    void rejectsByReasonAreThePlantedDirtyRows() {
        Set<String> validRegistry = validRegistryCodes();
        long badCheck = 0;
        long unknown = 0;
        for (CSVRecord r : consumption) {
            String code = r.get("credit_code");
            if (!UnifiedCreditCode.isValid(code)) {
                badCheck++;
            } else if (!validRegistry.contains(code)) {
                unknown++;
            }
        }
        // the scenario plants both kinds: 3% of registry codes with a wrong check digit, 4% unknown rows
        assertThat(badCheck).isPositive();
        assertThat(unknown).isPositive();
        Map<String, Long> counted = new HashMap<>();
        for (Row row : lake.spark
                .sql("SELECT reason, count(*) FROM lab_fusionsql.consumption_rejects GROUP BY reason")
                .collectAsList()) {
            counted.put(row.getString(0), row.getLong(1));
        }
        assertThat(counted).isEqualTo(Map.of("BAD_CHECK_DIGIT", badCheck, "UNKNOWN_ENTERPRISE", unknown));
        long matched = lake.spark
                .sql("SELECT count(*) FROM lab_fusionsql.consumption_matched")
                .first()
                .getLong(0);
        assertThat(matched + badCheck + unknown).isEqualTo(consumption.size());
    }

    @Test
    void emissionsAreKwhTimesFactorPlusGasTimesFactorInTonnes() {
        Set<String> validRegistry = validRegistryCodes();
        double kg = 0;
        for (CSVRecord r : consumption) {
            if (validRegistry.contains(r.get("credit_code"))) {
                String gas = r.get("gas_m3");
                kg += Double.parseDouble(r.get("electricity_kwh")) * factors.get("electricity")
                        + (gas.isEmpty() ? 0 : Double.parseDouble(gas)) * factors.get("natural_gas");
            }
        }
        List<Row> groups = lake.spark
                .sql("SELECT emissions_t FROM lab_fusionsql.emissions_by_district_industry")
                .collectAsList();
        double total = groups.stream().mapToDouble(r -> r.getDouble(0)).sum();
        // each group is rounded to 3 decimals, so the sum may be off by half a kilogram per group
        assertThat(total).isCloseTo(kg / 1000, org.assertj.core.data.Offset.offset(groups.size() * 0.0005 + 1e-9));
        assertThat(total)
                .isCloseTo(
                        TestLake.SCENARIO.expectedEmissionsTonnes(),
                        org.assertj.core.data.Offset.offset(groups.size() * 0.0005 + 1e-9));
    }

    private static Set<String> validRegistryCodes() {
        Set<String> valid = new HashSet<>();
        for (CSVRecord r : registry) {
            if (UnifiedCreditCode.isValid(r.get("credit_code"))) {
                valid.add(r.get("credit_code"));
            }
        }
        return valid;
    }

    private static List<CSVRecord> read(String dataset) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get();
        try (Reader in = Files.newBufferedReader(lake.files.resolve(dataset + ".csv"), StandardCharsets.UTF_8)) {
            return new ArrayList<>(format.parse(in).getRecords());
        }
    }
}
