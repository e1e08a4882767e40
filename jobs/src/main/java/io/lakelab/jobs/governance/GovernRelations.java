package io.lakelab.jobs.governance;

import io.lakelab.catalog.ErrorCategory;
import io.lakelab.catalog.LakeLabException;
import io.lakelab.catalog.policy.MaskDecision;
import io.lakelab.catalog.policy.MaskType;
import io.lakelab.jobs.governance.Governance.ReadDecision;
import io.lakelab.jobs.governance.Governance.TableName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.spark.source.SparkTable;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.AttributeReference;
import org.apache.spark.sql.catalyst.expressions.ExprId;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.NamedExpression;
import org.apache.spark.sql.catalyst.plans.logical.Filter;
import org.apache.spark.sql.catalyst.plans.logical.LocalRelation$;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.Project;
import org.apache.spark.sql.catalyst.rules.Rule;
import org.apache.spark.sql.catalyst.trees.TreeNodeTag;
import org.apache.spark.sql.classic.SparkSession;
import org.apache.spark.sql.execution.datasources.v2.DataSourceV2Relation;
import scala.Tuple2;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractPartialFunction;

/**
 * The analysis rule that applies Ranger's decisions to every read of a governed table: each
 * {@link DataSourceV2Relation} becomes {@code Project(masks and denied columns as new aliases) <-
 * Filter(row filter) <- relation}; parents are rewritten to the new attributes, and the wrapper (never
 * the relation, which Spark shares between subqueries) carries {@link #WRAPPER} so later passes leave
 * it alone. Reads with nothing to apply stay as they are. Policy SQL is parsed with the session's
 * parser and resolved against the relation's own attributes; masks are cast back to the column type.
 */
final class GovernRelations extends Rule<LogicalPlan> {
    static final TreeNodeTag<Wrapped> WRAPPER = new TreeNodeTag<>("lakelab.governed");
    private static final ThreadLocal<Boolean> RESOLVING_POLICY = ThreadLocal.withInitial(() -> false);

    /** What a wrapper applied: the table, and the attributes that stand for denied columns. */
    record Wrapped(TableName table, Map<ExprId, String> denied, List<String> allowed) {}

    private final SparkSession spark;

    GovernRelations(org.apache.spark.sql.SparkSession spark) {
        this.spark = (SparkSession) spark;
    }

    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        Optional<Governance> governance = Governance.of(spark.sparkContext());
        if (governance.isEmpty() || RESOLVING_POLICY.get()) {
            return plan;
        }
        Governance g = governance.get();
        // Refuse writes outside the workspace before any wrapper changes a row-level command's shape, and
        // statistics before Spark's own checks answer for them (SHOW PARTITIONS: "unsupported").
        new StatementGuard(g, spark).check(plan);
        new StatisticsGuard(g, spark).check(plan);
        Map<String, Tuple2<LogicalPlan, Seq<Tuple2<Attribute, Attribute>>>> done = new HashMap<>();
        return plan.transformUpWithNewOutput(
                new AbstractPartialFunction<LogicalPlan, Tuple2<LogicalPlan, Seq<Tuple2<Attribute, Attribute>>>>() {
                    @Override
                    public boolean isDefinedAt(LogicalPlan node) {
                        return node instanceof DataSourceV2Relation;
                    }

                    @Override
                    public <A1 extends LogicalPlan, B1> B1 applyOrElse(A1 node, scala.Function1<A1, B1> otherwise) {
                        if (!(node instanceof DataSourceV2Relation relation)) {
                            return otherwise.apply(node);
                        }
                        // The same relation twice in one plan (a union of a table with itself) must map
                        // to the same new attributes, or the rewrite of the parents is ambiguous.
                        String key = relation.table().name()
                                + relation.output().map(a -> a.exprId().id());
                        @SuppressWarnings("unchecked")
                        B1 result = (B1) done.computeIfAbsent(key, k -> govern(g, relation));
                        return result;
                    }
                },
                node -> node.getTagValue(WRAPPER).isDefined(),
                LogicalPlan::resolved);
    }

    private Tuple2<LogicalPlan, Seq<Tuple2<Attribute, Attribute>>> govern(Governance g, DataSourceV2Relation relation) {
        TableName table = g.tableOf(relation);
        List<AttributeReference> output = Governance.output(relation);
        List<String> columns = output.stream()
                .filter(a -> !Governance.isMetadataColumn(a))
                .map(a -> a.name().toLowerCase(java.util.Locale.ROOT))
                .toList();
        if (table.metadataTable() != null) {
            g.requireMetadataAccess(table, baseColumns(relation));
            return unchanged(relation);
        }
        ReadDecision read = g.decideRead(table, columns);
        g.requireReadable(read);
        if (read.unrestricted()) {
            return unchanged(relation);
        }
        return wrap(relation, output, read);
    }

    private Tuple2<LogicalPlan, Seq<Tuple2<Attribute, Attribute>>> wrap(
            DataSourceV2Relation relation, List<AttributeReference> output, ReadDecision read) {
        List<Expression> projections = new ArrayList<>();
        List<String> deniedNames = new ArrayList<>(); // per column: its name when denied, else null
        List<Boolean> replaced = new ArrayList<>();
        for (AttributeReference a : output) {
            String column = a.name().toLowerCase(java.util.Locale.ROOT);
            String quoted = quote(a.name());
            String type = a.dataType().sql();
            String sql;
            boolean denied =
                    Governance.isMetadataColumn(a) || !read.access().get(column).allowed();
            if (denied) {
                // Null even if a reference slips past the check: defence in depth.
                sql = "CAST(NULL AS " + type + ") AS " + quoted;
            } else if (read.masks().containsKey(column)) {
                sql = "try_cast((" + maskSql(read.masks().get(column), quoted) + ") AS " + type + ") AS " + quoted;
            } else {
                sql = quoted;
            }
            replaced.add(denied || read.masks().containsKey(column));
            deniedNames.add(denied ? read.table().qualified() + "." + a.name() : null);
            projections.add(parse(sql, read));
        }
        Expression condition =
                read.rowFilter().filter().map(f -> parse(f, read)).orElse(null);
        LogicalPlan resolved = resolve(relation, projections, condition, read);
        Project project = (Project) resolved;
        LogicalPlan filtered =
                condition == null ? relation : new Filter(((Filter) project.child()).condition(), relation);
        Project wrapper = new Project(project.projectList(), filtered);
        List<Attribute> newOutput = CollectionConverters.asJava(wrapper.output());
        List<Tuple2<Attribute, Attribute>> mapping = new ArrayList<>();
        Map<ExprId, String> denied = new HashMap<>();
        List<String> allowed = new ArrayList<>();
        for (int i = 0; i < output.size(); i++) {
            if (replaced.get(i)) {
                mapping.add(new Tuple2<>(output.get(i), newOutput.get(i)));
            }
            if (deniedNames.get(i) != null) {
                denied.put(newOutput.get(i).exprId(), deniedNames.get(i));
            } else {
                allowed.add(output.get(i).name());
            }
        }
        wrapper.setTagValue(WRAPPER, new Wrapped(read.table(), Map.copyOf(denied), List.copyOf(allowed)));
        return new Tuple2<>(wrapper, CollectionConverters.asScala(mapping).toSeq());
    }

    /** Resolves policy SQL against the relation's own attributes (a LocalRelation with the same output). */
    private LogicalPlan resolve(
            DataSourceV2Relation relation, List<Expression> projections, Expression condition, ReadDecision read) {
        @SuppressWarnings("unchecked")
        Seq<Attribute> attributes = (Seq<Attribute>) (Seq<?>) relation.output();
        LogicalPlan leaf = LocalRelation$.MODULE$.apply(attributes);
        LogicalPlan below = condition == null ? leaf : new Filter(condition, leaf);
        List<NamedExpression> named =
                projections.stream().map(e -> (NamedExpression) e).toList();
        LogicalPlan plan = new Project(CollectionConverters.asScala(named).toSeq(), below);
        LogicalPlan resolved;
        RESOLVING_POLICY.set(true);
        try {
            resolved = spark.sessionState().analyzer().execute(plan);
        } catch (Exception e) {
            throw policyError(read, e.getMessage());
        } finally {
            RESOLVING_POLICY.set(false);
        }
        if (!resolved.resolved()
                || !(resolved instanceof Project p)
                || (condition != null && !(p.child() instanceof Filter))) {
            throw policyError(read, "it does not resolve against the table's columns");
        }
        return resolved;
    }

    private Expression parse(String sql, ReadDecision read) {
        try {
            return spark.sessionState().sqlParser().parseExpression(sql);
        } catch (Exception e) {
            // ParseException is checked to Java; a policy that does not parse is the administrator's to fix
            throw policyError(read, e.getMessage());
        }
    }

    static String maskSql(MaskDecision mask, String quotedColumn) {
        Optional<MaskType> type = mask.type();
        String template;
        if (type.isPresent()) {
            template = type.get().sparkExpression();
        } else if ("CUSTOM".equals(mask.rangerType()) && mask.valueExpr() != null) {
            template = mask.valueExpr();
        } else {
            // A mask type this engine does not know: show nothing rather than the value.
            template = "null";
        }
        return template.replace(MaskType.COLUMN_PLACEHOLDER, quotedColumn);
    }

    private static LakeLabException policyError(ReadDecision read, String why) {
        return new LakeLabException(
                ErrorCategory.INTERNAL,
                "The access policy on " + read.table().qualified() + " cannot be applied (" + firstLine(why)
                        + "); ask a platform administrator to fix the grant's row filter or masks.");
    }

    private List<String> baseColumns(DataSourceV2Relation relation) {
        SparkTable metadata = (SparkTable) relation.table();
        org.apache.iceberg.Table base = ((org.apache.iceberg.BaseMetadataTable) metadata.table()).table();
        return base.schema().columns().stream()
                .map(f -> f.name().toLowerCase(java.util.Locale.ROOT))
                .toList();
    }

    private static Tuple2<LogicalPlan, Seq<Tuple2<Attribute, Attribute>>> unchanged(LogicalPlan plan) {
        return new Tuple2<>(
                plan,
                CollectionConverters.asScala(List.<Tuple2<Attribute, Attribute>>of())
                        .toSeq());
    }

    static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    private static String firstLine(String s) {
        return s == null ? "unknown error" : s.strip().lines().findFirst().orElse(s);
    }
}
