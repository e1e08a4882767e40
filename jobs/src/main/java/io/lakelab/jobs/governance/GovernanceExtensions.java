package io.lakelab.jobs.governance;

import org.apache.spark.sql.SparkSessionExtensions;
import scala.runtime.BoxedUnit;

/**
 * The LakeLab Spark SQL extension ({@code spark.sql.extensions}): a post-hoc resolution rule that
 * applies row filters, masks and column denials ({@link GovernRelations}) and a check rule that
 * refuses what must not run ({@link GovernanceCheck}). Both do nothing unless a {@link Governance}
 * is installed on the session's Spark context, so one session serves governed and ungoverned jobs.
 */
public final class GovernanceExtensions implements scala.Function1<SparkSessionExtensions, BoxedUnit> {

    @Override
    public BoxedUnit apply(SparkSessionExtensions extensions) {
        extensions.injectPostHocResolutionRule(GovernRelations::new);
        extensions.injectCheckRule(GovernanceCheck::new);
        return BoxedUnit.UNIT;
    }
}
