package io.lakelab.catalog.demo;

import io.lakelab.catalog.CoBuilder;
import io.lakelab.catalog.CoBuilderRole;
import io.lakelab.catalog.ColumnSpec;
import io.lakelab.catalog.DatasetKind;
import io.lakelab.catalog.DatasetName;
import io.lakelab.catalog.DatasetSchema;
import io.lakelab.catalog.ErrorCategory;
import io.lakelab.catalog.Grade;
import io.lakelab.catalog.IndicatorDirection;
import io.lakelab.catalog.LabCode;
import io.lakelab.catalog.LabDefinition;
import io.lakelab.catalog.LabDirection;
import io.lakelab.catalog.LakeLabException;
import io.lakelab.catalog.OpenCategory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The built-in, deterministic demo of a low-carbon lab: the lab definition, three source datasets
 * (public enterprise registry and emission factors, social energy consumption) with deliberately
 * dirty rows, the fusion SQL, and indicators. The same enterprise count and seed always give
 * byte-identical files.
 */
public final class DemoScenario {
    public static final String ENTERPRISE_REGISTRY = "enterprise_registry";
    public static final String EMISSION_FACTORS = "emission_factors";
    public static final String ENERGY_CONSUMPTION = "energy_consumption";
    private static final String FUSION_RESOURCE = "/io/lakelab/catalog/demo/fusion.sql";

    private final int enterprises;
    private final long seed;
    private DemoData data;

    public DemoScenario(int enterprises, long seed) {
        if (enterprises < 1 || enterprises > 1_000_000) {
            throw LakeLabException.badRequest("Demo enterprise count " + enterprises
                    + " is out of range: choose between 1 and 1000000 (a few hundred is typical).");
        }
        this.enterprises = enterprises;
        this.seed = seed;
    }

    /** The scenario the platform's demo runner uses: 500 enterprises, seed 2025. */
    public static DemoScenario standard() {
        return new DemoScenario(500, 2025L);
    }

    public int enterprises() {
        return enterprises;
    }

    public long seed() {
        return seed;
    }

    public LabDefinition lab() {
        return new LabDefinition(
                LabCode.of("lowcarbon"),
                "低碳发展大数据联合创新实验室",
                "Low-Carbon Big Data Joint Innovation Lab",
                LabDirection.LOW_CARBON,
                "上海申能绿色低碳科技有限公司",
                List.of(
                        new CoBuilder("上海临港新能源产业发展有限公司", CoBuilderRole.INDUSTRY),
                        new CoBuilder("同济大学环境科学与工程学院", CoBuilderRole.ACADEMIA),
                        new CoBuilder("上海市节能减排研究院", CoBuilderRole.RESEARCH),
                        new CoBuilder("上海碳普惠运营服务中心", CoBuilderRole.APPLICATION)));
    }

    public List<DemoDataset> datasets() {
        return List.of(
                new DemoDataset(
                        DatasetName.of(ENTERPRISE_REGISTRY),
                        "上海市企业登记信息",
                        "Shanghai enterprise registry",
                        "Registered enterprises with district and GB/T 4754 industry section.",
                        DatasetKind.PUBLIC,
                        "上海市市场监督管理局",
                        OpenCategory.UNCONDITIONAL,
                        Grade.GENERAL,
                        Set.of("registry", "enterprise"),
                        DatasetSchema.of(
                                new ColumnSpec(
                                        "credit_code",
                                        "string",
                                        "Unified social credit code (GB 32100-2015)",
                                        true,
                                        Set.of("ID")),
                                new ColumnSpec("name", "string", "Registered name", true, Set.of()),
                                new ColumnSpec("district", "string", "Shanghai district", true, Set.of()),
                                new ColumnSpec(
                                        "industry_code", "string", "GB/T 4754-2017 industry section", true, Set.of()),
                                new ColumnSpec(
                                        "registered_capital",
                                        "decimal(12,2)",
                                        "Registered capital in 10k CNY",
                                        false,
                                        Set.of())),
                        ENTERPRISE_REGISTRY + ".csv"),
                new DemoDataset(
                        DatasetName.of(EMISSION_FACTORS),
                        "能源碳排放因子",
                        "Energy emission factors",
                        "CO2 emission factors per unit of energy (grid electricity, natural gas).",
                        DatasetKind.PUBLIC,
                        "上海市生态环境局",
                        OpenCategory.UNCONDITIONAL,
                        Grade.GENERAL,
                        Set.of("carbon", "reference"),
                        DatasetSchema.of(
                                new ColumnSpec("energy_type", "string", "electricity or natural_gas", true, Set.of()),
                                new ColumnSpec("unit", "string", "Unit of energy (kWh, m3)", true, Set.of()),
                                new ColumnSpec("kg_co2_per_unit", "double", "kg CO2 emitted per unit", true, Set.of())),
                        EMISSION_FACTORS + ".csv"),
                new DemoDataset(
                        DatasetName.of(ENERGY_CONSUMPTION),
                        "企业月度能耗数据",
                        "Monthly enterprise energy consumption",
                        "Monthly electricity and natural gas consumption per enterprise, 2025.",
                        DatasetKind.SOCIAL,
                        "上海城投能源服务有限公司",
                        null,
                        Grade.IMPORTANT,
                        Set.of("energy", "carbon"),
                        DatasetSchema.of(
                                new ColumnSpec(
                                        "credit_code", "string", "Unified social credit code", true, Set.of("ID")),
                                new ColumnSpec("month", "date", "First day of the month", true, Set.of()),
                                new ColumnSpec(
                                        "electricity_kwh", "double", "Electricity consumed, kWh", true, Set.of()),
                                new ColumnSpec(
                                        "gas_m3",
                                        "double",
                                        "Natural gas consumed, m3 (empty: no gas)",
                                        false,
                                        Set.of())),
                        ENERGY_CONSUMPTION + ".csv"));
    }

    public DemoDataset dataset(String name) {
        return datasets().stream()
                .filter(d -> d.name().value().equals(name))
                .findFirst()
                .orElseThrow(() -> new LakeLabException(
                        ErrorCategory.NOT_FOUND,
                        "The demo has no dataset '" + name + "': use one of " + ENTERPRISE_REGISTRY + ", "
                                + EMISSION_FACTORS + ", " + ENERGY_CONSUMPTION + "."));
    }

    /** Writes the three CSV files (UTF-8, header row) into {@code dir}, creating it if needed. */
    public void writeFiles(java.nio.file.Path dir) {
        try {
            new DemoFiles(data()).write(dir);
        } catch (IOException e) {
            throw new LakeLabException(
                    ErrorCategory.INTERNAL,
                    "Cannot write the demo files to " + dir + " (" + e.getMessage()
                            + "): check that the directory is writable and the disk is not full.",
                    e);
        }
    }

    /** The fusion job's Spark SQL statements, in order. */
    public List<String> fusionStatements() {
        return splitStatements(loadResource(FUSION_RESOURCE));
    }

    public List<DemoIndicator> indicators() {
        double emissions = expectedEmissionsTonnes();
        double matchedEnterprises = data().matchedEnterpriseCount();
        double intensity = matchedEnterprises == 0 ? 0 : emissions / matchedEnterprises;
        return List.of(
                new DemoIndicator(
                        "total_emissions_t",
                        "重点企业碳排放总量",
                        "Total CO2 emissions of matched enterprises",
                        "tCO2",
                        // set 5% below what the data yields, so the demo shows a missed target
                        Math.floor(emissions * 0.95),
                        IndicatorDirection.AT_MOST,
                        "SELECT sum(emissions_t) FROM emissions_by_district_industry"),
                new DemoIndicator(
                        "match_rate",
                        "能耗数据匹配率",
                        "Share of consumption rows matched to a registered enterprise",
                        "ratio",
                        0.9,
                        IndicatorDirection.AT_LEAST,
                        "SELECT CAST(m.n AS DOUBLE) / nullif(m.n + r.n, 0) FROM (SELECT count(*) AS n FROM"
                                + " consumption_matched) m CROSS JOIN (SELECT count(*) AS n FROM consumption_rejects) r"),
                new DemoIndicator(
                        "registry_coverage",
                        "登记企业能耗覆盖率",
                        "Share of valid registered enterprises with consumption data",
                        "ratio",
                        0.8,
                        IndicatorDirection.AT_LEAST,
                        "SELECT CAST(m.n AS DOUBLE) / nullif(r.n, 0) FROM (SELECT count(DISTINCT credit_code) AS n FROM"
                                + " consumption_matched) m CROSS JOIN (SELECT count(*) AS n FROM registry_valid) r"),
                new DemoIndicator(
                        "emission_intensity_t_per_enterprise",
                        "户均碳排放强度",
                        "Average CO2 emissions per matched enterprise",
                        "tCO2/enterprise",
                        Math.ceil(intensity * 1.1),
                        IndicatorDirection.AT_MOST,
                        "SELECT sum(e.emissions_t) / nullif(max(m.n), 0) FROM emissions_by_district_industry e CROSS JOIN"
                                + " (SELECT count(DISTINCT credit_code) AS n FROM consumption_matched) m"));
    }

    /** Total emissions in tonnes that the fusion SQL yields on this scenario's data. */
    public double expectedEmissionsTonnes() {
        return data().matchedEmissionsTonnes();
    }

    synchronized DemoData data() {
        if (data == null) {
            data = new DemoData(enterprises, seed);
        }
        return data;
    }

    static List<String> splitStatements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || (trimmed.isEmpty() && current.length() == 0)) {
                continue;
            }
            if (trimmed.endsWith(";")) {
                current.append(line, 0, line.lastIndexOf(';'));
                statements.add(current.toString().strip());
                current.setLength(0);
            } else {
                current.append(line).append('\n');
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return List.copyOf(statements);
    }

    private static String loadResource(String name) {
        try (InputStream in = DemoScenario.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new LakeLabException(
                        ErrorCategory.INTERNAL, "Resource " + name + " is missing from the catalog jar: rebuild it.");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LakeLabException(
                    ErrorCategory.INTERNAL, "Cannot read resource " + name + ": rebuild the catalog jar.", e);
        }
    }
}
