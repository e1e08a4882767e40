package io.lakelab.jobs.governance;

import io.lakelab.catalog.policy.LakeLabAccess;
import io.lakelab.catalog.policy.PolicyJson;
import io.lakelab.catalog.policy.PolicyTarget;
import io.lakelab.jobs.JobSpec;
import java.util.Set;
import org.apache.spark.sql.classic.SparkSession;

/**
 * The governance of one job run, from start to close: Ranger's engine fed with the spec's policies,
 * the optional refresher and the {@link Governance} installed on the session. A spec without
 * policies gives an inactive run (the coarse check alone applies).
 */
public final class GovernedRun implements AutoCloseable {
    private final LakeLabAccess access;
    private final Governance governance;
    private final PolicyRefresher refresher;

    private GovernedRun(LakeLabAccess access, Governance governance, PolicyRefresher refresher) {
        this.access = access;
        this.governance = governance;
        this.refresher = refresher;
    }

    public static GovernedRun start(SparkSession spark, JobSpec spec, AuditLog audit) {
        if (!spec.governed()) {
            return new GovernedRun(null, null, null);
        }
        String json = spec.policies().isTextual()
                ? spec.policies().asText()
                : spec.policies().toString();
        LakeLabAccess access =
                LakeLabAccess.start(PolicyTarget.SPARK, "lakelab-job-" + spec.runId(), PolicyJson.policies(json), null);
        try {
            Governance governance = Governance.install(
                    spark.sparkContext(), access, spec.user(), Set.copyOf(spec.userGroups()), spec.lab(), audit);
            PolicyRefresher refresher =
                    spec.policyRefresh() == null ? null : PolicyRefresher.start(spec.policyRefresh(), access);
            return new GovernedRun(access, governance, refresher);
        } catch (RuntimeException e) {
            access.close();
            throw e;
        }
    }

    /** The run's Ranger engine, or null when the run is not governed. */
    public LakeLabAccess access() {
        return access;
    }

    @Override
    public void close() {
        if (refresher != null) {
            refresher.close();
        }
        if (governance != null) {
            governance.close();
        }
        if (access != null) {
            access.close();
        }
    }
}
