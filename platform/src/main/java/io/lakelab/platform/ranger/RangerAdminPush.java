package io.lakelab.platform.ranger;

import io.lakelab.catalog.policy.PolicyTarget;
import io.lakelab.platform.access.PolicyService;
import io.lakelab.platform.audit.AuditService;
import io.lakelab.platform.grant.GrantsChanged;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import org.apache.ranger.RangerClient;
import org.apache.ranger.RangerServiceException;
import org.apache.ranger.plugin.model.RangerPolicy;
import org.apache.ranger.plugin.model.RangerService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Pushes the policies {@link PolicyService} compiles for each {@link PolicyTarget} to a real Ranger
 * Admin with Ranger's {@link RangerClient}, on startup and after every committed grant change: the
 * service is created if missing, each policy is created or updated by name, and policies of ours
 * (names starting {@code grant-}, {@code lab-} or {@code trino-}) that are no longer compiled are
 * deleted. Pushes run one at a time off the request thread; a failure is logged and audited as
 * {@code ranger-admin.push} FAILED and never affects the grant that triggered it.
 */
@Component
@ConditionalOnProperty(prefix = "lakelab.ranger-admin", name = "enabled", havingValue = "true")
public class RangerAdminPush {

    static final String ACTOR = "system:ranger-admin-push";
    static final String ACTION = "ranger-admin.push";

    /** Names of the policies LakeLab compiles; anything else in the service is left alone. */
    static final Pattern OURS = Pattern.compile("^(grant-|lab-|trino-).*");

    private static final Logger log = LoggerFactory.getLogger(RangerAdminPush.class);

    private final RangerAdminProperties properties;
    private final PolicyService policies;
    private final AuditService audit;
    private final RangerClient client;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ranger-admin-push");
        t.setDaemon(true);
        return t;
    });

    RangerAdminPush(RangerAdminProperties properties, PolicyService policies, AuditService audit) {
        this.properties = properties;
        this.policies = policies;
        this.audit = audit;
        this.client = new RangerClient(properties.url(), "simple", properties.username(), properties.password(), null);
        log.info("Ranger Admin push enabled: {} as {}", properties.url(), properties.username());
    }

    @EventListener(ApplicationReadyEvent.class)
    void onStartup() {
        worker.submit(() -> pushAll("startup"));
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void onGrantsChanged(GrantsChanged event) {
        worker.submit(() -> pushAll("grant " + event.grantId()));
    }

    /** Pushes every target; each target's failure is reported on its own. */
    void pushAll(String reason) {
        for (PolicyTarget target : PolicyTarget.values()) {
            try {
                push(target);
            } catch (RangerServiceException | RuntimeException e) {
                String message = "Could not push " + target.serviceName() + " policies to Ranger Admin at "
                        + properties.url() + " (after " + reason + "): " + e.getMessage();
                log.error(message, e);
                try {
                    audit.record(
                            ACTOR,
                            ACTION,
                            target.serviceName(),
                            AuditService.Outcome.FAILED,
                            Map.of("url", String.valueOf(properties.url()), "reason", reason, "error", message));
                } catch (RuntimeException auditFailure) {
                    log.error("Could not audit the failed Ranger Admin push", auditFailure);
                }
            }
        }
    }

    void push(PolicyTarget target) throws RangerServiceException {
        String service = target.serviceName();
        ensureService(target);
        List<RangerPolicy> compiled = policies.policies(target).getPolicies();
        Set<String> names = new HashSet<>();
        for (RangerPolicy policy : compiled) {
            names.add(policy.getName());
            RangerPolicy existing = find(service, policy.getName());
            RangerPolicy copy = new RangerPolicy();
            copy.updateFrom(policy);
            copy.setGuid(policy.getGuid());
            if (existing == null) {
                copy.setId(null);
                client.createPolicy(copy);
            } else {
                copy.setId(existing.getId());
                client.updatePolicy(service, policy.getName(), copy);
            }
        }
        for (RangerPolicy present : client.getPoliciesInService(service)) {
            if (present.getName() != null
                    && OURS.matcher(present.getName()).matches()
                    && !names.contains(present.getName())) {
                client.deletePolicy(present.getId());
            }
        }
        log.debug("Pushed {} policies of {} to Ranger Admin", compiled.size(), service);
    }

    private void ensureService(PolicyTarget target) throws RangerServiceException {
        try {
            client.getService(target.serviceName());
        } catch (RangerServiceException e) {
            if (e.getStatus() == null || e.getStatus().getStatusCode() != 404) {
                throw e;
            }
            RangerService service = new RangerService();
            service.setName(target.serviceName());
            service.setType(target.serviceType());
            service.setDisplayName(target.serviceName());
            service.setDescription("LakeLab " + target.serviceName() + " (policies compiled from grants)");
            service.setIsEnabled(true);
            // Ranger Admin requires these service-def configs; LakeLab's engines pull policies, Ranger
            // Admin never connects back, so they only name the platform.
            Map<String, String> configs = new LinkedHashMap<>();
            configs.put("username", "lakelab");
            configs.put("password", "unused");
            configs.put("jdbc.driverClassName", "unused");
            configs.put("jdbc.url", "jdbc:unused://lakelab");
            service.setConfigs(configs);
            client.createService(service);
        }
    }

    private RangerPolicy find(String service, String name) throws RangerServiceException {
        try {
            return client.getPolicy(service, name);
        } catch (RangerServiceException e) {
            if (e.getStatus() != null && e.getStatus().getStatusCode() == 404) {
                return null;
            }
            throw e;
        }
    }
}
