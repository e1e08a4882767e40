package io.lakelab.catalog.policy;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.ranger.admin.client.AbstractRangerAdminClient;
import org.apache.ranger.plugin.util.RangerRoles;
import org.apache.ranger.plugin.util.RangerUserStore;
import org.apache.ranger.plugin.util.ServicePolicies;

/**
 * The policy source of an embedded Ranger plugin: Ranger instantiates it by class name (property
 * {@code ranger.plugin.<svc>.policy.source.impl}) instead of its Jersey REST client, and its
 * refreshers read policies, roles and the user store from the {@link LakeLabAccess} that owns the
 * plugin (found through {@value #SOURCE_ID_PROPERTY}). Public only because Ranger needs a public
 * no-argument constructor.
 */
public final class EmbeddedPolicySource extends AbstractRangerAdminClient {

    /** Property (after the plugin's prefix) naming the {@link LakeLabAccess} this source serves. */
    public static final String SOURCE_ID_PROPERTY = "lakelab.source.id";

    static final Map<String, LakeLabAccess> OWNERS = new ConcurrentHashMap<>();

    private volatile LakeLabAccess owner;

    @Override
    public void init(String serviceName, String appId, String configPropertyPrefix, Configuration config) {
        super.init(serviceName, appId, configPropertyPrefix, config);
        owner = OWNERS.get(config.get(configPropertyPrefix + "." + SOURCE_ID_PROPERTY, ""));
    }

    @Override
    public ServicePolicies getServicePoliciesIfUpdated(long lastKnownVersion, long lastActivationTime) {
        ServicePolicies current = owner == null ? null : owner.currentPolicies();
        return current == null || current.getPolicyVersion() == lastKnownVersion ? null : current;
    }

    @Override
    public RangerRoles getRolesIfUpdated(long lastKnownRoleVersion, long lastActivationTime) {
        return null;
    }

    @Override
    public RangerUserStore getUserStoreIfUpdated(long lastKnownUserStoreVersion, long lastActivationTime) {
        RangerUserStore current = owner == null ? null : owner.currentUserStore();
        return current == null || current.getUserStoreVersion() == lastKnownUserStoreVersion ? null : current;
    }
}
