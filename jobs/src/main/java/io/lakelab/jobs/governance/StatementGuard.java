package io.lakelab.jobs.governance;

import io.lakelab.catalog.iceberg.IcebergCatalogs;
import io.lakelab.jobs.PlanWalker;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.catalyst.analysis.ResolvedIdentifier;
import org.apache.spark.sql.catalyst.analysis.ResolvedNamespace;
import org.apache.spark.sql.catalyst.analysis.ResolvedPersistentView;
import org.apache.spark.sql.catalyst.analysis.ResolvedTable;
import org.apache.spark.sql.catalyst.catalog.HiveTableRelation;
import org.apache.spark.sql.catalyst.expressions.CallMethodViaReflection;
import org.apache.spark.sql.catalyst.plans.logical.CreateTable;
import org.apache.spark.sql.catalyst.plans.logical.CreateTableAsSelect;
import org.apache.spark.sql.catalyst.plans.logical.DeleteFromTable;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.MergeIntoTable;
import org.apache.spark.sql.catalyst.plans.logical.ReplaceTable;
import org.apache.spark.sql.catalyst.plans.logical.ReplaceTableAsSelect;
import org.apache.spark.sql.catalyst.plans.logical.UpdateTable;
import org.apache.spark.sql.catalyst.plans.logical.V2WriteCommand;
import org.apache.spark.sql.connector.catalog.CatalogPlugin;
import org.apache.spark.sql.connector.catalog.Identifier;
import org.apache.spark.sql.execution.command.SetCommand;
import org.apache.spark.sql.execution.datasources.LogicalRelation;
import org.apache.spark.sql.execution.datasources.v2.DataSourceV2Relation;
import scala.jdk.javaapi.CollectionConverters;

/**
 * What a governed statement may do besides reading: the shape checks that need no table decision
 * (no V1 file relations, no {@code reflect}, no catalog or file-access settings, no commands that
 * read or write paths) and where it may write (only the lab workspace) or look (its workspace and
 * the source datasets). Runs on analysed plans, so it also sees statements built with the
 * DataFrame API and SQL run by {@code EXECUTE IMMEDIATE}, which the pre-flight check never parses.
 */
final class StatementGuard {
    /** Setting prefixes (lower case) a job may not change: catalogs, file SQL, legacy switches. */
    static final List<String> REFUSED_SETTINGS = List.of(
            "spark.sql.catalog",
            "spark.sql.defaultcatalog",
            "spark.sql.runsqlonfiles",
            "spark.sql.legacy.",
            "spark.sql.extensions",
            "spark.jars",
            "spark.sql.warehouse");

    private static final Map<String, String> REFUSED_NODES = Map.ofEntries(
            Map.entry("InsertIntoHadoopFsRelationCommand", "writing files by path"),
            Map.entry("InsertIntoDataSourceDirCommand", "INSERT OVERWRITE DIRECTORY"),
            Map.entry("InsertIntoDir", "INSERT OVERWRITE DIRECTORY"),
            Map.entry("SaveIntoDataSourceCommand", "writing to a data source by path or options"),
            Map.entry("CreateDataSourceTableAsSelectCommand", "creating a file-based table"),
            Map.entry("CreateDataSourceTableCommand", "creating a file-based table"),
            Map.entry("CreateTempViewUsing", "a temporary view over files"),
            Map.entry("Call", "CALL of procedures (change logs, table maintenance)"),
            Map.entry("SetTableLocation", "moving a table's location"),
            Map.entry("AddJarsCommand", "ADD JAR"),
            Map.entry("AddFilesCommand", "ADD FILE"),
            Map.entry("AddArchivesCommand", "ADD ARCHIVE"),
            Map.entry("CreateFunction", "CREATE FUNCTION"),
            Map.entry("CreateFunctionCommand", "CREATE FUNCTION"),
            Map.entry("LoadDataCommand", "LOAD DATA"),
            Map.entry("ScriptTransformation", "TRANSFORM ... USING (it runs a shell command)"),
            Map.entry("StreamingRelation", "streaming sources"),
            Map.entry("StreamingRelationV2", "streaming sources"),
            Map.entry("LogicalRDD", "reading an RDD"),
            Map.entry("ExternalRDD", "reading an RDD"));

    /** Commands over a table that show its definition, not its rows: they need read access. */
    private static final Set<String> DESCRIBE_COMMANDS = Set.of(
            "DescribeRelation",
            "DescribeColumn",
            "ShowCreateTable",
            "ShowTableProperties",
            "ShowColumns",
            "DescribeRelationJsonCommand");

    private final Governance governance;

    StatementGuard(Governance governance) {
        this.governance = governance;
    }

    static boolean isRefusedSetting(String key) {
        String k = key.trim().toLowerCase(Locale.ROOT);
        return REFUSED_SETTINGS.stream().anyMatch(k::startsWith);
    }

    /** Fails (and audits) when the plan does anything a governed job may not do. */
    void check(LogicalPlan plan) {
        PlanWalker.walk(plan, this::checkNode, expression -> {
            if (expression instanceof CallMethodViaReflection) {
                throw governance.refuse(
                        "reflect()",
                        "reflect(), java_method() and try_reflect() are not allowed in a job: they run arbitrary Java"
                                + " code. Use built-in SQL functions instead.");
            }
        });
    }

    private void checkNode(LogicalPlan node) {
        String name = node.getClass().getSimpleName();
        String refused = REFUSED_NODES.get(name);
        if (refused != null) {
            throw governance.refuse(
                    name, refused + " is not allowed in a governed job: read and write tables of the catalog.");
        }
        if (node instanceof LogicalRelation || node instanceof HiveTableRelation) {
            throw governance.refuse(
                    "path:" + node.simpleString(0),
                    "reading files or tables outside the " + IcebergCatalogs.CATALOG_NAME
                            + " catalog is not allowed: read tables of the catalog (ingest files through the platform).");
        }
        if (node instanceof SetCommand set
                && set.kv().isDefined()
                && isRefusedSetting(set.kv().get()._1())) {
            throw governance.refuse(
                    "setting:" + set.kv().get()._1().trim(),
                    "SET " + set.kv().get()._1().trim() + " is not allowed: a job cannot change catalogs, file"
                            + " access or legacy behaviour.");
        }
        checkLocation(node);
        checkTargets(node);
    }

    private void checkLocation(LogicalPlan node) {
        boolean located = (node instanceof CreateTableAsSelect c
                        && c.tableSpec().location().isDefined())
                || (node instanceof ReplaceTableAsSelect r
                        && r.tableSpec().location().isDefined())
                || (node instanceof CreateTable c2 && c2.tableSpec().location().isDefined())
                || (node instanceof ReplaceTable r2 && r2.tableSpec().location().isDefined());
        if (located) {
            throw governance.refuse("location", "LOCATION is not allowed: the catalog places workspace tables itself.");
        }
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
