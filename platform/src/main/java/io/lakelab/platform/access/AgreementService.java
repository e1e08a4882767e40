package io.lakelab.platform.access;

import io.lakelab.catalog.DatasetKind;
import io.lakelab.catalog.DatasetName;
import io.lakelab.catalog.ErrorCategory;
import io.lakelab.catalog.LabCode;
import io.lakelab.catalog.LakeLabException;
import io.lakelab.catalog.OpenCategory;
import io.lakelab.platform.audit.AuditService;
import io.lakelab.platform.dataset.Dataset;
import io.lakelab.platform.dataset.DatasetService;
import io.lakelab.platform.grant.GrantGate;
import io.lakelab.platform.identity.Authorizer;
import io.lakelab.platform.identity.CurrentUser;
import io.lakelab.platform.identity.Operation;
import io.lakelab.platform.identity.Role;
import io.lakelab.platform.lab.Lab;
import io.lakelab.platform.lab.LabService;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Data-use agreements of conditionally open (有条件开放) public data: administrators publish
 * versioned texts, lab engineers accept the current version for their lab (who, when and which
 * version are kept), and a grant of such data is refused until the lab accepted the current
 * version. Publishing a new version means every lab must accept again before its next grant.
 */
@Service
public class AgreementService implements GrantGate {

    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,39}");

    private final AgreementRepository repository;
    private final DatasetService datasets;
    private final LabService labs;
    private final Authorizer authorizer;
    private final AuditService audit;

    AgreementService(
            AgreementRepository repository,
            DatasetService datasets,
            LabService labs,
            Authorizer authorizer,
            AuditService audit) {
        this.repository = repository;
        this.datasets = datasets;
        this.labs = labs;
        this.authorizer = authorizer;
        this.audit = audit;
    }

    @Transactional
    public Agreement publish(CurrentUser user, DatasetName name, String version, String text) {
        authorizer.authorizeOrThrow(user, Operation.MANAGE_AGREEMENTS);
        Dataset dataset = datasets.require(name);
        if (version == null || !VERSION.matcher(version).matches()) {
            throw LakeLabException.badRequest("Agreement version '" + version
                    + "' is invalid: use letters, digits, '.', '_' or '-' (at most 40), e.g. 2026.1.");
        }
        if (text == null || text.isBlank()) {
            throw LakeLabException.badRequest("The agreement text is empty: give the full text labs accept.");
        }
        if (repository.exists(dataset.id(), version)) {
            throw new LakeLabException(
                    ErrorCategory.CONFLICT,
                    "Dataset '" + name.value() + "' already has agreement version " + version
                            + ": versions are immutable, publish a new version instead.");
        }
        repository.insert(dataset.id(), version, text, user.username());
        audit.record(
                user.username(),
                "agreement.publish",
                "dataset:" + name.value(),
                AuditService.Outcome.SUCCEEDED,
                Map.of("version", version));
        return repository.find(dataset.id(), version).orElseThrow();
    }

    public Agreement current(CurrentUser user, DatasetName name) {
        authorizer.authorizeOrThrow(user, Operation.VIEW_CATALOG);
        Dataset dataset = datasets.requireVisible(user, name);
        Agreement current = repository
                .current(dataset.id())
                .orElseThrow(() -> new LakeLabException(
                        ErrorCategory.NOT_FOUND, "Dataset '" + name.value() + "' has no data-use agreement."));
        if (user.has(Role.PLATFORM_ADMIN) || user.has(Role.REVIEWER)) {
            return current;
        }
        // Others see only their own labs' acceptances.
        return new Agreement(
                current.id(),
                current.dataset(),
                current.version(),
                current.text(),
                current.createdBy(),
                current.createdAt(),
                current.current(),
                current.acceptances().stream()
                        .filter(a -> user.memberOf(new LabCode(a.lab())))
                        .toList());
    }

    @Transactional
    public Agreement accept(CurrentUser user, DatasetName name, String version, LabCode labCode) {
        authorizer.authorizeOrThrow(user, Operation.ACCEPT_AGREEMENT, labCode);
        Lab lab = labs.require(labCode);
        Dataset dataset = datasets.requireVisible(user, name);
        String resource = "dataset:" + name.value();
        Agreement current = repository
                .current(dataset.id())
                .orElseThrow(() -> new LakeLabException(
                        ErrorCategory.NOT_FOUND,
                        "Dataset '" + name.value() + "' has no data-use agreement to accept."));
        if (!current.version().equals(version)) {
            audit.record(
                    user.username(),
                    "agreement.accept",
                    resource,
                    AuditService.Outcome.DENIED,
                    Map.of("lab", labCode.value(), "version", String.valueOf(version), "current", current.version()));
            throw new LakeLabException(
                    ErrorCategory.CONFLICT,
                    "Version " + version + " is not the current agreement of '" + name.value() + "': the current"
                            + " version is " + current.version() + ". Read it (GET /api/v1/datasets/" + name.value()
                            + "/agreements) and accept that one.");
        }
        repository.accept(current.id(), lab.id(), user.username());
        audit.record(
                user.username(),
                "agreement.accept",
                resource,
                AuditService.Outcome.SUCCEEDED,
                Map.of("lab", labCode.value(), "version", version));
        return repository.find(dataset.id(), version).orElseThrow();
    }

    /** Refuses granting conditionally open data to a lab that has not accepted the current agreement. */
    @Override
    public void check(Lab lab, Dataset dataset) {
        if (dataset.kind() != DatasetKind.PUBLIC || dataset.openCategory() != OpenCategory.CONDITIONAL) {
            return;
        }
        String name = dataset.name().value();
        Agreement current = repository
                .current(dataset.id())
                .orElseThrow(() -> new LakeLabException(
                        ErrorCategory.CONFLICT,
                        "Dataset '" + name + "' is conditionally open (有条件开放) public data without a data-use"
                                + " agreement: publish one (POST /api/v1/datasets/" + name
                                + "/agreements) and have lab "
                                + lab.code().value() + " accept it before granting."));
        if (!repository.accepted(current.id(), lab.id())) {
            throw new LakeLabException(
                    ErrorCategory.CONFLICT,
                    "Dataset '" + name + "' is conditionally open (有条件开放) public data: lab "
                            + lab.code().value() + " has not accepted the current data-use agreement (version "
                            + current.version() + "). A lab engineer of the lab accepts it with POST"
                            + " /api/v1/datasets/" + name + "/agreements/" + current.version()
                            + "/accept {\"lab\": \"" + lab.code().value() + "\"}; then grant again.");
        }
    }
}
