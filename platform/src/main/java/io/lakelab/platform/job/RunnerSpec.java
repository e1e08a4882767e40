package io.lakelab.platform.job;

import io.lakelab.catalog.iceberg.IcebergSettings;
import java.util.List;
import java.util.Set;

/**
 * The JSON the runner reads on stdin, field for field the jobs module's {@code JobSpec} (the
 * platform has no Spark, and so no jobs module, on its classpath). It carries the catalog password:
 * it goes to the runner's stdin and nowhere else.
 */
record RunnerSpec(
        String runId,
        String labCode,
        String user,
        String jobName,
        List<String> statements,
        Set<String> readableTables,
        List<Indicator> indicators,
        boolean recomputeAllIndicators,
        IcebergSettings iceberg,
        String sparkMaster,
        int shufflePartitions,
        String runDir) {

    /** An indicator the runner computes: {@code IndicatorSpec} in the jobs module. */
    record Indicator(String code, String sql) {}

    @Override
    public String toString() {
        return "RunnerSpec[runId=" + runId + ", lab=" + labCode + ", statements=" + statements.size() + "]";
    }
}
