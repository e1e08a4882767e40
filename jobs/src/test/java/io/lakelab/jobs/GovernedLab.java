package io.lakelab.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakelab.catalog.LabCode;
import io.lakelab.catalog.iceberg.IcebergCatalogs;
import io.lakelab.catalog.policy.GrantSpec;
import io.lakelab.catalog.policy.PolicyCompiler;
import io.lakelab.catalog.policy.PolicyJson;
import io.lakelab.catalog.policy.PolicyTarget;
import io.lakelab.jobs.governance.AuditLog;
import io.lakelab.jobs.governance.GovernedRun;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.apache.ranger.plugin.util.ServicePolicies;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A governed session for one lab on the shared test lake: policies compiled from grants with the
 * catalog's {@link PolicyCompiler}, passed through JSON as the platform sends them, Ranger's
 * engine installed on the session, and the audit lines captured as the runner prints them.
 */
final class GovernedLab implements AutoCloseable {
    final TestLake lake;
    final JobSpec spec;
    final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    final AuditLog audit;
    private final GovernedRun run;

    GovernedLab(TestLake lake, String lab, JsonNode policies, PolicyRefresh refresh) {
        this.lake = lake;
        this.spec = lake.spec(lab, List.of(), Set.of()).withPolicies(policies, refresh);
        IcebergCatalogs.ensureNamespace(lake.catalog, spec.workspace());
        lake.spark.sql("USE " + IcebergCatalogs.CATALOG_NAME + ".`" + spec.workspace() + "`");
        this.audit =
                new AuditLog(spec.runId(), spec.user(), lab, new PrintStream(stdout, true, StandardCharsets.UTF_8));
        this.run = GovernedRun.start(lake.spark, spec, audit);
    }

    static ServicePolicies compile(Collection<String> labs, Collection<GrantSpec> grants) {
        return new PolicyCompiler(PolicyTarget.SPARK)
                .compile(labs.stream().map(LabCode::of).toList(), grants);
    }

    static JsonNode json(ServicePolicies policies) {
        return JobJson.tree(PolicyJson.write(policies));
    }

    Dataset<Row> sql(String sql) {
        return lake.spark.sql(sql);
    }

    List<Row> rows(String sql) {
        return sql(sql).collectAsList();
    }

    /** The audit lines printed so far, as the platform would read them from stdout. */
    List<String> auditLines() {
        return stdout.toString(StandardCharsets.UTF_8)
                .lines()
                .filter(l -> l.startsWith(AuditLog.PREFIX))
                .toList();
    }

    @Override
    public void close() {
        run.close();
        lake.spark.sessionState().catalog().clearTempTables();
    }
}
