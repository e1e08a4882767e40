package io.lakelab.catalog.policy;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.ranger.authorization.hadoop.config.RangerPluginConfig;
import org.apache.ranger.plugin.policyengine.RangerAccessRequestImpl;
import org.apache.ranger.plugin.policyengine.RangerAccessResourceImpl;
import org.apache.ranger.plugin.policyengine.RangerAccessResult;
import org.apache.ranger.plugin.policyengine.RangerPolicyEngineOptions;
import org.apache.ranger.plugin.service.RangerBasePlugin;
import org.apache.ranger.plugin.util.RangerUserStore;
import org.apache.ranger.plugin.util.ServicePolicies;

/**
 * An embedded Ranger engine ({@link RangerBasePlugin}) for one {@link PolicyTarget}, fed with
 * {@link ServicePolicies} and a {@link RangerUserStore} by its owner rather than by a Ranger Admin:
 * {@link #update} swaps them at once (a job runner calls it after each policy refresh). Every
 * decision is Ranger's; this class only builds requests and reads results. Resources are named the
 * LakeLab way (Iceberg namespace, table, column) and mapped to the target's resource names.
 */
public final class LakeLabAccess implements AutoCloseable {

    private final PolicyTarget target;
    private final String sourceId = UUID.randomUUID().toString();
    private final RangerBasePlugin plugin;
    private volatile ServicePolicies policies;
    private volatile RangerUserStore userStore;

    private LakeLabAccess(PolicyTarget target, String appId, ServicePolicies policies, RangerUserStore userStore) {
        this.target = target;
        this.policies = policies;
        this.userStore = userStore;
        EmbeddedPolicySource.OWNERS.put(sourceId, this);
        String prefix = "ranger.plugin." + target.serviceType();
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(prefix + ".policy.source.impl", EmbeddedPolicySource.class.getName());
        settings.put(prefix + "." + EmbeddedPolicySource.SOURCE_ID_PROPERTY, sourceId);
        // The owner pushes updates with update(); the refresher is only a fallback.
        settings.put(prefix + ".policy.pollIntervalMs", "3600000");
        settings.put(prefix + ".use.rangerGroups", "true");
        settings.put(prefix + ".enable.implicit.userstore.enricher", "true");
        settings.put(prefix + ".supports.policy.deltas", "false");
        settings.put("xasecure.audit.is.enabled", "false");
        RangerPolicyEngineOptions options = new RangerPolicyEngineOptions();
        RangerPluginConfig config = PluginSettings.config(target, appId, settings, options);
        this.plugin = new RangerBasePlugin(config, policies, null, null, userStore);
        plugin.init();
        update(policies, userStore);
    }

    /** Starts an engine for the target with these policies and user store (either may be null). */
    public static LakeLabAccess start(
            PolicyTarget target, String appId, ServicePolicies policies, RangerUserStore userStore) {
        return new LakeLabAccess(target, appId, policies, userStore == null ? new RangerUserStore() : userStore);
    }

    /** Replaces policies and user store at once; null keeps the current one. */
    public synchronized void update(ServicePolicies newPolicies, RangerUserStore newUserStore) {
        if (newPolicies != null) {
            this.policies = newPolicies;
            plugin.setPolicies(newPolicies);
        }
        if (newUserStore != null) {
            this.userStore = newUserStore;
            if (plugin.getUserStoreEnricher() != null) {
                plugin.getUserStoreEnricher().setRangerUserStore(newUserStore);
            }
            // The request processor resolves groups from the auth context's copy (use.rangerGroups).
            if (plugin.getPluginContext().getAuthContext() != null) {
                plugin.getPluginContext().getAuthContext().setUserStore(newUserStore);
            }
        }
    }

    public PolicyTarget target() {
        return target;
    }

    public long policyVersion() {
        Long v = plugin.getPolicyVersion();
        return v == null ? -1 : v;
    }

    ServicePolicies currentPolicies() {
        return policies;
    }

    RangerUserStore currentUserStore() {
        return userStore;
    }

    /**
     * Whether {@code user} (with {@code groups} besides those the user store knows) may perform
     * {@code accessType} (Ranger's names: {@code select}, {@code update}, {@code create}, ...) on the
     * namespace, table or column; pass null for the levels below the one asked about.
     */
    public AccessDecision isAccessAllowed(
            String user, Set<String> groups, String namespace, String table, String column, String accessType) {
        RangerAccessResult result =
                plugin.isAccessAllowed(request(user, groups, namespace, table, column, accessType), null);
        if (result == null) {
            return new AccessDecision(false, -1, "no result");
        }
        return new AccessDecision(result.getIsAllowed(), result.getPolicyId(), result.getReason());
    }

    /** The row filter on a table read by {@code user}, if a row-filter policy applies. */
    public RowFilterDecision rowFilter(String user, Set<String> groups, String namespace, String table) {
        RangerAccessResult result =
                plugin.evalRowFilterPolicies(request(user, groups, namespace, table, null, "select"), null);
        if (result == null || !result.isRowFilterEnabled()) {
            return new RowFilterDecision(null, -1);
        }
        return new RowFilterDecision(result.getFilterExpr(), result.getPolicyId());
    }

    /** The mask on a column read by {@code user}, if a data-mask policy applies. */
    public MaskDecision mask(String user, Set<String> groups, String namespace, String table, String column) {
        RangerAccessResult result =
                plugin.evalDataMaskPolicies(request(user, groups, namespace, table, column, "select"), null);
        if (result == null || !result.isMaskEnabled()) {
            return new MaskDecision(null, null, -1);
        }
        return new MaskDecision(result.getMaskType(), result.getMaskedValue(), result.getPolicyId());
    }

    private RangerAccessRequestImpl request(
            String user, Set<String> groups, String namespace, String table, String column, String accessType) {
        Map<String, Object> elements = new LinkedHashMap<>();
        if (target == PolicyTarget.TRINO) {
            elements.put("catalog", PolicyTarget.TRINO_CATALOG);
            put(elements, "schema", namespace);
        } else {
            put(elements, "database", namespace);
        }
        put(elements, "table", table);
        put(elements, "column", column);
        RangerAccessResourceImpl resource = new RangerAccessResourceImpl(elements);
        resource.setServiceDef(plugin.getServiceDef());
        Set<String> allGroups = new HashSet<>(groups == null ? Set.of() : groups);
        RangerAccessRequestImpl request = new RangerAccessRequestImpl(resource, accessType, user, allGroups, null);
        request.setAction(accessType);
        request.setAccessTime(new java.util.Date());
        return request;
    }

    private static void put(Map<String, Object> elements, String key, String value) {
        if (value != null) {
            elements.put(key, value);
        }
    }

    @Override
    public void close() {
        EmbeddedPolicySource.OWNERS.remove(sourceId);
        plugin.cleanup();
    }
}
