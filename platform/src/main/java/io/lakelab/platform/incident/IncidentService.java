package io.lakelab.platform.incident;

import io.lakelab.catalog.DatasetName;
import io.lakelab.catalog.ErrorCategory;
import io.lakelab.catalog.LabCode;
import io.lakelab.catalog.LakeLabException;
import io.lakelab.catalog.policy.GrantSpec;
import io.lakelab.platform.access.PolicyTokens;
import io.lakelab.platform.audit.AuditService;
import io.lakelab.platform.dataset.Dataset;
import io.lakelab.platform.dataset.DatasetService;
import io.lakelab.platform.grant.GrantService;
import io.lakelab.platform.identity.Authorizer;
import io.lakelab.platform.identity.CurrentUser;
import io.lakelab.platform.identity.Operation;
import io.lakelab.platform.job.JobRun;
import io.lakelab.platform.job.JobService;
import io.lakelab.platform.lab.Lab;
import io.lakelab.platform.lab.LabService;
import io.lakelab.platform.lab.LabStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Service;

/**
 * Emergency freeze of a lab or a dataset, and its lifting under the two-person rule. Freezing first
 * commits the incident, which by itself takes the lab's groups (or the dataset) out of the policies
 * both engines poll every second and makes the API refuse writes; then it cancels the lab's queued
 * and running jobs (which undoes their outputs) and revokes their policy tokens, and records what it
 * stopped. Nothing is deleted or revoked for good: grants, members and the lab's status are left as
 * they were, so lifting the freeze restores them. There are no warm engines yet to stop.
 */
@Service
public class IncidentService {

    private final IncidentRepository repository;
    private final Authorizer authorizer;
    private final AuditService audit;
    private final LabService labs;
    private final DatasetService datasets;
    private final JobService jobs;
    private final GrantService grants;
    private final PolicyTokens tokens;

    IncidentService(
            IncidentRepository repository,
            Authorizer authorizer,
            AuditService audit,
            LabService labs,
            DatasetService datasets,
            JobService jobs,
            GrantService grants,
            PolicyTokens tokens) {
        this.repository = repository;
        this.authorizer = authorizer;
        this.audit = audit;
        this.labs = labs;
        this.datasets = datasets;
        this.jobs = jobs;
        this.grants = grants;
        this.tokens = tokens;
    }

    /** Freezes the lab at once; a conflict if it is already frozen (naming the open incident) or delisted. */
    public Incident freezeLab(CurrentUser user, LabCode code, String reason) {
        authorizer.authorizeOrThrow(user, Operation.FREEZE);
        String why = requireText(reason, "reason", "why the lab is frozen");
        Lab lab = labs.require(code);
        if (lab.status() == LabStatus.FROZEN) {
            throw new LakeLabException(
                    ErrorCategory.CONFLICT,
                    "Lab " + code.value() + " is delisted (frozen for good since " + lab.frozenAt()
                            + "): nothing runs in it, there is nothing to freeze.");
        }
        long id = open(Incident.Kind.LAB, code.value(), null, why, user);
        List<String> cancelled = new ArrayList<>();
        List<String> tokensRevoked = new ArrayList<>();
        for (JobRun run : jobs.list(user, code, 1000)) {
            if (run.state().terminal()) {
                continue;
            }
            // The runner is stopped next; its token must not outlive the freeze even for that moment.
            if (tokens.revoke(run.id())) {
                tokensRevoked.add(run.id());
            }
            try {
                jobs.cancel(user, run.id());
                cancelled.add(run.id());
            } catch (LakeLabException e) {
                // finished between listing and cancelling: nothing left to stop
            }
        }
        Map<String, Object> stopped = new LinkedHashMap<>();
        stopped.put("runsCancelled", cancelled);
        stopped.put("policyTokensRevoked", tokensRevoked);
        stopped.put("policiesWithdrawn", "lab group " + lab.workspace() + " and its grants, in Spark and Trino");
        stopped.put("warmEngines", List.of());
        return recorded(id, user, "lab:" + code.value(), Map.of("lab", code.value()), stopped);
    }

    /**
     * Freezes the dataset for every lab at once (a provider withdrew consent): its table leaves the
     * policies of both engines and ingestion into it is refused. Jobs that read it fail at their next
     * statement.
     */
    public Incident freezeDataset(CurrentUser user, DatasetName name, String reason) {
        authorizer.authorizeOrThrow(user, Operation.FREEZE);
        String why = requireText(reason, "reason", "why the dataset is frozen");
        Dataset dataset = datasets.require(name);
        long id = open(Incident.Kind.DATASET, name.value(), dataset.table().qualified(), why, user);
        List<String> labsAffected = grants.policySpecs().stream()
                .filter(g -> g.table().equals(dataset.table()))
                .map(GrantSpec::lab)
                .map(LabCode::value)
                .distinct()
                .sorted()
                .toList();
        Map<String, Object> stopped = new LinkedHashMap<>();
        stopped.put("table", dataset.table().qualified());
        stopped.put("labsAffected", labsAffected);
        stopped.put("policiesWithdrawn", "every policy on " + dataset.table().qualified() + ", in Spark and Trino");
        Incident incident = recorded(id, user, "dataset:" + name.value(), Map.of("dataset", name.value()), stopped);
        // Each lab that lost the dataset sees the incident in its own monthly report.
        for (String lab : labsAffected) {
            audit.record(
                    user.username(),
                    "incident.dataset-freeze",
                    "lab:" + lab,
                    AuditService.Outcome.SUCCEEDED,
                    Map.of("incident", id, "lab", lab, "dataset", name.value(), "reason", why));
        }
        return incident;
    }

    public Incident unfreezeLab(CurrentUser user, LabCode code, String resolution) {
        return unfreeze(user, Incident.Kind.LAB, code.value(), resolution, "lab:" + code.value());
    }

    public Incident unfreezeDataset(CurrentUser user, DatasetName name, String resolution) {
        return unfreeze(user, Incident.Kind.DATASET, name.value(), resolution, "dataset:" + name.value());
    }

    public List<Incident> list(CurrentUser user, boolean openOnly) {
        authorizer.authorizeOrThrow(user, Operation.VIEW_INCIDENTS);
        return repository.findAll(openOnly);
    }

    public Incident get(CurrentUser user, long id) {
        authorizer.authorizeOrThrow(user, Operation.VIEW_INCIDENTS);
        return repository
                .find(id)
                .orElseThrow(() -> new LakeLabException(
                        ErrorCategory.NOT_FOUND, "No incident " + id + ": GET /api/v1/incidents lists them."));
    }

    /** Lifts the freeze: only a second platform administrator may, and only with a resolution note. */
    private Incident unfreeze(CurrentUser user, Incident.Kind kind, String target, String resolution, String resource) {
        authorizer.authorizeOrThrow(user, Operation.FREEZE);
        String note = requireText(resolution, "resolution", "how the incident was resolved");
        Incident incident = repository
                .openFor(kind, target)
                .orElseThrow(() -> new LakeLabException(
                        ErrorCategory.CONFLICT,
                        kind.name().toLowerCase() + " " + target + " is not frozen: there is no open incident to"
                                + " lift (GET /api/v1/incidents lists them)."));
        if (Objects.equals(incident.frozenBy(), user.username())) {
            audit.record(
                    user.username(),
                    "incident.unfreeze",
                    resource,
                    AuditService.Outcome.DENIED,
                    Map.of("incident", incident.id(), "reason", "two-person rule"));
            throw new LakeLabException(
                    ErrorCategory.CONFLICT,
                    "Incident " + incident.id() + " was opened by " + user.username()
                            + ": the two-person rule requires a second platform administrator to lift the freeze."
                            + " Ask another administrator to POST the unfreeze with a resolution note.");
        }
        if (!repository.resolve(incident.id(), user.username(), note)) {
            throw new LakeLabException(
                    ErrorCategory.CONFLICT, "Incident " + incident.id() + " was lifted meanwhile: nothing to do.");
        }
        audit.record(
                user.username(),
                "incident.unfreeze",
                resource,
                AuditService.Outcome.SUCCEEDED,
                details(incident.id(), kind, target, Map.of("resolution", note, "frozenBy", incident.frozenBy())));
        return repository.find(incident.id()).orElseThrow();
    }

    private long open(Incident.Kind kind, String target, String table, String reason, CurrentUser user) {
        return repository
                .open(kind, target, table, reason, user.username())
                .orElseThrow(() -> new LakeLabException(
                        ErrorCategory.CONFLICT,
                        kind.name().toLowerCase() + " " + target + " is already frozen by "
                                + repository
                                        .openFor(kind, target)
                                        .map(Incident::describe)
                                        .orElse("another incident")
                                + ": lift that freeze before freezing it again."));
    }

    private Incident recorded(
            long id, CurrentUser user, String resource, Map<String, String> target, Map<String, Object> stopped) {
        repository.recordStopped(id, stopped);
        Incident incident = repository.find(id).orElseThrow();
        Map<String, Object> details = new LinkedHashMap<>(target);
        details.put("reason", incident.reason());
        details.putAll(stopped);
        audit.record(
                user.username(),
                "incident.freeze",
                resource,
                AuditService.Outcome.SUCCEEDED,
                details(id, incident.kind(), incident.target(), details));
        return incident;
    }

    private static Map<String, Object> details(
            long id, Incident.Kind kind, String target, Map<String, ? extends Object> more) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("incident", id);
        details.put(kind == Incident.Kind.LAB ? "lab" : "dataset", target);
        details.putAll(more);
        return details;
    }

    private static String requireText(String value, String field, String what) {
        if (value == null || value.isBlank()) {
            throw LakeLabException.badRequest("Give a " + field + ": " + what + " (it goes into the incident record).");
        }
        return value.strip();
    }
}
