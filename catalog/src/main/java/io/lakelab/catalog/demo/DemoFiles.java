package io.lakelab.catalog.demo;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Writes {@link DemoData} as the scenario's three CSV files; formatting is fixed so bytes are stable. */
final class DemoFiles {
    // LF endings and Locale.ROOT number formatting: the files must not depend on the platform
    private static final CSVFormat FORMAT =
            CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get();

    private final DemoData data;

    DemoFiles(DemoData data) {
        this.data = data;
    }

    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        try (CSVPrinter out = printer(dir, DemoScenario.ENTERPRISE_REGISTRY)) {
            out.printRecord("credit_code", "name", "district", "industry_code", "registered_capital");
            for (DemoData.Enterprise e : data.registry) {
                out.printRecord(
                        e.creditCode(),
                        e.name(),
                        e.district(),
                        e.industryCode(),
                        e.capital().toPlainString());
            }
        }
        try (CSVPrinter out = printer(dir, DemoScenario.EMISSION_FACTORS)) {
            out.printRecord("energy_type", "unit", "kg_co2_per_unit");
            out.printRecord("electricity", "kWh", format(DemoData.ELECTRICITY_KG_PER_KWH, 4));
            out.printRecord("natural_gas", "m3", format(DemoData.GAS_KG_PER_M3, 2));
        }
        try (CSVPrinter out = printer(dir, DemoScenario.ENERGY_CONSUMPTION)) {
            out.printRecord("credit_code", "month", "electricity_kwh", "gas_m3");
            for (DemoData.Consumption c : data.consumption) {
                out.printRecord(
                        c.creditCode(),
                        c.month().toString(),
                        format(c.electricityKwh(), 1),
                        c.gasM3() == null ? "" : format(c.gasM3(), 1));
            }
        }
    }

    private static CSVPrinter printer(Path dir, String dataset) throws IOException {
        Writer writer = Files.newBufferedWriter(dir.resolve(dataset + ".csv"), StandardCharsets.UTF_8);
        return new CSVPrinter(writer, FORMAT);
    }

    private static String format(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
