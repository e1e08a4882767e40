package io.lakelab.jobs;

import java.util.function.Consumer;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.SubqueryExpression;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.trees.TreeNode;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.BoxedUnit;

/**
 * Visits every node of a logical plan, including what {@code plan.foreach} misses: plans inside
 * subquery expressions ({@code IN (SELECT ...)}, scalar subqueries) and inner children such as CTE
 * definitions. An access check that skipped those would let a subquery read an ungranted table.
 */
public final class PlanWalker {
    private PlanWalker() {}

    public static void walk(LogicalPlan plan, Consumer<LogicalPlan> plans, Consumer<Expression> expressions) {
        plans.accept(plan);
        for (LogicalPlan child : CollectionConverters.asJava(plan.children())) {
            walk(child, plans, expressions);
        }
        for (TreeNode<?> inner : CollectionConverters.asJava(plan.innerChildren())) {
            if (inner instanceof LogicalPlan innerPlan) {
                walk(innerPlan, plans, expressions);
            }
        }
        for (Expression expression : CollectionConverters.asJava(plan.expressions())) {
            expression.foreach(e -> {
                expressions.accept(e);
                if (e instanceof SubqueryExpression subquery) {
                    walk(subquery.plan(), plans, expressions);
                }
                return BoxedUnit.UNIT;
            });
        }
    }

    public static void walk(LogicalPlan plan, Consumer<LogicalPlan> plans) {
        walk(plan, plans, e -> {});
    }
}
