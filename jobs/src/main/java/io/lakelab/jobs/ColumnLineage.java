package io.lakelab.jobs;

import io.lakelab.catalog.iceberg.IcebergCatalogs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.spark.source.SparkTable;
import org.apache.spark.sql.catalyst.expressions.Alias;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.ExprId;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.NamedExpression;
import org.apache.spark.sql.catalyst.expressions.SubqueryExpression;
import org.apache.spark.sql.catalyst.expressions.aggregate.AggregateExpression;
import org.apache.spark.sql.catalyst.plans.logical.CTERelationDef;
import org.apache.spark.sql.catalyst.plans.logical.CTERelationRef;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.RowLevelWrite;
import org.apache.spark.sql.catalyst.plans.logical.Union;
import org.apache.spark.sql.catalyst.plans.logical.V2CreateTableAsSelectPlan;
import org.apache.spark.sql.catalyst.plans.logical.V2WriteCommand;
import org.apache.spark.sql.connector.catalog.Identifier;
import org.apache.spark.sql.execution.datasources.v2.DataSourceV2Relation;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.BoxedUnit;

/**
 * The DIRECT column lineage of one analyzed write statement, in the terms of the OpenLineage
 * column-lineage facet: for each column the statement writes, the catalog table columns whose values
 * flow into it, as {@code IDENTITY} (copied), {@code TRANSFORMATION} (computed from, e.g. a hash or a
 * mask) or {@code AGGREGATION} (summarised). Columns used only to filter, join, group or sort are
 * INDIRECT and not listed: their values do not reach the output column.
 *
 * <p>Only {@code CREATE TABLE AS SELECT}, {@code REPLACE TABLE AS SELECT} and {@code INSERT} have a
 * query whose output is the written row; for any other write (MERGE, UPDATE, DELETE) the lineage is
 * empty and the platform treats every column as possibly derived from every source. A plan node this
 * class does not know maps each new column to every column below it, so an unknown shape errs on the
 * side of more lineage, never less.
 */
final class ColumnLineage {

    /** A column of a catalog table, {@code namespace.table} and lower-case column name. */
    record SourceColumn(String table, String column) {}

    /** How a source column reaches an output column; a later constant is the stronger one. */
    enum Subtype {
        IDENTITY,
        TRANSFORMATION,
        AGGREGATION;

        Subtype max(Subtype other) {
            return other == null || compareTo(other) >= 0 ? this : other;
        }
    }

    private final Map<ExprId, Map<SourceColumn, Subtype>> origins = new HashMap<>();
    private final Map<Long, LogicalPlan> ctes = new HashMap<>();

    private ColumnLineage() {}

    /**
     * The written columns of {@code analyzed} (lower-case names, in query order) with their direct
     * sources, or empty when the statement is not an INSERT or a CREATE/REPLACE TABLE AS SELECT.
     */
    static Optional<Map<String, Map<SourceColumn, Subtype>>> of(LogicalPlan analyzed) {
        LogicalPlan query;
        if (analyzed instanceof V2CreateTableAsSelectPlan ctas) {
            query = ctas.query();
        } else if (analyzed instanceof V2WriteCommand write && !(analyzed instanceof RowLevelWrite)) {
            // a row-level write (DELETE, UPDATE, MERGE rewritten by Iceberg) reads its own rows through a
            // rewrite table and carries metadata columns: its lineage is left unknown, never guessed
            query = write.query();
        } else {
            return Optional.empty();
        }
        ColumnLineage lineage = new ColumnLineage();
        lineage.visit(query);
        Map<String, Map<SourceColumn, Subtype>> columns = new LinkedHashMap<>();
        for (Attribute a : CollectionConverters.asJava(query.output())) {
            columns.merge(a.name().toLowerCase(Locale.ROOT), lineage.originOf(a), ColumnLineage::union);
        }
        return Optional.of(columns);
    }

    private void visit(LogicalPlan plan) {
        for (LogicalPlan child : CollectionConverters.asJava(plan.children())) {
            visit(child);
        }
        if (plan instanceof CTERelationDef def) {
            ctes.put(def.id(), (LogicalPlan) def.child());
        }
        if (plan instanceof DataSourceV2Relation relation) {
            table(relation).ifPresent(table -> {
                for (Attribute a : CollectionConverters.asJava(relation.output())) {
                    origins.put(
                            a.exprId(),
                            Map.of(new SourceColumn(table, a.name().toLowerCase(Locale.ROOT)), Subtype.IDENTITY));
                }
            });
            return;
        }
        if (plan instanceof CTERelationRef ref && ctes.containsKey(ref.cteId())) {
            byPosition(plan, List.of(ctes.get(ref.cteId())));
            return;
        }
        if (plan instanceof Union) {
            byPosition(plan, CollectionConverters.asJava(plan.children()));
            return;
        }
        Map<ExprId, NamedExpression> defined = new HashMap<>();
        for (Expression e : CollectionConverters.asJava(plan.expressions())) {
            if (e instanceof NamedExpression named) {
                defined.put(named.exprId(), named);
            }
        }
        for (Attribute a : CollectionConverters.asJava(plan.output())) {
            if (origins.containsKey(a.exprId())) {
                continue; // passed through from a child: same values, same lineage
            }
            NamedExpression named = defined.get(a.exprId());
            if (named instanceof Alias alias) {
                origins.put(a.exprId(), originOf(alias.child()));
            } else {
                origins.put(a.exprId(), everythingBelow(plan));
            }
        }
    }

    /** Output column i of {@code plan} comes from column i of each of {@code sources} (UNION, CTE reference). */
    private void byPosition(LogicalPlan plan, List<LogicalPlan> sources) {
        List<Attribute> output = CollectionConverters.asJava(plan.output());
        for (int i = 0; i < output.size(); i++) {
            Map<SourceColumn, Subtype> merged =
                    new HashMap<>(origins.getOrDefault(output.get(i).exprId(), Map.of()));
            for (LogicalPlan source : sources) {
                List<Attribute> columns = CollectionConverters.asJava(source.output());
                if (i < columns.size()) {
                    merged = union(merged, originOf(columns.get(i)));
                }
            }
            origins.put(output.get(i).exprId(), merged);
        }
    }

    private Map<SourceColumn, Subtype> originOf(Expression expression) {
        if (expression instanceof Alias alias) {
            return originOf(alias.child());
        }
        if (expression instanceof Attribute a) {
            return origins.getOrDefault(a.exprId(), Map.of());
        }
        Subtype subtype =
                contains(expression, AggregateExpression.class) ? Subtype.AGGREGATION : Subtype.TRANSFORMATION;
        Map<SourceColumn, Subtype> found = new HashMap<>();
        expression.foreach(e -> {
            Map<SourceColumn, Subtype> from = Map.of();
            if (e instanceof Attribute a) {
                from = origins.getOrDefault(a.exprId(), Map.of());
            } else if (e instanceof SubqueryExpression subquery) {
                // a scalar subquery's value flows into the expression: its output columns are sources too
                visit(subquery.plan());
                Map<SourceColumn, Subtype> inner = new HashMap<>();
                for (Attribute a : CollectionConverters.asJava(subquery.plan().output())) {
                    inner = union(inner, originOf(a));
                }
                from = inner;
            }
            from.forEach((column, s) -> found.merge(column, subtype.max(s), Subtype::max));
            return BoxedUnit.UNIT;
        });
        return found;
    }

    /** An unknown node's new column: assume it may come from every column of its children. */
    private Map<SourceColumn, Subtype> everythingBelow(LogicalPlan plan) {
        Map<SourceColumn, Subtype> all = new HashMap<>();
        for (LogicalPlan child : CollectionConverters.asJava(plan.children())) {
            for (Attribute a : CollectionConverters.asJava(child.output())) {
                originOf(a).forEach((column, s) -> all.merge(column, Subtype.TRANSFORMATION.max(s), Subtype::max));
            }
        }
        return all;
    }

    private static boolean contains(Expression expression, Class<?> type) {
        return expression.find(type::isInstance).isDefined();
    }

    private static Map<SourceColumn, Subtype> union(Map<SourceColumn, Subtype> a, Map<SourceColumn, Subtype> b) {
        Map<SourceColumn, Subtype> out = new HashMap<>(a);
        b.forEach((column, s) -> out.merge(column, s, Subtype::max));
        return out;
    }

    /** {@code namespace.table} of an Iceberg table of the LakeLab catalog; metadata tables are their base table. */
    private static Optional<String> table(DataSourceV2Relation relation) {
        if (!(relation.table() instanceof SparkTable)
                || relation.catalog().isEmpty()
                || !relation.catalog().get().name().equals(IcebergCatalogs.CATALOG_NAME)
                || relation.identifier().isEmpty()) {
            return Optional.empty();
        }
        Identifier id = relation.identifier().get();
        List<String> parts = new ArrayList<>(List.of(id.namespace()));
        parts.add(id.name());
        return Optional.of(parts.get(0) + "." + parts.get(1));
    }
}
