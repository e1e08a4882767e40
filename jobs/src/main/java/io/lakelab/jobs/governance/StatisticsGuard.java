package io.lakelab.jobs.governance;

import io.lakelab.jobs.PlanWalker;
import io.lakelab.jobs.governance.Governance.TableName;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.sql.catalyst.analysis.ResolvedNamespace;
import org.apache.spark.sql.catalyst.analysis.ResolvedTable;
import org.apache.spark.sql.catalyst.plans.logical.DescribeColumn;
import org.apache.spark.sql.catalyst.plans.logical.DescribeRelation;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.ShowPartitions;
import org.apache.spark.sql.catalyst.plans.logical.ShowTablePartition;
import org.apache.spark.sql.catalyst.plans.logical.ShowTablesExtended;
import org.apache.spark.sql.classic.SparkSession;
import org.apache.spark.sql.connector.catalog.Column;
import org.apache.spark.sql.execution.CommandExecutionMode;
import org.apache.spark.sql.execution.CostMode$;
import org.apache.spark.sql.execution.command.DescribeRelationJsonCommand;
import org.apache.spark.sql.execution.command.ExplainCommand;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Refuses the statements that reveal statistics of a table the lab sees only in part (through a
 * row filter, masks or denied columns): sizes, row counts, min/max, null and distinct counts would
 * tell about the rows and values the policy hides. Spark shows them in {@code DESCRIBE EXTENDED
 * <t>} (table statistics), {@code DESCRIBE EXTENDED <t> <col>} (column statistics), {@code DESCRIBE
 * ... AS JSON}, {@code SHOW PARTITIONS}, {@code EXPLAIN COST} (the relation's size and row count under the filter) and
 * {@code SHOW TABLE EXTENDED} outside the workspace. Iceberg's metadata tables ({@code .files},
 * {@code .partitions}, ...) need unrestricted access already ({@link GovernRelations}).
 */
final class StatisticsGuard {
    private final Governance governance;
    private final SparkSession spark;

    StatisticsGuard(Governance governance, SparkSession spark) {
        this.governance = governance;
        this.spark = spark;
    }

    /** Fails (and audits) when the plan would show statistics of a table the lab sees only in part. */
    void check(LogicalPlan plan) {
        PlanWalker.walk(plan, this::checkNode);
    }

    private void checkNode(LogicalPlan node) {
        if (node instanceof DescribeRelation d && d.isExtended()) {
            requireUnrestricted(d.relation(), "DESCRIBE EXTENDED", "its size and row count");
        } else if (node instanceof DescribeColumn d && d.isExtended()) {
            requireUnrestricted(
                    d.relation(), "DESCRIBE EXTENDED <table> <column>", "min/max, null and distinct counts");
        } else if (node instanceof DescribeRelationJsonCommand d) {
            requireUnrestricted(d.child(), "DESCRIBE ... AS JSON", "its statistics");
        } else if (node instanceof ShowPartitions show) {
            requireUnrestricted(show.table(), "SHOW PARTITIONS", "the partition values of every row");
        } else if (node instanceof ShowTablesExtended show) {
            requireWorkspace(show.namespace(), "SHOW TABLE EXTENDED");
        } else if (node instanceof ShowTablePartition show) {
            requireWorkspace(show.table(), "SHOW TABLE EXTENDED ... PARTITION");
        } else if (node instanceof ExplainCommand explain && explain.mode() == CostMode$.MODULE$) {
            requireUnrestrictedReads(explain.logicalPlan());
        }
    }

    private void requireUnrestricted(LogicalPlan relation, String what, String reveals) {
        if (!(relation instanceof ResolvedTable resolved)
                || resolved.identifier().namespace().length != 1) {
            return; // temporary views and other non-tables: the statement guard decides what they may name
        }
        TableName table = new TableName(
                resolved.identifier().namespace()[0].toLowerCase(Locale.ROOT),
                resolved.identifier().name().toLowerCase(Locale.ROOT),
                null);
        List<String> columns = Arrays.stream(resolved.table().columns())
                .map(Column::name)
                .map(c -> c.toLowerCase(Locale.ROOT))
                .toList();
        if (governance.restricted(table, columns)) {
            throw refuse(table, what, reveals);
        }
    }

    private void requireWorkspace(LogicalPlan child, String what) {
        List<String> namespace = List.of();
        if (child instanceof ResolvedNamespace ns) {
            namespace = CollectionConverters.asJava(ns.namespace());
        } else if (child instanceof ResolvedTable table) {
            namespace = List.of(table.identifier().namespace());
        }
        String shown = String.join(".", namespace).toLowerCase(Locale.ROOT);
        if (!shown.equals(governance.workspace())) {
            throw governance.refuse(
                    "statistics:" + shown,
                    what + " in " + shown + " is not allowed in a job: it shows details of every matching table,"
                            + " also of datasets the lab may read only in part. Use DESCRIBE TABLE <table> for a"
                            + " dataset's columns.");
        }
    }

    /** EXPLAIN COST prints each relation's statistics: refused when any read is filtered, masked or narrowed. */
    private void requireUnrestrictedReads(LogicalPlan explained) {
        LogicalPlan analyzed = spark.sessionState()
                .executePlan(explained, CommandExecutionMode.SKIP())
                .analyzed();
        AtomicReference<TableName> restricted = new AtomicReference<>();
        PlanWalker.walk(analyzed, node -> {
            Optional<GovernRelations.Wrapped> wrapped = Optional.ofNullable(
                    node.getTagValue(GovernRelations.WRAPPER).getOrElse(() -> null));
            wrapped.ifPresent(w -> restricted.compareAndSet(null, w.table()));
        });
        if (restricted.get() != null) {
            throw refuse(restricted.get(), "EXPLAIN COST", "its size and row count");
        }
    }

    private RuntimeException refuse(TableName table, String what, String reveals) {
        return governance.refuse(
                "statistics:" + table.qualified(),
                what + " of " + table.qualified() + " is not allowed in a job: it shows " + reveals + ", and lab "
                        + governance.labCode() + " may not read all of that table (a row filter, masks, ungranted"
                        + " columns or no grant). Compute what you need with a query; the policy applies to it.");
    }
}
