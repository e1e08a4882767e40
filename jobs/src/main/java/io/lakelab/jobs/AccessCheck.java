package io.lakelab.jobs;

import io.lakelab.catalog.ErrorCategory;
import io.lakelab.catalog.LabCode;
import io.lakelab.catalog.LakeLabException;
import io.lakelab.catalog.TableRef;
import io.lakelab.catalog.iceberg.IcebergCatalogs;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.spark.sql.catalyst.analysis.UnresolvedFunction;
import org.apache.spark.sql.catalyst.analysis.UnresolvedIdentifier;
import org.apache.spark.sql.catalyst.analysis.UnresolvedNamespace;
import org.apache.spark.sql.catalyst.analysis.UnresolvedRelation;
import org.apache.spark.sql.catalyst.analysis.UnresolvedTable;
import org.apache.spark.sql.catalyst.analysis.UnresolvedTableOrView;
import org.apache.spark.sql.catalyst.analysis.UnresolvedView;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.catalyst.plans.logical.DeleteFromTable;
import org.apache.spark.sql.catalyst.plans.logical.InsertIntoStatement;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.MergeIntoTable;
import org.apache.spark.sql.catalyst.plans.logical.UpdateTable;
import org.apache.spark.sql.classic.SparkSession;
import org.apache.spark.sql.execution.command.ResetCommand;
import org.apache.spark.sql.execution.command.SetCommand;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The coarse access check run on every statement before any of them runs: reads only from the lab
 * workspace and the granted tables, writes only into the workspace, only the {@code lakelab}
 * catalog, and none of the ways around that (path reads, catalog reconfiguration, jars, functions,
 * procedures, {@code reflect}). Works on parsed plans, so it needs no table to exist yet.
 */
final class AccessCheck {
    /** Commands a job may not run at all, by plan class name (names differ across Spark versions). */
    private static final Map<String, String> REFUSED_COMMANDS = Map.ofEntries(
            Map.entry("AddJarsCommand", "ADD JAR is not allowed in a job"),
            Map.entry("AddFilesCommand", "ADD FILE is not allowed in a job"),
            Map.entry("AddArchivesCommand", "ADD ARCHIVE is not allowed in a job"),
            Map.entry("CreateFunction", "CREATE FUNCTION is not allowed in a job"),
            Map.entry("CreateFunctionCommand", "CREATE FUNCTION is not allowed in a job"),
            Map.entry("CreateSQLFunctionCommand", "CREATE FUNCTION is not allowed in a job"),
            Map.entry("CreateUserDefinedFunction", "CREATE FUNCTION is not allowed in a job"),
            Map.entry("SetCatalogAndNamespace", "USE is not allowed: the job always runs in its workspace"),
            Map.entry("SetCatalogCommand", "SET CATALOG is not allowed: the job always runs in its workspace"),
            Map.entry("SetNamespaceCommand", "USE is not allowed: the job always runs in its workspace"),
            Map.entry("CreateNamespace", "CREATE NAMESPACE is not allowed: use the lab workspace"),
            Map.entry("DropNamespace", "DROP NAMESPACE is not allowed"),
            Map.entry("Call", "CALL of procedures is not allowed in a job"),
            Map.entry("InsertIntoDir", "INSERT OVERWRITE DIRECTORY is not allowed: write to a workspace table"),
            Map.entry("CreateTempViewUsing", "CREATE TEMPORARY VIEW ... USING is not allowed: it reads files directly"),
            Map.entry("LoadDataCommand", "LOAD DATA is not allowed: ingest files through the platform"),
            Map.entry("ScriptTransformation", "TRANSFORM ... USING is not allowed: it runs a shell command"));

    private static final List<String> REFUSED_CONF_PREFIXES = List.of(
            "spark.sql.catalog",
            "spark.sql.defaultcatalog",
            "spark.sql.runsqlonfiles",
            "spark.sql.legacy.",
            "spark.sql.extensions",
            "spark.jars",
            "spark.sql.warehouse");
    private static final Set<String> REFUSED_FUNCTIONS = Set.of("reflect", "java_method", "try_reflect");
    private static final Set<String> FILE_FORMATS = Set.of(
            "parquet", "csv", "json", "orc", "text", "avro", "binaryfile", "xml", "delta", "iceberg", "hive", "jdbc");
    private static final Set<String> METADATA_TABLES = Set.of(
            "history",
            "metadata_log_entries",
            "snapshots",
            "refs",
            "manifests",
            "files",
            "data_files",
            "delete_files",
            "partitions",
            "entries",
            "all_data_files",
            "all_delete_files",
            "all_files",
            "all_manifests",
            "all_entries",
            "position_deletes");

    private final SparkSession spark;
    private final LabCode lab;
    private final String workspace;
    private final Predicate<String> readable;

    AccessCheck(SparkSession spark, LabCode lab, String workspace, Predicate<String> readableTables) {
        this.spark = spark;
        this.lab = lab;
        this.workspace = workspace;
        this.readable = readableTables;
    }

    /** A statement that passed the check, with its parsed plan and the tables it names. */
    record Checked(int index, String sql, LogicalPlan parsed, StatementTables tables) {}

    Checked check(int index, String what, String sql) {
        LogicalPlan parsed;
        try {
            parsed = spark.sessionState().sqlParser().parsePlan(sql);
        } catch (ParseException e) {
            throw LakeLabException.badRequest(what + " has a syntax error: " + firstLine(e.getMessage())
                    + " Fix the SQL and submit the job again.");
        }
        Set<TableRef> reads = new HashSet<>();
        Set<TableRef> writes = new HashSet<>();
        List<LakeLabException> problems = new ArrayList<>();
        PlanWalker.walk(
                parsed,
                node -> {
                    try {
                        visit(node, reads, writes);
                    } catch (LakeLabException e) {
                        problems.add(e);
                    }
                },
                expression -> {
                    if (expression instanceof UnresolvedFunction f) {
                        String name = last(f.nameParts());
                        if (REFUSED_FUNCTIONS.contains(name)) {
                            problems.add(forbidden(name + "() is not allowed in a job: it runs arbitrary Java code."
                                    + " Use built-in SQL functions instead."));
                        }
                    }
                });
        if (!problems.isEmpty()) {
            LakeLabException first = problems.get(0);
            throw new LakeLabException(first.category(), what + " was refused: " + first.getMessage());
        }
        for (TableRef write : writes) {
            if (!write.namespace().equals(workspace)) {
                throw forbidden(what + " was refused: lab " + lab + " may write only into its workspace " + workspace
                        + ", not " + write.qualified() + ". Write to an unqualified table name instead.");
            }
        }
        for (TableRef read : reads) {
            if (!read.namespace().equals(workspace) && !readable.test(read.qualified())) {
                throw forbidden(what + " was refused: lab " + lab + " has no grant to read " + read.qualified()
                        + "; ask a platform administrator to grant the dataset to the lab.");
            }
        }
        return new Checked(index, sql, parsed, new StatementTables(reads, writes));
    }

    private void visit(LogicalPlan node, Set<TableRef> reads, Set<TableRef> writes) {
        String refused = REFUSED_COMMANDS.get(node.getClass().getSimpleName());
        if (refused != null) {
            throw forbidden(refused + ".");
        }
        if (node instanceof SetCommand set && set.kv().isDefined()) {
            checkConfKey(set.kv().get()._1());
        } else if (node instanceof ResetCommand reset) {
            if (reset.config().isEmpty()) {
                throw forbidden("RESET without a key is not allowed: reset only the settings you changed.");
            }
            checkConfKey(reset.config().get());
        } else if (node instanceof UnresolvedRelation r) {
            reads.add(resolve(parts(r.multipartIdentifier())));
        } else if (node instanceof UnresolvedTableOrView r) {
            reads.add(resolve(parts(r.multipartIdentifier())));
        } else if (node instanceof UnresolvedView r) {
            writes.add(resolve(parts(r.multipartIdentifier())));
        } else if (node instanceof UnresolvedIdentifier r) {
            writes.add(resolve(parts(r.nameParts())));
        } else if (node instanceof UnresolvedTable r) {
            writes.add(resolve(parts(r.multipartIdentifier())));
        } else if (node instanceof UnresolvedNamespace ns) {
            List<String> parts = parts(ns.multipartIdentifier());
            if (!parts.isEmpty() && !parts.equals(List.of(workspace))) {
                throw forbidden("namespace " + String.join(".", parts) + " is outside the lab workspace " + workspace
                        + ": work with tables in the workspace.");
            }
        }
        LogicalPlan target = null;
        if (node instanceof InsertIntoStatement insert) {
            target = insert.table();
        } else if (node instanceof MergeIntoTable merge) {
            target = merge.targetTable();
        } else if (node instanceof UpdateTable update) {
            target = update.table();
        } else if (node instanceof DeleteFromTable delete) {
            target = delete.table();
        }
        if (target != null) {
            PlanWalker.walk(target, t -> {
                if (t instanceof UnresolvedRelation r) {
                    writes.add(resolve(parts(r.multipartIdentifier())));
                }
            });
        }
    }

    private void checkConfKey(String key) {
        String k = key.trim().toLowerCase(Locale.ROOT);
        for (String prefix : REFUSED_CONF_PREFIXES) {
            if (k.startsWith(prefix)) {
                throw forbidden("SET " + key.trim() + " is not allowed: a job cannot change catalogs, file access or"
                        + " legacy behaviour. Remove the statement.");
            }
        }
    }

    /** Maps a multi-part name to the LakeLab table it names, refusing anything outside the catalog. */
    TableRef resolve(List<String> original) {
        List<String> parts =
                original.stream().map(p -> p.toLowerCase(Locale.ROOT)).toList();
        String shown = String.join(".", original);
        if (parts.size() >= 2) {
            String head = parts.get(0);
            if (FILE_FORMATS.contains(head) || parts.get(parts.size() - 1).contains("/")) {
                throw forbidden("path-based read " + shown + " is not allowed: read tables of the catalog (ingest"
                        + " files through the platform first).");
            }
            if (head.equals(IcebergCatalogs.CATALOG_NAME)) {
                parts = parts.subList(1, parts.size());
            } else if (head.equals("global_temp")
                    || head.equals("spark_catalog")
                    || head.equals("system")
                    || spark.sessionState().catalogManager().isCatalogRegistered(head)) {
                throw forbidden("catalog " + head + " (in " + shown + ") is not allowed: jobs use only the "
                        + IcebergCatalogs.CATALOG_NAME + " catalog; name tables as <namespace>.<table>.");
            }
        }
        try {
            if (parts.size() == 1) {
                return TableRef.of(workspace, parts.get(0));
            }
            if (parts.size() == 2) {
                return TableRef.of(parts.get(0), parts.get(1));
            }
            if (parts.size() == 3 && METADATA_TABLES.contains(parts.get(2))) {
                return TableRef.of(parts.get(0), parts.get(1));
            }
        } catch (LakeLabException e) {
            // fall through: not a name LakeLab tables can have
        }
        throw LakeLabException.badRequest("table name " + shown + " is not a LakeLab table: write <table> for the"
                + " workspace or <namespace>.<table> for a granted dataset.");
    }

    private static List<String> parts(scala.collection.Seq<String> seq) {
        return List.copyOf(CollectionConverters.asJava(seq));
    }

    private static String last(scala.collection.Seq<String> seq) {
        return seq.isEmpty() ? "" : seq.last().toLowerCase(Locale.ROOT);
    }

    private static LakeLabException forbidden(String message) {
        return new LakeLabException(ErrorCategory.FORBIDDEN, message);
    }

    static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        String line = message.strip().lines().findFirst().orElse("");
        return line.endsWith(".") ? line : line + ".";
    }
}
