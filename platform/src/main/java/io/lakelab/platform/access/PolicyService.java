package io.lakelab.platform.access;

import io.lakelab.catalog.LabCode;
import io.lakelab.catalog.TableRef;
import io.lakelab.catalog.policy.GrantSpec;
import io.lakelab.catalog.policy.PolicyCompiler;
import io.lakelab.catalog.policy.PolicyJson;
import io.lakelab.catalog.policy.PolicyTarget;
import io.lakelab.catalog.policy.UserStores;
import io.lakelab.platform.grant.GrantService;
import io.lakelab.platform.grant.GrantsChanged;
import io.lakelab.platform.identity.CurrentUser;
import io.lakelab.platform.identity.Role;
import io.lakelab.platform.incident.Freezes;
import io.lakelab.platform.lab.Lab;
import io.lakelab.platform.lab.LabService;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.ranger.plugin.util.RangerRoles;
import org.apache.ranger.plugin.util.RangerUserStore;
import org.apache.ranger.plugin.util.ServicePolicies;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The compiled policies the engines enforce: all labs and all grants that are not revoked, compiled
 * by {@link PolicyCompiler} for {@code lakelab_spark} or {@code lakelab_trino}, and lab membership
 * as a Ranger user store. Versions are monotonic and move only when the content changes (grants,
 * labs, memberships), which is what lets plugins poll cheaply; expiry changes nothing here because
 * the policies carry it. Callers authorize; this service only computes.
 */
@Service
public class PolicyService {

    /** Acts for the compiler when it lists labs: reading labs is all it does. */
    private static final CurrentUser COMPILER =
            new CurrentUser("system:policy-compiler", Set.of(Role.PLATFORM_ADMIN), Set.of());

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PolicyService.class);

    private final GrantService grants;
    private final LabService labs;
    private final LabMembers members;
    private final PolicyVersionRepository versions;
    private final Freezes freezes;

    PolicyService(
            GrantService grants,
            LabService labs,
            LabMembers members,
            PolicyVersionRepository versions,
            Freezes freezes) {
        this.grants = grants;
        this.labs = labs;
        this.members = members;
        this.versions = versions;
        this.freezes = freezes;
    }

    /**
     * The target's policies with their served version. Labs and datasets under an emergency freeze are
     * left out (the lab's workspace and grants, every grant on the dataset), so both engines deny them
     * from their next poll; lifting the freeze brings the same policies back.
     */
    public ServicePolicies policies(PolicyTarget target) {
        Set<LabCode> frozenLabs = freezes.labs();
        Set<TableRef> frozenTables = freezes.tables();
        List<LabCode> codes = labs.list(COMPILER).stream()
                .map(Lab::code)
                .filter(code -> !frozenLabs.contains(code))
                .toList();
        List<GrantSpec> specs = grants.policySpecs().stream()
                .filter(g -> !frozenLabs.contains(g.lab()) && !frozenTables.contains(g.table()))
                .toList();
        ServicePolicies policies = new PolicyCompiler(target).compile(codes, specs);
        PolicyVersionRepository.Version v = versions.versionFor(target.serviceName(), PolicyJson.fingerprint(policies));
        policies.setPolicyVersion(v.version());
        policies.setPolicyUpdateTime(Date.from(v.updatedAt()));
        return policies;
    }

    /** Lab membership as Ranger's user store (user -> groups {@code lab_<code>}), with its served version. */
    public RangerUserStore userStore(PolicyTarget target) {
        Map<LabCode, List<String>> byLab = new LinkedHashMap<>();
        for (Lab lab : labs.list(COMPILER)) {
            byLab.put(lab.code(), members.members(lab.code()));
        }
        RangerUserStore store = UserStores.of(byLab);
        PolicyVersionRepository.Version v =
                versions.versionFor(target.serviceName() + "#users", PolicyJson.fingerprint(store));
        store.setUserStoreVersion(v.version());
        store.setUserStoreUpdateTime(Date.from(v.updatedAt()));
        return store;
    }

    /**
     * Moves the served versions on as soon as a grant change commits, so a plugin's next poll sees a
     * new version even if nobody downloaded in between (versions are also checked on every download).
     */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void onGrantsChanged(GrantsChanged event) {
        try {
            for (PolicyTarget target : PolicyTarget.values()) {
                policies(target);
            }
        } catch (RuntimeException e) {
            // The grant change is committed; the next download computes the version anyway.
            log.warn("Could not move policy versions on after grant {} changed", event.grantId(), e);
        }
    }

    /** LakeLab uses groups, not Ranger roles: the role document is always empty, version 1. */
    public RangerRoles roles(PolicyTarget target) {
        RangerRoles roles = new RangerRoles();
        roles.setServiceName(target.serviceName());
        roles.setRoleVersion(1L);
        roles.setRoleUpdateTime(new Date(0));
        roles.setRangerRoles(new java.util.HashSet<>());
        return roles;
    }
}
