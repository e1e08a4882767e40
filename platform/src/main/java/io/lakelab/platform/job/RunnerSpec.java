package io.lakelab.platform.job;

import io.lakelab.catalog.iceberg.IcebergSettings;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The JSON the runner reads on stdin, field for field the jobs module's {@code JobSpec} (the
 * platform has no Spark, and so no jobs module, on its classpath). It carries the catalog password:
 * it goes to the runner's stdin and nowhere else. Runs are always governed: {@code policies} are
 * the Ranger policies of service {@code lakelab_spark} compiled from the grants, decided for the
 * submitting user with the run's lab group only.
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
        String runDir,
        JsonNode policies,
        List<String> userGroups,
        PolicyRefresh policyRefresh) {

    /**
     * Where the runner polls for policy changes (the platform's Ranger-compatible download API),
     * with a token valid for this run only: a revoke or expiry reaches running jobs within seconds.
     */
    record PolicyRefresh(String url, String token, long intervalMs) {
        @Override
        public String toString() {
            return "PolicyRefresh[url=" + url + ", token=***]";
        }
    }

    /** An indicator the runner computes: {@code IndicatorSpec} in the jobs module. */
    record Indicator(String code, String sql) {}

    @Override
    public String toString() {
        return "RunnerSpec[runId=" + runId + ", lab=" + labCode + ", statements=" + statements.size() + "]";
    }
}
