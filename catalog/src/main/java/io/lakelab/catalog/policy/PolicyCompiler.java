package io.lakelab.catalog.policy;

import io.lakelab.catalog.LabCode;
import io.lakelab.catalog.TableRef;
import io.lakelab.catalog.Workspaces;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.ranger.plugin.model.RangerPolicy;
import org.apache.ranger.plugin.model.RangerPolicy.RangerDataMaskPolicyItem;
import org.apache.ranger.plugin.model.RangerPolicy.RangerPolicyItem;
import org.apache.ranger.plugin.model.RangerPolicy.RangerPolicyItemAccess;
import org.apache.ranger.plugin.model.RangerPolicy.RangerPolicyItemDataMaskInfo;
import org.apache.ranger.plugin.model.RangerPolicy.RangerPolicyItemRowFilterInfo;
import org.apache.ranger.plugin.model.RangerPolicy.RangerPolicyResource;
import org.apache.ranger.plugin.model.RangerPolicy.RangerRowFilterPolicyItem;
import org.apache.ranger.plugin.model.RangerValiditySchedule;
import org.apache.ranger.plugin.util.ServicePolicies;

/**
 * Compiles labs and grants into Ranger {@link ServicePolicies} for one {@link PolicyTarget}. Each lab
 * gets full access to its workspace for its Ranger group {@code lab_<code>}; each grant becomes a
 * {@code select} policy on the granted columns, a row-filter policy when it filters and one
 * data-mask policy per masked column, all with a validity schedule ending at the grant's expiry, so
 * Ranger's engine stops honouring an expired grant by time alone. The output is deterministic: the
 * same input gives the same JSON, and {@code policyVersion} is derived from the content (servers
 * that need monotonic versions replace it, see {@link PolicyJson#fingerprint}).
 */
public final class PolicyCompiler {

    /** Ranger's group for a lab's members. */
    public static String groupOf(LabCode lab) {
        return Workspaces.of(lab);
    }

    /** Ranger's implicit group of every user. */
    public static final String PUBLIC_GROUP = "public";

    private static final DateTimeFormatter RANGER_TIME =
            DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final List<String> HIVE_ALL =
            List.of("select", "update", "create", "drop", "alter", "index", "lock", "all", "read", "write", "refresh");
    private static final List<String> TRINO_ALL =
            List.of("select", "insert", "create", "drop", "delete", "use", "alter", "show", "all");

    private final PolicyTarget target;

    public PolicyCompiler(PolicyTarget target) {
        this.target = target;
    }

    /** Policies of every lab's workspace and every given (not revoked) grant. */
    public ServicePolicies compile(Collection<LabCode> labs, Collection<GrantSpec> grants) {
        List<RangerPolicy> policies = new ArrayList<>();
        List<LabCode> sortedLabs = labs.stream()
                .distinct()
                .sorted(Comparator.comparing(LabCode::value))
                .toList();
        List<GrantSpec> sortedGrants = grants.stream()
                .sorted(Comparator.comparingLong(GrantSpec::grantId))
                .toList();
        if (target == PolicyTarget.TRINO) {
            policies.addAll(trinoBase(sortedLabs, sortedGrants));
        }
        for (LabCode lab : sortedLabs) {
            policies.add(workspacePolicy(lab));
        }
        for (GrantSpec grant : sortedGrants) {
            policies.addAll(grantPolicies(grant));
        }
        ServicePolicies out = new ServicePolicies();
        out.setServiceName(target.serviceName());
        out.setServiceId(target == PolicyTarget.SPARK ? 1L : 2L);
        out.setServiceDef(PolicyJson.serviceDef(target.serviceType()));
        out.setServiceConfig(new LinkedHashMap<>());
        out.setAuditMode("audit-default");
        out.setPolicies(policies);
        out.setPolicyVersion(Long.parseUnsignedLong(PolicyJson.fingerprint(out).substring(0, 13), 16));
        return out;
    }

    private RangerPolicy workspacePolicy(LabCode lab) {
        String ws = Workspaces.of(lab);
        RangerPolicy p = policy(PolicyIds.labWorkspace(lab), "lab-" + lab.value() + "-workspace", 0, null);
        p.setDescription("Lab " + lab.value() + " reads and writes its own workspace " + ws + ".");
        p.setResources(resources(ws, "*", "*"));
        p.setPolicyItems(List.of(item(target == PolicyTarget.SPARK ? HIVE_ALL : TRINO_ALL, groupOf(lab))));
        return p;
    }

    private List<RangerPolicy> grantPolicies(GrantSpec grant) {
        List<RangerPolicy> out = new ArrayList<>();
        String group = groupOf(grant.lab());
        TableRef t = grant.table();
        String prefix = "grant-" + grant.grantId();
        String about = "Grant " + grant.grantId() + " to lab " + grant.lab().value() + " on " + t.qualified()
                + (grant.purpose().isEmpty() ? "" : " for: " + grant.purpose());

        RangerPolicy access = policy(PolicyIds.grantAccess(grant.grantId()), prefix + "-select", 0, grant.expiresAt());
        access.setDescription(about);
        access.setResources(resources(
                t.namespace(),
                t.name(),
                grant.columns().isEmpty() ? List.of("*") : List.copyOf(new TreeSet<>(grant.columns()))));
        access.setPolicyItems(List.of(item(List.of("select"), group)));
        out.add(access);

        if (grant.rowFilter() != null) {
            RangerPolicy filter =
                    policy(PolicyIds.grantRowFilter(grant.grantId()), prefix + "-rowfilter", 2, grant.expiresAt());
            filter.setDescription(about);
            filter.setResources(tableResources(t));
            filter.setRowFilterPolicyItems(List.of(new RangerRowFilterPolicyItem(
                    new RangerPolicyItemRowFilterInfo(grant.rowFilter()),
                    accesses(List.of("select")),
                    List.of(),
                    List.of(group),
                    List.of(),
                    List.of(),
                    false)));
            out.add(filter);
        }

        int i = 0;
        for (Map.Entry<String, MaskType> mask : grant.masks().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .toList()) {
            RangerPolicy m = policy(
                    PolicyIds.grantMask(grant.grantId(), i++), prefix + "-mask-" + mask.getKey(), 1, grant.expiresAt());
            m.setDescription(about);
            m.setResources(resources(t.namespace(), t.name(), List.of(mask.getKey())));
            MaskType type = mask.getValue();
            m.setDataMaskPolicyItems(List.of(new RangerDataMaskPolicyItem(
                    accesses(List.of("select")),
                    new RangerPolicyItemDataMaskInfo(type.rangerType(), null, type.valueExpr(target)),
                    List.of(),
                    List.of(group),
                    List.of(),
                    List.of(),
                    false)));
            out.add(m);
        }
        return out;
    }

    /** What Trino needs beyond tables: run queries, see the catalog and schemas, information_schema. */
    private List<RangerPolicy> trinoBase(List<LabCode> labs, List<GrantSpec> grants) {
        List<RangerPolicy> out = new ArrayList<>();
        RangerPolicy query = policy(1, "trino-queryid-execute", 0, null);
        query.setResources(new LinkedHashMap<>(Map.of("queryid", new RangerPolicyResource("*"))));
        query.setPolicyItems(List.of(item(List.of("execute"), PUBLIC_GROUP)));
        out.add(query);

        // With authentication on, Trino asks whether the authenticated principal may act as the
        // session user, even when they are the same: everyone may be themselves, nobody anyone else.
        RangerPolicy self = policy(5, "trino-user-is-self", 0, null);
        self.setResources(new LinkedHashMap<>(Map.of("trinouser", new RangerPolicyResource("{USER}"))));
        self.setPolicyItems(List.of(item(List.of("impersonate"), PUBLIC_GROUP)));
        out.add(self);

        List<String> labGroups = labs.stream().map(PolicyCompiler::groupOf).toList();
        if (!labGroups.isEmpty()) {
            RangerPolicy catalog = policy(2, "trino-catalog-use", 0, null);
            Map<String, RangerPolicyResource> res = new LinkedHashMap<>();
            res.put("catalog", new RangerPolicyResource(PolicyTarget.TRINO_CATALOG));
            catalog.setResources(res);
            catalog.setPolicyItems(List.of(item(List.of("use", "show"), labGroups.toArray(String[]::new))));
            out.add(catalog);

            RangerPolicy info = policy(3, "trino-information-schema", 0, null);
            info.setResources(resources("information_schema", "*", "*"));
            info.setPolicyItems(List.of(item(List.of("select", "show"), labGroups.toArray(String[]::new))));
            out.add(info);
        }
        // Seeing a granted table's schema is not seeing its data; the table policies decide that.
        TreeSet<String> grantees = new TreeSet<>();
        TreeSet<String> schemas = new TreeSet<>();
        grants.forEach(g -> {
            grantees.add(groupOf(g.lab()));
            schemas.add(g.table().namespace());
        });
        if (!grantees.isEmpty()) {
            RangerPolicy schema = policy(4, "trino-granted-schemas-use", 0, null);
            Map<String, RangerPolicyResource> res = new LinkedHashMap<>();
            res.put("catalog", new RangerPolicyResource(PolicyTarget.TRINO_CATALOG));
            res.put("schema", new RangerPolicyResource(List.copyOf(schemas), false, false));
            schema.setResources(res);
            schema.setPolicyItems(List.of(item(List.of("use", "show"), grantees.toArray(String[]::new))));
            out.add(schema);
        }
        return out;
    }

    private RangerPolicy policy(long id, String name, int type, Instant expiresAt) {
        RangerPolicy p = new RangerPolicy();
        p.setId(id);
        p.setGuid("lakelab-" + target.serviceName() + "-" + id);
        p.setName(name);
        p.setService(target.serviceName());
        p.setServiceType(target.serviceType());
        p.setPolicyType(type);
        p.setIsEnabled(true);
        p.setIsAuditEnabled(true);
        p.setVersion(1L);
        p.setPolicyPriority(0);
        p.setPolicyItems(new ArrayList<>());
        p.setDenyPolicyItems(new ArrayList<>());
        p.setAllowExceptions(new ArrayList<>());
        p.setDenyExceptions(new ArrayList<>());
        p.setDataMaskPolicyItems(new ArrayList<>());
        p.setRowFilterPolicyItems(new ArrayList<>());
        p.setValiditySchedules(
                expiresAt == null
                        ? new ArrayList<>()
                        : new ArrayList<>(
                                List.of(new RangerValiditySchedule(null, RANGER_TIME.format(expiresAt), "UTC", null))));
        return p;
    }

    private Map<String, RangerPolicyResource> resources(String namespace, String table, String column) {
        return resources(namespace, table, List.of(column));
    }

    private Map<String, RangerPolicyResource> resources(String namespace, String table, List<String> columns) {
        Map<String, RangerPolicyResource> res = new LinkedHashMap<>();
        if (target == PolicyTarget.TRINO) {
            res.put("catalog", new RangerPolicyResource(PolicyTarget.TRINO_CATALOG));
            res.put("schema", new RangerPolicyResource(namespace));
        } else {
            res.put("database", new RangerPolicyResource(namespace));
        }
        res.put("table", new RangerPolicyResource(table));
        res.put("column", new RangerPolicyResource(columns, false, false));
        return res;
    }

    private Map<String, RangerPolicyResource> tableResources(TableRef t) {
        Map<String, RangerPolicyResource> res = resources(t.namespace(), t.name(), "*");
        res.remove("column");
        return res;
    }

    private static RangerPolicyItem item(List<String> accessTypes, String... groups) {
        return new RangerPolicyItem(accesses(accessTypes), List.of(), List.of(groups), List.of(), List.of(), false);
    }

    private static List<RangerPolicyItemAccess> accesses(List<String> types) {
        return types.stream().map(a -> new RangerPolicyItemAccess(a, true)).toList();
    }
}
