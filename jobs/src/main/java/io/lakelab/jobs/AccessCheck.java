package io.lakelab.jobs;

import io.lakelab.catalog.ErrorCategory;
import io.lakelab.catalog.LabCode;
import io.lakelab.catalog.LakeLabException;
import io.lakelab.catalog.TableRef;
import io.lakelab.catalog.iceberg.IcebergCatalogs;
import io.lakelab.jobs.governance.Refusals;
import io.lakelab.jobs.governance.Refusals.Refusal;
import io.lakelab.jobs.governance.Refusals.TableCommand;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.spark.sql.catalyst.analysis.ResolvedIdentifier;
import org.apache.spark.sql.catalyst.analysis.ResolvedNamespace;
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
import org.apache.spark.sql.catalyst.plans.logical.RenameTable;
import org.apache.spark.sql.catalyst.plans.logical.UpdateTable;
import org.apache.spark.sql.classic.SparkSession;
import org.apache.spark.sql.execution.command.ExplainCommand;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The coarse access check run on every statement before any of them runs: reads only from the lab
 * workspace and the granted tables, writes only into the workspace, only the {@code lakelab}
 * catalog, and none of the ways around that (path reads, catalog reconfiguration, jars, functions,
 * procedures, {@code reflect}, placing a table's files, Iceberg commands that change a source's
 * refs or spec). What is refused outright comes from {@link Refusals}, the table the governed
 * session's guard reads too. Works on parsed plans, so it needs no table to exist yet.
 */
final class AccessCheck {
    /** Commands whose table (an UnresolvedTableOrView, which reads would be) is changed by them. */
    private static final Set<String> CHANGING_BY_NAME = Set.of("RenameTable", "AnalyzeTable", "AnalyzeColumn");

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
        walk(parsed, reads, writes, problems);
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

    private void walk(LogicalPlan plan, Set<TableRef> reads, Set<TableRef> writes, List<LakeLabException> problems) {
        PlanWalker.walk(
                plan,
                node -> {
                    try {
                        visit(node, reads, writes);
                    } catch (LakeLabException e) {
                        problems.add(e);
                    }
                    if (node instanceof ExplainCommand explain) {
                        // the explained plan is no child: an EXPLAIN names the same tables as what it explains
                        walk(explain.logicalPlan(), reads, writes, problems);
                    }
                },
                expression -> {
                    if (expression instanceof UnresolvedFunction f) {
                        Refusals.function(last(f.nameParts())).ifPresent(r -> problems.add(forbidden(r.message())));
                    }
                });
    }

    private void visit(LogicalPlan node, Set<TableRef> reads, Set<TableRef> writes) {
        Optional<Refusal> refused = Refusals.command(node).or(() -> Refusals.tablePlacement(node));
        if (refused.isPresent()) {
            throw forbidden(refused.get().message());
        }
        changedByName(node, writes);
        if (node instanceof UnresolvedNamespace ns) {
            requireWorkspace(IcebergCatalogs.CATALOG_NAME, parts(ns.multipartIdentifier()));
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
        } else if (node instanceof ResolvedIdentifier r) {
            // Iceberg's parser resolves view commands (CREATE VIEW, DROP VIEW) while parsing
            List<String> name = new ArrayList<>();
            name.add(r.catalog().name());
            name.addAll(List.of(r.identifier().namespace()));
            name.add(r.identifier().name());
            writes.add(resolve(name));
        } else if (node instanceof ResolvedNamespace ns) {
            requireWorkspace(ns.catalog().name(), CollectionConverters.asJava(ns.namespace()));
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

    /** Tables a command changes without naming them as a write target (Iceberg's commands, RENAME, ANALYZE). */
    private void changedByName(LogicalPlan node, Set<TableRef> writes) {
        Optional<TableCommand> changing = Refusals.icebergTableCommand(node);
        if (changing.isPresent()) {
            TableRef table = resolve(changing.get().table());
            if (!table.namespace().equals(workspace)) {
                throw forbidden(changing.get().what() + " on " + table.qualified() + " is not allowed: lab " + lab
                        + " may change only tables of its workspace " + workspace + " (source datasets are"
                        + " read-only, and branches, tags or partitioning changed there would outlive the job)."
                        + " Copy the data into a workspace table and change that.");
            }
            writes.add(table);
        }
        if (node instanceof RenameTable rename) {
            writes.add(resolve(parts(rename.newName())));
        }
        if (CHANGING_BY_NAME.contains(node.getClass().getSimpleName())) {
            PlanWalker.walk(node, t -> {
                if (t instanceof UnresolvedTableOrView r) {
                    writes.add(resolve(parts(r.multipartIdentifier())));
                }
            });
        }
    }

    private void requireWorkspace(String catalog, List<String> namespace) {
        if (!catalog.equals(IcebergCatalogs.CATALOG_NAME)) {
            throw forbidden("catalog " + catalog + " is not allowed: jobs use only the " + IcebergCatalogs.CATALOG_NAME
                    + " catalog.");
        }
        if (!namespace.isEmpty() && !namespace.equals(List.of(workspace))) {
            throw forbidden("namespace " + String.join(".", namespace) + " is outside the lab workspace " + workspace
                    + ": work with tables in the workspace.");
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
