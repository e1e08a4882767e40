package io.lakelab.platform.lab;

import io.lakelab.catalog.ErrorCategory;
import io.lakelab.catalog.LabCode;
import io.lakelab.catalog.LakeLabException;
import io.lakelab.catalog.Workspaces;
import io.lakelab.catalog.iceberg.IcebergCatalogs;
import io.lakelab.platform.audit.AuditService;
import io.lakelab.platform.identity.Authorizer;
import io.lakelab.platform.identity.CurrentUser;
import io.lakelab.platform.identity.Operation;
import io.lakelab.platform.identity.Role;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.catalog.Catalog;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Labs: creation (which provisions the lab's workspace namespace in the Iceberg catalog) and
 * lookup. Members see their own labs; administrators and reviewers see all.
 */
@Service
public class LabService {

    private final LabRepository repository;
    private final Authorizer authorizer;
    private final AuditService audit;
    private final Catalog catalog;
    private final ApplicationEventPublisher events;

    LabService(
            LabRepository repository,
            Authorizer authorizer,
            AuditService audit,
            Catalog catalog,
            ApplicationEventPublisher events) {
        this.repository = repository;
        this.authorizer = authorizer;
        this.audit = audit;
        this.catalog = catalog;
        this.events = events;
    }

    @Transactional
    public Lab create(CurrentUser user, CreateLabRequest request) {
        authorizer.authorizeOrThrow(user, Operation.CREATE_LAB);
        LabCode code = new LabCode(request.code());
        if (repository.exists(code)) {
            throw new LakeLabException(
                    ErrorCategory.CONFLICT,
                    "A lab with code '" + code.value() + "' already exists: choose another code.");
        }
        String workspace = Workspaces.of(code);
        long id = repository.insert(request, code, workspace, user.username());
        IcebergCatalogs.ensureNamespace(catalog, workspace);
        // Listeners provision the lab elsewhere (its Keycloak group); their failure rolls this back.
        events.publishEvent(new LabCreated(code, user.username()));
        audit.record(
                user.username(),
                "lab.create",
                "lab:" + code.value(),
                AuditService.Outcome.SUCCEEDED,
                Map.of("workspace", workspace, "direction", request.direction().name()));
        return repository.findById(id).orElseThrow();
    }

    public List<Lab> list(CurrentUser user) {
        authorizer.authorizeOrThrow(user, Operation.LIST_LABS);
        boolean seesAll = user.has(Role.PLATFORM_ADMIN) || user.has(Role.REVIEWER);
        return repository.findAll().stream()
                .filter(lab -> seesAll || user.memberOf(lab.code()))
                .toList();
    }

    public Lab get(CurrentUser user, LabCode code) {
        authorizer.authorizeOrThrow(user, Operation.VIEW_LAB, code);
        return require(code);
    }

    /** The lab with this code, for other features that already authorized their caller. */
    public Lab require(LabCode code) {
        return repository
                .find(code)
                .orElseThrow(() -> new LakeLabException(
                        ErrorCategory.NOT_FOUND,
                        "No lab with code '" + code.value() + "': check the code (GET /api/v1/labs lists yours)."));
    }

    /**
     * The lab, if its workspace takes new work; a conflict naming when, by whom and why it was
     * frozen otherwise. Features that start work in a lab (jobs, indicator refreshes) call this
     * after authorizing.
     */
    public Lab requireActive(LabCode code) {
        Lab lab = require(code);
        if (lab.status() == LabStatus.FROZEN) {
            throw new LakeLabException(
                    ErrorCategory.CONFLICT,
                    "Lab " + code.value() + " is frozen: its workspace " + lab.workspace()
                            + " is read-only and archived since " + lab.frozenAt() + " (by " + lab.frozenBy()
                            + ": " + lab.frozenReason() + "). No new jobs run in it; its data and reports are kept"
                            + " and can still be read.");
        }
        return lab;
    }

    /**
     * Freezes the lab's workspace (read-only, archived, nothing deleted). Only the programme office
     * freezes labs: the caller must be allowed to evaluate labs. Idempotent.
     */
    @Transactional
    public Lab freeze(CurrentUser user, LabCode code, String reason) {
        authorizer.authorizeOrThrow(user, Operation.EVALUATE_LAB);
        require(code);
        if (repository.freeze(code, user.username(), reason)) {
            audit.record(
                    user.username(),
                    "lab.freeze",
                    "lab:" + code.value(),
                    AuditService.Outcome.SUCCEEDED,
                    Map.of("reason", reason));
        }
        return require(code);
    }

    public Lab requireById(long id) {
        return repository.findById(id).orElseThrow();
    }
}
