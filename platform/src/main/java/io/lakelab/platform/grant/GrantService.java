package io.lakelab.platform.grant;

import io.lakelab.catalog.DatasetKind;
import io.lakelab.catalog.DatasetName;
import io.lakelab.catalog.ErrorCategory;
import io.lakelab.catalog.LabCode;
import io.lakelab.catalog.LakeLabException;
import io.lakelab.catalog.OpenCategory;
import io.lakelab.catalog.TableRef;
import io.lakelab.platform.audit.AuditService;
import io.lakelab.platform.dataset.Dataset;
import io.lakelab.platform.dataset.DatasetService;
import io.lakelab.platform.identity.Authorizer;
import io.lakelab.platform.identity.CurrentUser;
import io.lakelab.platform.identity.Operation;
import io.lakelab.platform.lab.Lab;
import io.lakelab.platform.lab.LabService;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Coarse grants: an administrator lets a lab read a whole dataset in its jobs, and may revoke it.
 * Public data that is not open (非开放) is never granted. Jobs ask {@link #readableTables} before
 * they run; a lab always reads and writes its own workspace.
 */
@Service
public class GrantService {

    private final GrantRepository repository;
    private final LabService labs;
    private final DatasetService datasets;
    private final Authorizer authorizer;
    private final AuditService audit;

    GrantService(
            GrantRepository repository,
            LabService labs,
            DatasetService datasets,
            Authorizer authorizer,
            AuditService audit) {
        this.repository = repository;
        this.labs = labs;
        this.datasets = datasets;
        this.authorizer = authorizer;
        this.audit = audit;
    }

    @Transactional
    public Grant grant(CurrentUser user, LabCode labCode, DatasetName datasetName) {
        authorizer.authorizeOrThrow(user, Operation.GRANT);
        Lab lab = labs.require(labCode);
        Dataset dataset = datasets.require(datasetName);
        String resource = "dataset:" + datasetName.value();
        if (dataset.kind() == DatasetKind.PUBLIC && dataset.openCategory() == OpenCategory.NOT_OPEN) {
            audit.record(
                    user.username(),
                    "grant.create",
                    resource,
                    AuditService.Outcome.DENIED,
                    Map.of("lab", labCode.value(), "reason", "NOT_OPEN"));
            throw new LakeLabException(
                    ErrorCategory.BAD_REQUEST,
                    "Dataset '" + datasetName.value() + "' is public data classified as not open (非开放): it cannot be"
                            + " granted to any lab. Only unconditionally or conditionally open data can be granted.");
        }
        if (lab.workspace().equals(dataset.table().namespace())) {
            throw LakeLabException.badRequest("Dataset '" + datasetName.value() + "' is in lab " + labCode.value()
                    + "'s own workspace, which the lab can always read: no grant is needed.");
        }
        if (repository.active(lab.id(), dataset.id()).isPresent()) {
            throw new LakeLabException(
                    ErrorCategory.CONFLICT,
                    "Lab " + labCode.value() + " already has an active grant for '" + datasetName.value() + "'.");
        }
        long id = repository.insert(lab.id(), dataset.id(), user.username());
        audit.record(
                user.username(),
                "grant.create",
                resource,
                AuditService.Outcome.SUCCEEDED,
                Map.of("lab", labCode.value(), "grantId", id));
        return repository.find(id).orElseThrow();
    }

    @Transactional
    public Grant revoke(CurrentUser user, long grantId) {
        authorizer.authorizeOrThrow(user, Operation.GRANT);
        Grant grant = repository
                .find(grantId)
                .orElseThrow(() -> new LakeLabException(
                        ErrorCategory.NOT_FOUND, "No grant with id " + grantId + ": list a lab's grants to find it."));
        if (!repository.revoke(grantId, user.username())) {
            throw new LakeLabException(ErrorCategory.CONFLICT, "Grant " + grantId + " was already revoked.");
        }
        audit.record(
                user.username(),
                "grant.revoke",
                "dataset:" + grant.dataset(),
                AuditService.Outcome.SUCCEEDED,
                Map.of("lab", grant.lab().value(), "grantId", grantId));
        return repository.find(grantId).orElseThrow();
    }

    public List<Grant> list(CurrentUser user, LabCode labCode, boolean includeRevoked) {
        authorizer.authorizeOrThrow(user, Operation.VIEW_GRANTS, labCode);
        return repository.forLab(labs.require(labCode).id(), includeRevoked);
    }

    /** Tables outside its workspace that the lab's jobs may read now. */
    public Set<TableRef> readableTables(LabCode labCode) {
        return repository.forLab(labs.require(labCode).id(), false).stream()
                .map(g -> TableRef.parse(g.table()))
                .collect(Collectors.toUnmodifiableSet());
    }
}
