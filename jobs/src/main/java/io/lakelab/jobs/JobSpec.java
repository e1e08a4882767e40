package io.lakelab.jobs;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;
import io.lakelab.catalog.LabCode;
import io.lakelab.catalog.LakeLabException;
import io.lakelab.catalog.Workspaces;
import io.lakelab.catalog.iceberg.IcebergSettings;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What one job run must do: the lab and user it runs for, its Spark SQL statements, the source
 * tables the lab may read ({@code namespace.table}, coarse grants), the indicators to refresh, and
 * how to reach the Iceberg catalog. With {@code policies} (Ranger {@code ServicePolicies} JSON of
 * service {@code lakelab_spark}) the job runs governed: Ranger decides every read as {@code user}
 * with {@code userGroups} (the lab's group {@code lab_<code>} only), optionally refreshed from
 * {@code policyRefresh}; without them only the coarse {@code readableTables} check applies. The spec carries the catalog password, so the runner reads it
 * from stdin only and never logs or stores it ({@link IcebergSettings#toString()} masks it).
 */
public record JobSpec(
        String runId,
        String labCode,
        String user,
        String jobName,
        List<String> statements,
        Set<String> readableTables,
        List<IndicatorSpec> indicators,
        boolean recomputeAllIndicators,
        IcebergSettings iceberg,
        String sparkMaster,
        int shufflePartitions,
        String runDir,
        JsonNode policies,
        List<String> userGroups,
        PolicyRefresh policyRefresh) {
    public static final String DEFAULT_MASTER = "local[2]";
    public static final int DEFAULT_SHUFFLE_PARTITIONS = 4;

    @JsonCreator
    public JobSpec {
        require("runId", runId);
        require("labCode", labCode);
        LabCode.of(labCode);
        require("jobName", jobName);
        require("runDir", runDir);
        if (iceberg == null) {
            throw LakeLabException.badRequest(
                    "The job spec has no 'iceberg' connection: give jdbcUrl, user, password and warehouse.");
        }
        user = user == null ? "" : user;
        statements = statements == null ? List.of() : List.copyOf(statements);
        for (int i = 0; i < statements.size(); i++) {
            if (statements.get(i) == null || statements.get(i).isBlank()) {
                throw LakeLabException.badRequest(
                        "Statement " + (i + 1) + " of the job spec is empty: remove it or give its SQL.");
            }
        }
        readableTables = readableTables == null ? Set.of() : Set.copyOf(new LinkedHashSet<>(readableTables));
        indicators = indicators == null ? List.of() : List.copyOf(indicators);
        sparkMaster = sparkMaster == null || sparkMaster.isBlank() ? DEFAULT_MASTER : sparkMaster;
        shufflePartitions = shufflePartitions <= 0 ? DEFAULT_SHUFFLE_PARTITIONS : shufflePartitions;
        if (policies != null && (policies.isNull() || policies.isMissingNode())) {
            policies = null;
        }
        String labGroup = Workspaces.of(LabCode.of(labCode));
        userGroups = userGroups == null || userGroups.isEmpty() ? List.of(labGroup) : List.copyOf(userGroups);
        for (String group : userGroups) {
            if (!group.equals(labGroup)) {
                throw LakeLabException.badRequest("userGroups may hold only the job's lab group " + labGroup + ", not '"
                        + group + "': a job uses the grants of the lab it runs in and no other.");
            }
        }
        if (policyRefresh != null && policies == null) {
            throw LakeLabException.badRequest("policyRefresh needs 'policies': send the initial policies as well.");
        }
    }

    /** The spec of an ungoverned job (coarse table grants only), as before policies existed. */
    public JobSpec(
            String runId,
            String labCode,
            String user,
            String jobName,
            List<String> statements,
            Set<String> readableTables,
            List<IndicatorSpec> indicators,
            boolean recomputeAllIndicators,
            IcebergSettings iceberg,
            String sparkMaster,
            int shufflePartitions,
            String runDir) {
        this(
                runId,
                labCode,
                user,
                jobName,
                statements,
                readableTables,
                indicators,
                recomputeAllIndicators,
                iceberg,
                sparkMaster,
                shufflePartitions,
                runDir,
                null,
                null,
                null);
    }

    /** Whether Ranger policies govern this job. */
    public boolean governed() {
        return policies != null;
    }

    /** A copy of this spec governed by these policies (tests, the benchmark). */
    public JobSpec withPolicies(JsonNode newPolicies, PolicyRefresh refresh) {
        return new JobSpec(
                runId,
                labCode,
                user,
                jobName,
                statements,
                readableTables,
                indicators,
                recomputeAllIndicators,
                iceberg,
                sparkMaster,
                shufflePartitions,
                runDir,
                newPolicies,
                userGroups,
                refresh);
    }

    public LabCode lab() {
        return LabCode.of(labCode);
    }

    /** The lab's workspace namespace, {@code lab_<code>}: the only place the job may write. */
    public String workspace() {
        return Workspaces.of(lab());
    }

    private static void require(String field, String value) {
        if (value == null || value.isBlank()) {
            throw LakeLabException.badRequest("The job spec has no '" + field + "': give a non-empty value.");
        }
    }
}
