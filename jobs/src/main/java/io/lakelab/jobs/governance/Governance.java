package io.lakelab.jobs.governance;

import io.lakelab.catalog.ErrorCategory;
import io.lakelab.catalog.LabCode;
import io.lakelab.catalog.LakeLabException;
import io.lakelab.catalog.Workspaces;
import io.lakelab.catalog.iceberg.IcebergCatalogs;
import io.lakelab.catalog.policy.AccessDecision;
import io.lakelab.catalog.policy.LakeLabAccess;
import io.lakelab.catalog.policy.MaskDecision;
import io.lakelab.catalog.policy.RowFilterDecision;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.iceberg.BaseMetadataTable;
import org.apache.iceberg.spark.source.SparkTable;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.catalyst.expressions.AttributeReference;
import org.apache.spark.sql.connector.write.RowLevelOperationTable;
import org.apache.spark.sql.execution.datasources.v2.DataSourceV2Relation;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The access policies of one governed job: who runs it (user and the lab's Ranger group only, so a
 * member of two labs cannot use lab B's grants in a lab A job), Ranger's engine ({@link
 * LakeLabAccess}) and the run's {@link AuditLog}. Installed on a Spark context for the duration of
 * a job; the session extension ({@link GovernanceExtensions}) finds it with {@link #of}. Every
 * decision is Ranger's; this class turns a Spark relation into Ranger requests and records the
 * answers.
 */
public final class Governance implements AutoCloseable {
    /** Ranger access type for reads; writes into the workspace ask for {@code update}. */
    static final String SELECT = "select";

    private static final String WORKSPACE_PREFIX = "lab_";
    private static final String METADATA_COLUMN_KEY = "__metadata_col";
    private static final Map<SparkContext, Governance> ACTIVE = new ConcurrentHashMap<>();

    private final SparkContext context;
    private final LakeLabAccess access;
    private final String user;
    private final Set<String> groups;
    private final LabCode lab;
    private final String workspace;
    private final AuditLog audit;

    private Governance(
            SparkContext context, LakeLabAccess access, String user, Set<String> groups, LabCode lab, AuditLog audit) {
        this.context = context;
        this.access = access;
        this.user = user;
        this.groups = Set.copyOf(groups);
        this.lab = lab;
        this.workspace = Workspaces.of(lab);
        this.audit = audit;
    }

    /**
     * Governs every session of {@code context} until {@link #close}: one job per runner JVM, and
     * tests run their jobs one after another on a shared session.
     */
    public static Governance install(
            SparkContext context, LakeLabAccess access, String user, Set<String> groups, LabCode lab, AuditLog audit) {
        Governance g = new Governance(context, access, user, groups, lab, audit);
        if (ACTIVE.putIfAbsent(context, g) != null) {
            throw new LakeLabException(
                    ErrorCategory.INTERNAL, "A governed job is already running in this Spark context.");
        }
        return g;
    }

    /** The governance installed on this context, if any (none: the job runs with the coarse check only). */
    public static Optional<Governance> of(SparkContext context) {
        return Optional.ofNullable(ACTIVE.get(context));
    }

    @Override
    public void close() {
        ACTIVE.remove(context, this);
    }

    public AuditLog audit() {
        return audit;
    }

    public LakeLabAccess access() {
        return access;
    }

    String workspace() {
        return workspace;
    }

    String labCode() {
        return lab.value();
    }

    /** A table of the lakelab catalog as Ranger names it, and whether a metadata table of it was read. */
    record TableName(String namespace, String table, String metadataTable) {
        String qualified() {
            return namespace + "." + table;
        }

        String shown() {
            return metadataTable == null ? qualified() : qualified() + "." + metadataTable;
        }
    }

    /** What Ranger decided for one read of a table: per-column access and masks, and the row filter. */
    record ReadDecision(
            TableName table,
            List<String> columns,
            Map<String, AccessDecision> access,
            Map<String, MaskDecision> masks,
            RowFilterDecision rowFilter) {

        boolean anyAllowed() {
            return access.values().stream().anyMatch(AccessDecision::allowed);
        }

        boolean unrestricted() {
            return access.values().stream().allMatch(AccessDecision::allowed)
                    && masks.isEmpty()
                    && rowFilter.filter().isEmpty();
        }
    }

    /**
     * Names the table behind a relation, refusing what is not a governed Iceberg table of the
     * {@code lakelab} catalog: other catalogs (also ones defined at run time), changelog views and
     * any other V2 source.
     */
    TableName tableOf(DataSourceV2Relation relation) {
        String catalog =
                relation.catalog().isDefined() ? relation.catalog().get().name() : null;
        String shown = relation.table().name();
        if (catalog == null || !catalog.equals(IcebergCatalogs.CATALOG_NAME)) {
            throw refuse(
                    "catalog:" + (catalog == null ? shown : catalog),
                    "reading " + shown + " is not allowed: jobs read only tables of the " + IcebergCatalogs.CATALOG_NAME
                            + " catalog, and cannot define catalogs or read sources directly.");
        }
        org.apache.spark.sql.connector.catalog.Table table = relation.table();
        if (table instanceof RowLevelOperationTable rowLevel) {
            // the read side of DELETE/UPDATE/MERGE: the statement guard allowed the write already
            table = rowLevel.table();
        }
        if (!(table instanceof SparkTable sparkTable)) {
            throw refuse(
                    shown,
                    "reading " + shown + " is not allowed: change logs and other derived views of a table are not"
                            + " available to jobs; read the table itself.");
        }
        org.apache.iceberg.Table iceberg = sparkTable.table();
        String metadata = null;
        String name = iceberg.name();
        if (iceberg instanceof BaseMetadataTable meta) {
            name = meta.table().name();
            metadata = iceberg.name().substring(iceberg.name().lastIndexOf('.') + 1);
        }
        List<String> parts =
                new ArrayList<>(List.of(name.toLowerCase(Locale.ROOT).split("\\.")));
        if (parts.size() == 3 && parts.get(0).equals(IcebergCatalogs.CATALOG_NAME)) {
            parts.remove(0);
        }
        if (parts.size() != 2) {
            throw refuse(shown, "reading " + shown + " is not allowed: it is not a LakeLab table <namespace>.<table>.");
        }
        return new TableName(parts.get(0), parts.get(1), metadata);
    }

    /** Ranger's decisions for reading these columns of a table; audited. */
    ReadDecision decideRead(TableName table, List<String> columns) {
        Map<String, AccessDecision> decisions = new java.util.LinkedHashMap<>();
        Map<String, MaskDecision> masks = new java.util.LinkedHashMap<>();
        for (String column : columns) {
            AccessDecision d = access.isAccessAllowed(user, groups, table.namespace(), table.table(), column, SELECT);
            decisions.put(column, d);
            audit.record(table.qualified() + "." + column, SELECT, d.allowed(), d.policyId(), reasonOf(d));
            if (d.allowed()) {
                MaskDecision m = access.mask(user, groups, table.namespace(), table.table(), column);
                if (m.masked()) {
                    masks.put(column, m);
                    audit.record(table.qualified() + "." + column, "mask", true, m.policyId(), m.rangerType());
                }
            }
        }
        RowFilterDecision filter = access.rowFilter(user, groups, table.namespace(), table.table());
        if (filter.filter().isPresent()) {
            audit.record(table.qualified(), "rowfilter", true, filter.policyId(), filter.filterExpr());
        }
        return new ReadDecision(table, List.copyOf(columns), decisions, masks, filter);
    }

    /**
     * Whether the lab sees the table only in part: a column denied or masked, or a row filter. Not
     * audited: the caller audits what it refuses because of it.
     */
    boolean restricted(TableName table, List<String> columns) {
        for (String column : columns) {
            if (!access.isAccessAllowed(user, groups, table.namespace(), table.table(), column, SELECT)
                            .allowed()
                    || access.mask(user, groups, table.namespace(), table.table(), column)
                            .masked()) {
                return true;
            }
        }
        return access.rowFilter(user, groups, table.namespace(), table.table())
                .filter()
                .isPresent();
    }

    /** Fails unless the lab may read at least one column; the message never reveals another lab's data. */
    void requireReadable(ReadDecision read) {
        if (read.anyAllowed()) {
            return;
        }
        TableName t = read.table();
        String why =
                t.namespace().startsWith(WORKSPACE_PREFIX) && !t.namespace().equals(workspace)
                        ? t.qualified() + " is in another lab's workspace, which lab " + lab.value() + " cannot see."
                        : "lab " + lab.value() + " has no grant to read " + t.qualified()
                                + ": ask a platform administrator to grant the dataset to the lab.";
        audit.record(t.qualified(), SELECT, false, -1, why);
        throw forbidden("Access denied: " + why);
    }

    /** Iceberg metadata tables reveal file paths and column bounds: only with unrestricted access. */
    void requireMetadataAccess(TableName table, List<String> baseColumns) {
        ReadDecision base = decideRead(table, baseColumns);
        boolean allowed = base.unrestricted();
        audit.record(
                table.shown(),
                "metadata",
                allowed,
                -1,
                allowed ? null : "metadata tables need unrestricted access to the base table");
        if (!allowed) {
            throw forbidden("Access denied: metadata table " + table.shown() + " needs unrestricted access to "
                    + table.qualified() + " (its files, snapshots and column statistics reveal rows, masked values"
                    + " and filtered rows); lab " + lab.value() + " has restricted or no access.");
        }
    }

    /** Writes go only into the lab's workspace, and Ranger must allow them there. */
    void requireWrite(String namespace, String table, String what) {
        String ns = namespace.toLowerCase(Locale.ROOT);
        String resource = ns + "." + table.toLowerCase(Locale.ROOT);
        if (!ns.equals(workspace)) {
            String reason = what + " " + resource + " is not allowed: lab " + lab.value()
                    + " writes only into its workspace " + workspace
                    + " (source datasets and other labs' workspaces are read-only or invisible).";
            audit.record(resource, "write", false, -1, reason);
            throw forbidden("Access denied: " + reason);
        }
        AccessDecision d = access.isAccessAllowed(user, groups, ns, table.toLowerCase(Locale.ROOT), null, "update");
        audit.record(resource, "write", d.allowed(), d.policyId(), reasonOf(d));
        if (!d.allowed()) {
            throw forbidden("Access denied: lab " + lab.value() + " may not write " + resource + ".");
        }
    }

    /** Namespaces a statement may name (SHOW TABLES IN ..., DESCRIBE NAMESPACE ...). */
    void requireNamespace(String namespace) {
        String ns = namespace.toLowerCase(Locale.ROOT);
        if (ns.isEmpty() || ns.equals(workspace) || ns.equals(Workspaces.SOURCE_NAMESPACE)) {
            return;
        }
        throw refuse("namespace:" + ns, "namespace " + ns + " is not visible to lab " + lab.value() + ".");
    }

    /** Audits a refusal by a built-in rule and returns the exception to throw. */
    LakeLabException refuse(String resource, String message) {
        audit.record(resource, "refuse", false, -1, message);
        return forbidden("Access denied: " + message);
    }

    static boolean isMetadataColumn(AttributeReference attribute) {
        return attribute.metadata().contains(METADATA_COLUMN_KEY);
    }

    static List<AttributeReference> output(DataSourceV2Relation relation) {
        return CollectionConverters.asJava(relation.output());
    }

    private static String reasonOf(AccessDecision d) {
        return d.allowed() ? null : (d.policyId() < 0 ? "no policy grants it" : d.reason());
    }

    static LakeLabException forbidden(String message) {
        return new LakeLabException(ErrorCategory.FORBIDDEN, message);
    }
}
