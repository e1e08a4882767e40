package io.lakelab.jobs.governance;

import io.lakelab.catalog.iceberg.IcebergCatalogs;
import io.lakelab.jobs.PlanWalker;
import io.lakelab.jobs.governance.Refusals.Refusal;
import io.lakelab.jobs.governance.Refusals.TableCommand;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.iceberg.spark.Spark3Util.CatalogAndIdentifier;
import org.apache.spark.sql.catalyst.analysis.ResolvedIdentifier;
import org.apache.spark.sql.catalyst.analysis.ResolvedNamespace;
import org.apache.spark.sql.catalyst.analysis.ResolvedPersistentView;
import org.apache.spark.sql.catalyst.analysis.ResolvedTable;
import org.apache.spark.sql.catalyst.catalog.HiveTableRelation;
import org.apache.spark.sql.catalyst.plans.logical.DeleteFromTable;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.MergeIntoTable;
import org.apache.spark.sql.catalyst.plans.logical.RenameTable;
import org.apache.spark.sql.catalyst.plans.logical.UpdateTable;
import org.apache.spark.sql.catalyst.plans.logical.V2WriteCommand;
import org.apache.spark.sql.classic.SparkSession;
import org.apache.spark.sql.connector.catalog.CatalogPlugin;
import org.apache.spark.sql.connector.catalog.Identifier;
import org.apache.spark.sql.execution.command.ResetCommand;
import org.apache.spark.sql.execution.command.SetCommand;
import org.apache.spark.sql.execution.datasources.LogicalRelation;
import org.apache.spark.sql.execution.datasources.v2.DataSourceV2Relation;
import scala.jdk.javaapi.CollectionConverters;

/**
 * What a governed statement may do besides reading: the shape checks that need no table decision
 * (what {@link Refusals} lists: commands, settings, functions, file-placing table properties; no V1
 * file relations) and where it may write (only the lab workspace, also for Iceberg's branch, tag,
 * partition, order and identifier commands and renames) or look (its workspace and the source
 * datasets). Runs on analysed plans, so it also sees statements built with the
 * DataFrame API and SQL run by {@code EXECUTE IMMEDIATE}, which the pre-flight check never parses.
 */
final class StatementGuard {
    /** Commands over a table that show its definition, not its rows: they need read access. */
    private static final Set<String> DESCRIBE_COMMANDS = Set.of(
            "DescribeRelation",
            "DescribeColumn",
            "ShowCreateTable",
            "ShowTableProperties",
            "ShowColumns",
            "ShowPartitions",
            "DescribeRelationJsonCommand");

    private final Governance governance;
    private final SparkSession spark;

    StatementGuard(Governance governance, SparkSession spark) {
        this.governance = governance;
        this.spark = spark;
    }

    /** Fails (and audits) when the plan does anything a governed job may not do. */
    void check(LogicalPlan plan) {
        PlanWalker.walk(
                plan,
                this::checkNode,
                expression -> Refusals.function(expression).ifPresent(r -> {
                    throw governance.refuse(r.what(), r.message());
                }));
    }

    private void checkNode(LogicalPlan node) {
        Optional<Refusal> refused = Refusals.command(node).or(() -> Refusals.tablePlacement(node));
        if (refused.isPresent()) {
            throw governance.refuse(
                    resourceOf(node, refused.get()), refused.get().message());
        }
        if (node instanceof LogicalRelation || node instanceof HiveTableRelation) {
            throw governance.refuse(
                    "path:" + node.simpleString(0),
                    "reading files or tables outside the " + IcebergCatalogs.CATALOG_NAME
                            + " catalog is not allowed: read tables of the catalog (ingest files through the platform).");
        }
        Optional<TableCommand> changing = Refusals.icebergTableCommand(node);
        if (changing.isPresent()) {
            // resolved exactly as Iceberg's planner will resolve it when the command runs
            CatalogAndIdentifier target =
                    Spark3Util.catalogAndIdentifier(spark, changing.get().table());
            requireWrite(target.catalog(), target.identifier(), changing.get().what() + " on");
        }
        if (node instanceof RenameTable rename) {
            requireRenameTarget(CollectionConverters.asJava(rename.newName()));
        }
        checkTargets(node);
    }

    private static String resourceOf(LogicalPlan node, Refusal refusal) {
        if (node instanceof SetCommand || node instanceof ResetCommand) {
            return "setting:" + refusal.what().replaceFirst("^SET ", "");
        }
        return refusal.what().startsWith("table property") || refusal.what().equals("LOCATION")
                ? "location:" + refusal.what()
                : node.getClass().getSimpleName();
    }

    /** RENAME TO a one-part name stays in the source's namespace (checked as a write); others must be the workspace. */
    private void requireRenameTarget(List<String> newName) {
        if (newName.size() == 1) {
            return;
        }
        String shown = String.join(".", newName);
        if (newName.size() != 2) {
            throw governance.refuse(shown, "renaming to " + shown + " is not allowed: not a LakeLab table name.");
        }
        governance.requireWrite(newName.get(0), newName.get(1), "renaming a table to");
    }

    private void checkTargets(LogicalPlan node) {
        if (node instanceof V2WriteCommand write && write.table() instanceof DataSourceV2Relation target) {
            requireWrite(target, "writing");
        } else if (node instanceof DeleteFromTable delete) {
            requireWriteTarget(delete.table(), "DELETE FROM");
        } else if (node instanceof UpdateTable update) {
            requireWriteTarget(update.table(), "UPDATE");
        } else if (node instanceof MergeIntoTable merge) {
            requireWriteTarget(merge.targetTable(), "MERGE INTO");
        }
        boolean describe = DESCRIBE_COMMANDS.contains(node.getClass().getSimpleName());
        for (LogicalPlan child : CollectionConverters.asJava(node.children())) {
            if (child instanceof ResolvedIdentifier id) {
                requireWrite(id.catalog(), id.identifier(), node.nodeName());
            } else if (child instanceof ResolvedTable table) {
                if (describe) {
                    requireDescribe(table.catalog(), table.identifier());
                } else {
                    requireWrite(table.catalog(), table.identifier(), node.nodeName());
                }
            } else if (child instanceof ResolvedPersistentView view) {
                requireWrite(view.catalog(), view.identifier(), node.nodeName());
            } else if (child instanceof ResolvedNamespace ns) {
                requireCatalog(ns.catalog(), String.join(".", CollectionConverters.asJava(ns.namespace())));
                List<String> parts = CollectionConverters.asJava(ns.namespace());
                governance.requireNamespace(String.join(".", parts));
            }
        }
    }

    private void requireWriteTarget(LogicalPlan target, String what) {
        PlanWalker.walk(target, t -> {
            if (t instanceof DataSourceV2Relation r) {
                requireWrite(r, what);
            }
        });
    }

    private void requireWrite(DataSourceV2Relation target, String what) {
        if (target.catalog().isEmpty() || target.identifier().isEmpty()) {
            throw governance.refuse(
                    target.table().name(),
                    what + " " + target.table().name() + " is not allowed: not a catalog table.");
        }
        requireWrite(target.catalog().get(), target.identifier().get(), what);
    }

    private void requireWrite(CatalogPlugin catalog, Identifier id, String what) {
        String shown = String.join(".", id.namespace()) + "." + id.name();
        requireCatalog(catalog, shown);
        if (id.namespace().length != 1) {
            throw governance.refuse(shown, what + " " + shown + " is not allowed: not a LakeLab table.");
        }
        governance.requireWrite(id.namespace()[0], id.name(), what);
    }

    private void requireDescribe(CatalogPlugin catalog, Identifier id) {
        String shown = String.join(".", id.namespace()) + "." + id.name();
        requireCatalog(catalog, shown);
        if (id.namespace().length != 1) {
            throw governance.refuse(shown, "describing " + shown + " is not allowed: not a LakeLab table.");
        }
        Governance.TableName table = new Governance.TableName(
                id.namespace()[0].toLowerCase(Locale.ROOT), id.name().toLowerCase(Locale.ROOT), null);
        if (!table.namespace().equals(governance.workspace())) {
            governance.requireNamespace(table.namespace());
        }
    }

    private void requireCatalog(CatalogPlugin catalog, String shown) {
        if (!catalog.name().equals(IcebergCatalogs.CATALOG_NAME)) {
            throw governance.refuse(
                    "catalog:" + catalog.name(),
                    "catalog " + catalog.name() + " (" + shown + ") is not allowed: jobs use only the "
                            + IcebergCatalogs.CATALOG_NAME + " catalog.");
        }
    }
}
