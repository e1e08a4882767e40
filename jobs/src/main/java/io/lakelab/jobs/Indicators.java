package io.lakelab.jobs;

import io.lakelab.jobs.AccessCheck.Checked;
import io.lakelab.jobs.JobResult.IndicatorValue;
import io.lakelab.jobs.JobResult.TableVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.classic.Dataset;
import org.apache.spark.sql.classic.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes indicator values after a job's statements: those whose SQL reads a table the run wrote,
 * or all of them on request. A failing indicator gets an error of its own and never fails the job,
 * since the tables it reads were written correctly.
 */
final class Indicators {
    private static final Logger LOG = LoggerFactory.getLogger(Indicators.class);

    private final SparkSession spark;
    private final TableVersions versions;

    Indicators(SparkSession spark, TableVersions versions) {
        this.spark = spark;
        this.versions = versions;
    }

    static List<Checked> selected(List<Checked> indicators, Set<String> written, boolean all) {
        return indicators.stream()
                .filter(i -> all || i.tables().reads().stream().anyMatch(t -> written.contains(t.qualified())))
                .toList();
    }

    List<IndicatorValue> compute(List<Checked> indicators, List<IndicatorSpec> specs) {
        List<IndicatorValue> values = new ArrayList<>();
        for (Checked checked : indicators) {
            values.add(compute(specs.get(checked.index() - 1).code(), checked.sql()));
        }
        return values;
    }

    private IndicatorValue compute(String code, String sql) {
        List<TableVersion> tables = List.of();
        try {
            Dataset<Row> df = (Dataset<Row>) spark.sql(sql);
            tables = versions.reads(df.queryExecution().analyzed(), "Indicator " + code);
            List<Row> rows = df.takeAsList(1);
            if (rows.isEmpty() || rows.get(0).size() == 0) {
                return failed(code, tables, "returned no rows; make its query return one row with a number");
            }
            Object value = rows.get(0).get(0);
            if (value == null) {
                return failed(code, tables, "returned NULL; check that the tables it reads have rows");
            }
            if (!(value instanceof Number number)) {
                return failed(
                        code,
                        tables,
                        "returned " + value.getClass().getSimpleName() + " '" + value
                                + "', not a number; make its first column numeric");
            }
            return new IndicatorValue(code, number.doubleValue(), null, tables);
        } catch (Exception e) {
            LOG.warn("Indicator {} failed", code, e);
            return failed(code, tables, "failed: " + AccessCheck.firstLine(e.getMessage()));
        }
    }

    private static IndicatorValue failed(String code, List<TableVersion> tables, String problem) {
        return new IndicatorValue(code, null, "Indicator " + code + " " + problem, tables);
    }
}
