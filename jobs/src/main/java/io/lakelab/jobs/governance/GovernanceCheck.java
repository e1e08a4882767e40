package io.lakelab.jobs.governance;

import io.lakelab.jobs.PlanWalker;
import io.lakelab.jobs.governance.GovernRelations.Wrapped;
import io.lakelab.jobs.governance.Governance.ReadDecision;
import io.lakelab.jobs.governance.Governance.TableName;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.ExprId;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.classic.SparkSession;
import org.apache.spark.sql.execution.datasources.v2.DataSourceV2Relation;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.BoxedUnit;

/**
 * The check rule of the governed session, run on every analysed plan after {@link GovernRelations}:
 * fails when a denied column is used anywhere above its wrapper (conservative: {@code SELECT *}
 * fails, {@code count(*)} works), re-checks the statement's shape, refuses statistics of tables the
 * lab sees only in part ({@link StatisticsGuard}), and re-asks Ranger about every
 * relation, so a plan analysed earlier (a DataFrame temporary view, a cached plan) cannot outlive a
 * revoke or an expiry.
 */
final class GovernanceCheck implements scala.Function1<LogicalPlan, BoxedUnit> {
    private final SparkSession spark;

    GovernanceCheck(org.apache.spark.sql.SparkSession spark) {
        this.spark = (SparkSession) spark;
    }

    @Override
    public BoxedUnit apply(LogicalPlan plan) {
        Optional<Governance> governance = Governance.of(spark.sparkContext());
        if (governance.isPresent()) {
            check(governance.get(), plan);
        }
        return BoxedUnit.UNIT;
    }

    private void check(Governance g, LogicalPlan plan) {
        new StatementGuard(g, spark).check(plan);
        new StatisticsGuard(g, spark).check(plan);
        Map<ExprId, String> denied = new HashMap<>();
        // nodes inside wrappers: the row filter may use any column, and their relations were decided
        Set<LogicalPlan> inside = Collections.newSetFromMap(new IdentityHashMap<>());
        PlanWalker.walk(plan, node -> {
            Optional<Wrapped> wrapped = wrapped(node);
            if (wrapped.isPresent()) {
                denied.putAll(wrapped.get().denied());
                recheck(g, wrapped.get());
                for (LogicalPlan child : CollectionConverters.asJava(node.children())) {
                    child.foreach(inner -> {
                        inside.add(inner);
                        return BoxedUnit.UNIT;
                    });
                }
            }
        });
        PlanWalker.walk(plan, node -> {
            if (node instanceof DataSourceV2Relation relation && !inside.contains(relation)) {
                recheckUnwrapped(g, relation);
            }
        });
        if (denied.isEmpty()) {
            return;
        }
        PlanWalker.walk(plan, node -> {
            if (wrapped(node).isPresent() || inside.contains(node)) {
                return;
            }
            for (Attribute a : CollectionConverters.asJava(node.references().toSeq())) {
                String column = denied.get(a.exprId());
                if (column != null) {
                    throw g.refuse(
                            column,
                            "column " + column + " is not granted to the lab: select only granted columns (SELECT *"
                                    + " includes every column; name the columns instead).");
                }
            }
        });
    }

    private static Optional<Wrapped> wrapped(LogicalPlan node) {
        scala.Option<Wrapped> tag = node.getTagValue(GovernRelations.WRAPPER);
        return tag.isDefined() ? Optional.of(tag.get()) : Optional.empty();
    }

    private static void recheck(Governance g, Wrapped wrapped) {
        ReadDecision now = g.decideRead(
                wrapped.table(),
                wrapped.allowed().stream().map(c -> c.toLowerCase(Locale.ROOT)).toList());
        List<String> revoked = wrapped.allowed().stream()
                .filter(c -> !now.access().get(c.toLowerCase(Locale.ROOT)).allowed())
                .toList();
        if (!revoked.isEmpty()) {
            throw g.refuse(
                    wrapped.table().qualified(),
                    "the lab's access to " + wrapped.table().qualified() + " changed (revoked or expired: "
                            + String.join(", ", revoked) + ") since this plan was built; it can no longer be read.");
        }
    }

    private static void recheckUnwrapped(Governance g, DataSourceV2Relation relation) {
        TableName table = g.tableOf(relation);
        if (table.metadataTable() != null) {
            return; // GovernRelations allowed it only with unrestricted access, and checks again when re-analysed
        }
        List<String> columns = Governance.output(relation).stream()
                .filter(a -> !Governance.isMetadataColumn(a))
                .map(a -> a.name().toLowerCase(Locale.ROOT))
                .toList();
        ReadDecision now = g.decideRead(table, columns);
        g.requireReadable(now);
        if (!now.unrestricted()) {
            throw g.refuse(
                    table.qualified(),
                    "the policies on " + table.qualified() + " changed since this plan was built; run the"
                            + " statement again.");
        }
    }
}
