package io.lakelab.jobs.governance;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.catalyst.expressions.CallMethodViaReflection;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.plans.logical.AddPartitionField;
import org.apache.spark.sql.catalyst.plans.logical.CreateOrReplaceBranch;
import org.apache.spark.sql.catalyst.plans.logical.CreateOrReplaceTag;
import org.apache.spark.sql.catalyst.plans.logical.CreateTable;
import org.apache.spark.sql.catalyst.plans.logical.CreateTableAsSelect;
import org.apache.spark.sql.catalyst.plans.logical.DropBranch;
import org.apache.spark.sql.catalyst.plans.logical.DropIdentifierFields;
import org.apache.spark.sql.catalyst.plans.logical.DropPartitionField;
import org.apache.spark.sql.catalyst.plans.logical.DropTag;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.ReplacePartitionField;
import org.apache.spark.sql.catalyst.plans.logical.ReplaceTable;
import org.apache.spark.sql.catalyst.plans.logical.ReplaceTableAsSelect;
import org.apache.spark.sql.catalyst.plans.logical.SetIdentifierFields;
import org.apache.spark.sql.catalyst.plans.logical.SetTableProperties;
import org.apache.spark.sql.catalyst.plans.logical.SetWriteDistributionAndOrdering;
import org.apache.spark.sql.catalyst.plans.logical.TableSpec;
import org.apache.spark.sql.catalyst.plans.logical.TableSpecBase;
import org.apache.spark.sql.catalyst.plans.logical.UnresolvedTableSpec;
import org.apache.spark.sql.execution.command.ResetCommand;
import org.apache.spark.sql.execution.command.SetCommand;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The one table of what a LakeLab job may never do: commands, settings, functions and table
 * properties, and the Iceberg commands that change a table without holding it as a child plan.
 * Both the pre-flight check ({@code io.lakelab.jobs.AccessCheck}, on parsed plans, every job) and
 * the governed session's {@link StatementGuard} (on analysed plans, also the DataFrame API and
 * {@code EXECUTE IMMEDIATE}) read it: two layers, one list. Each entry says what was refused and
 * why, and what to do instead.
 */
public final class Refusals {
    /** What was refused and why (with what to do instead); {@link #message} reads as one sentence. */
    public record Refusal(String what, String why) {
        public String message() {
            return what + " is not allowed in a job: " + why + ".";
        }
    }

    private static final String NO_CODE =
            "a job runs only built-in SQL functions and the platform's own; ask for a function to be added";
    private static final String WORKSPACE_ONLY =
            "the job always runs in its workspace; name other tables as <namespace>.<table>";
    private static final String LISTS_LABS =
            "it lists every lab's workspace; a job sees its own workspace and the datasets namespace";
    private static final String CATALOG_ONLY = "it reads or writes files outside the catalog; read and write tables";

    /** Commands by plan class name, parsed and analysed names alike (names differ across Spark versions). */
    private static final Map<String, Refusal> COMMANDS = Map.ofEntries(
            command("AddJarsCommand", "ADD JAR", NO_CODE),
            command("AddFilesCommand", "ADD FILE", NO_CODE),
            command("AddArchivesCommand", "ADD ARCHIVE", NO_CODE),
            command("CreateFunction", "CREATE FUNCTION", NO_CODE),
            command("CreateFunctionCommand", "CREATE FUNCTION", NO_CODE),
            command("CreateSQLFunctionCommand", "CREATE FUNCTION", NO_CODE),
            command("CreateUserDefinedFunction", "CREATE FUNCTION", NO_CODE),
            command("SetCatalogAndNamespace", "USE", WORKSPACE_ONLY),
            command("SetNamespaceCommand", "USE", WORKSPACE_ONLY),
            command("SetCatalogCommand", "SET CATALOG", WORKSPACE_ONLY),
            command("CreateNamespace", "CREATE NAMESPACE", "a lab has one workspace; create tables in it"),
            command("ShowNamespaces", "SHOW NAMESPACES", LISTS_LABS),
            command("ShowNamespacesCommand", "SHOW NAMESPACES", LISTS_LABS),
            command("DropNamespace", "DROP NAMESPACE", "a lab has one workspace; drop tables in it instead"),
            command(
                    "Call",
                    "CALL of procedures",
                    "procedures roll back, register, rewrite or expose the change log of tables; platform"
                            + " administrators run table maintenance"),
            command("InsertIntoDir", "INSERT OVERWRITE DIRECTORY", CATALOG_ONLY),
            command("InsertIntoDataSourceDirCommand", "INSERT OVERWRITE DIRECTORY", CATALOG_ONLY),
            command("InsertIntoHadoopFsRelationCommand", "writing files by path", CATALOG_ONLY),
            command("SaveIntoDataSourceCommand", "writing to a data source by path or options", CATALOG_ONLY),
            command("CreateDataSourceTableAsSelectCommand", "creating a file-based table", CATALOG_ONLY),
            command("CreateDataSourceTableCommand", "creating a file-based table", CATALOG_ONLY),
            command("CreateTempViewUsing", "CREATE TEMPORARY VIEW ... USING", CATALOG_ONLY),
            command("LoadDataCommand", "LOAD DATA", "ingest files through the platform"),
            command(
                    "CreateTableLikeCommand",
                    "CREATE TABLE ... LIKE",
                    "it creates the table outside the lakelab catalog; use CREATE TABLE ... AS SELECT ... LIMIT 0"),
            command(
                    "ScriptTransformation",
                    "TRANSFORM ... USING",
                    "it runs a shell command on the runner; use SQL expressions"),
            command(
                    "SetTableLocation",
                    "ALTER TABLE ... SET LOCATION",
                    "the catalog places every table itself, so no table can point into another one's files"),
            command(
                    "CompoundBody",
                    "a SQL script (BEGIN ... END)",
                    "the pre-flight check cannot see into scripts; list the statements one by one in the job"),
            command("StreamingRelation", "reading a streaming source", CATALOG_ONLY),
            command("StreamingRelationV2", "reading a streaming source", CATALOG_ONLY),
            command("LogicalRDD", "reading an RDD", CATALOG_ONLY),
            command("ExternalRDD", "reading an RDD", CATALOG_ONLY));

    /** Setting prefixes (lower case) a job may neither change nor read with SET, and why. */
    private static final Map<String, String> SETTINGS = Map.of(
            "spark.sql.catalog", "it defines or reconfigures catalogs (and reveals the catalog's address and user)",
            "spark.sql.defaultcatalog", "the job always runs in the lakelab catalog",
            "spark.sql.runsqlonfiles", "SQL on file paths bypasses the catalog",
            "spark.sql.legacy.", "legacy switches change how plans are analysed",
            "spark.sql.extensions", "the session's extensions enforce the lab's access",
            "spark.jars", NO_CODE,
            "spark.sql.warehouse", "the catalog places every table itself",
            "spark.sql.variable.substitute",
                    "${...} substitution reads the runner's environment variables, system properties and"
                            + " settings; write values into the SQL instead",
            "spark.sql.redaction", "redaction keeps secrets out of plans and settings");

    /** Functions (lower-case names) a job may not call, and why. */
    private static final Map<String, String> FUNCTIONS = Map.of(
            "reflect", "it runs arbitrary Java code; use built-in SQL functions instead",
            "java_method", "it runs arbitrary Java code; use built-in SQL functions instead",
            "try_reflect", "it runs arbitrary Java code; use built-in SQL functions instead",
            "input_file_name", "it reveals where the lake stores files; tables are read by name",
            "input_file_block_start", "it reveals how the lake's files are laid out and how large they are",
            "input_file_block_length", "it reveals how the lake's files are laid out and how large they are");

    /**
     * Table properties that place a table's files (Iceberg's {@code TableProperties}: data, metadata,
     * object-storage and folder-storage paths, the location provider; Spark's {@code location} and
     * {@code path}). Any other key ending in {@code path} or {@code location} is refused as well.
     */
    static final List<String> LOCATION_PROPERTIES = List.of(
            "location",
            "path",
            "write.data.path",
            "write.metadata.path",
            "write.object-storage.path",
            "write.folder-storage.path",
            "write.location-provider.impl");

    private static final String PLACED_BY_CATALOG = "it places the table's files where the catalog did not (possibly"
            + " inside another table's directory); leave it out and the catalog stores the table in the lab"
            + " workspace";

    /** An Iceberg SQL extension command that changes {@code table} (a multi-part name, not a child plan). */
    public record TableCommand(String what, List<String> table) {
        public TableCommand {
            table = List.copyOf(table);
        }
    }

    private Refusals() {}

    private static Map.Entry<String, Refusal> command(String planClass, String what, String why) {
        return Map.entry(planClass, new Refusal(what, why));
    }

    /** The refusal of a command, a refused setting changed or read, or a bare SET/RESET, if any. */
    public static Optional<Refusal> command(LogicalPlan node) {
        Refusal byName = COMMANDS.get(node.getClass().getSimpleName());
        if (byName != null) {
            return Optional.of(byName);
        }
        if (node instanceof SetCommand set) {
            if (set.kv().isEmpty() || set.kv().get()._1().trim().equals("-v")) {
                return Optional.of(new Refusal(
                        "SET without a key",
                        "the list of every setting shows the catalog's address, user and warehouse; read one"
                                + " setting with SET <key>"));
            }
            return setting(set.kv().get()._1());
        }
        if (node instanceof ResetCommand reset) {
            if (reset.config().isEmpty()) {
                return Optional.of(new Refusal("RESET without a key", "reset only the settings you changed"));
            }
            return setting(reset.config().get());
        }
        return Optional.empty();
    }

    /** The refusal of changing or reading {@code key} with SET or RESET, if it is refused. */
    public static Optional<Refusal> setting(String key) {
        String k = key.trim().toLowerCase(Locale.ROOT);
        return SETTINGS.entrySet().stream()
                .filter(e -> k.startsWith(e.getKey()))
                .findFirst()
                .map(e -> new Refusal("SET " + key.trim(), e.getValue()));
    }

    /** The refusal of a function by its name (as written, or an analysed expression's pretty name). */
    public static Optional<Refusal> function(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        String why = FUNCTIONS.get(n);
        return why == null ? Optional.empty() : Optional.of(new Refusal(n + "()", why));
    }

    /** The refusal of an analysed expression: reflection (whatever its alias) or a refused function. */
    public static Optional<Refusal> function(Expression expression) {
        if (expression instanceof CallMethodViaReflection) {
            return function("reflect");
        }
        return function(expression.prettyName());
    }

    /** The refusal of a table property that places files, if {@code key} is one. */
    public static Optional<Refusal> tableProperty(String key) {
        String k = key.trim().toLowerCase(Locale.ROOT);
        boolean placing = LOCATION_PROPERTIES.contains(k) || k.endsWith("path") || k.endsWith("location");
        return placing
                ? Optional.of(new Refusal("table property '" + key.trim() + "'", PLACED_BY_CATALOG))
                : Optional.empty();
    }

    /**
     * The refusal of a statement that places a table's files: {@code LOCATION} or a path-like
     * property or option on CREATE, CTAS, REPLACE, RTAS ({@code df.writeTo(...)} too), or ALTER
     * TABLE ... SET TBLPROPERTIES.
     */
    public static Optional<Refusal> tablePlacement(LogicalPlan node) {
        TableSpecBase spec = null;
        if (node instanceof CreateTable c) {
            spec = c.tableSpec();
        } else if (node instanceof CreateTableAsSelect c) {
            spec = c.tableSpec();
        } else if (node instanceof ReplaceTable r) {
            spec = r.tableSpec();
        } else if (node instanceof ReplaceTableAsSelect r) {
            spec = r.tableSpec();
        } else if (node instanceof SetTableProperties set) {
            return firstPlacing(CollectionConverters.asJava(set.properties()).keySet());
        }
        if (spec == null) {
            return Optional.empty();
        }
        if (spec.location().isDefined()) {
            return Optional.of(new Refusal("LOCATION", PLACED_BY_CATALOG));
        }
        List<String> keys =
                new ArrayList<>(CollectionConverters.asJava(spec.properties()).keySet());
        if (spec instanceof TableSpec resolved) {
            keys.addAll(CollectionConverters.asJava(resolved.options()).keySet());
        } else if (spec instanceof UnresolvedTableSpec parsed) {
            CollectionConverters.asJava(parsed.optionExpression().options()).forEach(o -> keys.add(o._1()));
        }
        return firstPlacing(keys);
    }

    private static Optional<Refusal> firstPlacing(Collection<String> keys) {
        return keys.stream()
                .map(Refusals::tableProperty)
                .flatMap(Optional::stream)
                .findFirst();
    }

    /**
     * The Iceberg SQL extension commands that change a table's refs (branches, tags: {@code REPLACE
     * BRANCH main} would roll a table back), partition spec, write order or identifier fields. They
     * name their table as a multi-part identifier resolved only at execution, so neither a child
     * relation nor a resolved table shows them: both checks match them here.
     */
    public static Optional<TableCommand> icebergTableCommand(LogicalPlan node) {
        if (node instanceof CreateOrReplaceBranch c) {
            return table("ALTER TABLE ... CREATE/REPLACE BRANCH", c.table());
        } else if (node instanceof DropBranch c) {
            return table("ALTER TABLE ... DROP BRANCH", c.table());
        } else if (node instanceof CreateOrReplaceTag c) {
            return table("ALTER TABLE ... CREATE/REPLACE TAG", c.table());
        } else if (node instanceof DropTag c) {
            return table("ALTER TABLE ... DROP TAG", c.table());
        } else if (node instanceof AddPartitionField c) {
            return table("ALTER TABLE ... ADD PARTITION FIELD", c.table());
        } else if (node instanceof DropPartitionField c) {
            return table("ALTER TABLE ... DROP PARTITION FIELD", c.table());
        } else if (node instanceof ReplacePartitionField c) {
            return table("ALTER TABLE ... REPLACE PARTITION FIELD", c.table());
        } else if (node instanceof SetWriteDistributionAndOrdering c) {
            return table("ALTER TABLE ... WRITE ORDERED/DISTRIBUTED BY", c.table());
        } else if (node instanceof SetIdentifierFields c) {
            return table("ALTER TABLE ... SET IDENTIFIER FIELDS", c.table());
        } else if (node instanceof DropIdentifierFields c) {
            return table("ALTER TABLE ... DROP IDENTIFIER FIELDS", c.table());
        }
        return Optional.empty();
    }

    private static Optional<TableCommand> table(String what, scala.collection.Seq<String> name) {
        return Optional.of(new TableCommand(what, CollectionConverters.asJava(name)));
    }
}
