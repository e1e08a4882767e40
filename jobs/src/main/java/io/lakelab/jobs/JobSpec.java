package io.lakelab.jobs;

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
 * how to reach the Iceberg catalog. The spec carries the catalog password, so the runner reads it
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
        String runDir) {
    public static final String DEFAULT_MASTER = "local[2]";
    public static final int DEFAULT_SHUFFLE_PARTITIONS = 4;

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
