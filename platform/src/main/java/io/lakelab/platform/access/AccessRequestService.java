package io.lakelab.platform.access;

import io.lakelab.catalog.DatasetName;
import io.lakelab.catalog.ErrorCategory;
import io.lakelab.catalog.LabCode;
import io.lakelab.catalog.LakeLabException;
import io.lakelab.catalog.policy.MaskType;
import io.lakelab.platform.audit.AuditService;
import io.lakelab.platform.dataset.Dataset;
import io.lakelab.platform.dataset.DatasetService;
import io.lakelab.platform.grant.Grant;
import io.lakelab.platform.grant.GrantOptions;
import io.lakelab.platform.grant.GrantService;
import io.lakelab.platform.grant.RowFilterPreview;
import io.lakelab.platform.grant.RowFilterPreviews;
import io.lakelab.platform.identity.Authorizer;
import io.lakelab.platform.identity.CurrentUser;
import io.lakelab.platform.identity.Operation;
import io.lakelab.platform.identity.Role;
import io.lakelab.platform.incident.Freezes;
import io.lakelab.platform.lab.Lab;
import io.lakelab.platform.lab.LabService;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The access workflow: a lab engineer requests a dataset for a purpose, columns and a number of
 * days; an administrator approves, possibly narrowing it (fewer columns, a row filter, masks, an
 * earlier expiry, never more than asked), which creates the grant, or rejects it with a reason.
 * Not-open public data is refused at the request already. Every step is audited.
 */
@Service
public class AccessRequestService {

    static final int MAX_DAYS = 3660;

    private final AccessRequestRepository repository;
    private final GrantService grants;
    private final RowFilterPreviews previews;
    private final LabService labs;
    private final DatasetService datasets;
    private final Authorizer authorizer;
    private final AuditService audit;

    private final Freezes freezes;

    AccessRequestService(
            AccessRequestRepository repository,
            GrantService grants,
            RowFilterPreviews previews,
            LabService labs,
            DatasetService datasets,
            Authorizer authorizer,
            AuditService audit,
            Freezes freezes) {
        this.freezes = freezes;
        this.repository = repository;
        this.grants = grants;
        this.previews = previews;
        this.labs = labs;
        this.datasets = datasets;
        this.authorizer = authorizer;
        this.audit = audit;
    }

    /**
     * What an administrator approves: null fields keep what was requested; {@code acknowledgeUnmasked}
     * names sensitive (e.g. PII) columns granted in clear on purpose.
     */
    public record Approval(
            List<String> columns,
            String rowFilter,
            Map<String, MaskType> masks,
            Instant expiresAt,
            Integer days,
            List<String> acknowledgeUnmasked) {

        /** An approval without acknowledgements. */
        public Approval(
                List<String> columns, String rowFilter, Map<String, MaskType> masks, Instant expiresAt, Integer days) {
            this(columns, rowFilter, masks, expiresAt, days, List.of());
        }
    }

    @Transactional
    public AccessRequest request(
            CurrentUser user, LabCode labCode, DatasetName name, String purpose, List<String> columns, int days) {
        authorizer.authorizeOrThrow(user, Operation.REQUEST_ACCESS, labCode);
        Lab lab = labs.require(labCode);
        Dataset dataset = datasets.requireVisible(user, name);
        List<String> wanted = columns == null ? List.of() : List.copyOf(new java.util.LinkedHashSet<>(columns));
        try {
            freezes.requireDatasetNotFrozen(name, "requesting access to it");
            grants.refuseNotOpen(dataset);
            if (purpose == null || purpose.isBlank()) {
                throw LakeLabException.badRequest("Say what the data is for in 'purpose': administrators decide"
                        + " on it and it is kept with the grant.");
            }
            if (days <= 0 || days > MAX_DAYS) {
                throw LakeLabException.badRequest(
                        "days must be between 1 and " + MAX_DAYS + ", not " + days + ": ask for the time you need.");
            }
            if (lab.workspace().equals(dataset.table().namespace())) {
                throw LakeLabException.badRequest("Dataset '" + name.value() + "' is in lab " + labCode.value()
                        + "'s own workspace, which the lab can always read: no request is needed.");
            }
            grants.validate(dataset, new GrantOptions(wanted, null, Map.of(), null, purpose, null));
        } catch (LakeLabException e) {
            audit.record(
                    user.username(),
                    "access.request",
                    "dataset:" + name.value(),
                    AuditService.Outcome.DENIED,
                    Map.of("lab", labCode.value(), "reason", e.getMessage()));
            throw e;
        }
        long id = repository.insert(lab.id(), dataset.id(), purpose.strip(), wanted, days, user.username());
        audit.record(
                user.username(),
                "access.request",
                "dataset:" + name.value(),
                AuditService.Outcome.SUCCEEDED,
                Map.of("lab", labCode.value(), "requestId", id, "columns", wanted, "days", days));
        return repository.find(id).orElseThrow();
    }

    /** Requests of a lab (members, administrators, reviewers) or of all labs (administrators, reviewers). */
    public List<AccessRequest> list(CurrentUser user, LabCode lab, AccessRequest.State state) {
        authorizer.authorizeOrThrow(user, Operation.VIEW_ACCESS_REQUESTS, lab);
        boolean seesAll = user.has(Role.PLATFORM_ADMIN) || user.has(Role.REVIEWER);
        return repository.search(lab == null ? null : lab.value(), state == null ? null : state.name()).stream()
                .filter(r -> seesAll || user.memberOf(r.lab()))
                .toList();
    }

    /** One request; another lab's request is answered as unknown (404), like an id that does not exist. */
    public AccessRequest get(CurrentUser user, long id) {
        java.util.Optional<AccessRequest> request = repository.find(id);
        authorizer.authorizeOrHide(
                user,
                Operation.VIEW_ACCESS_REQUESTS,
                request.map(AccessRequest::lab).orElse(null),
                () -> new LakeLabException(
                        ErrorCategory.NOT_FOUND,
                        "No access request with id " + id + ": list them with GET /api/v1/access-requests."));
        return request.orElseThrow();
    }

    @Transactional
    public AccessRequest approve(CurrentUser user, long id, Approval approval) {
        authorizer.authorizeOrThrow(user, Operation.GRANT);
        AccessRequest request = pending(user, id, "access.approve");
        GrantOptions options;
        try {
            options = narrowed(request, approval == null ? new Approval(null, null, null, null, null) : approval);
        } catch (LakeLabException e) {
            audit.record(
                    user.username(),
                    "access.approve",
                    "access-request:" + id,
                    AuditService.Outcome.DENIED,
                    Map.of("lab", request.lab().value(), "reason", e.getMessage()));
            throw e;
        }
        Grant grant = grants.grant(user, request.lab(), new DatasetName(request.dataset()), options);
        repository.decide(id, AccessRequest.State.APPROVED, user.username(), null, grant.id());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("lab", request.lab().value());
        details.put("grantId", grant.id());
        details.put("dataset", request.dataset());
        if (!options.acknowledgeUnmasked().isEmpty()) {
            details.put("acknowledgedUnmasked", options.acknowledgeUnmasked());
        }
        audit.record(
                user.username(), "access.approve", "access-request:" + id, AuditService.Outcome.SUCCEEDED, details);
        return repository.find(id).orElseThrow();
    }

    /**
     * How many rows of the request's dataset the row filter keeps, with the columns an approval would
     * give (checked to narrow the request); nothing is decided.
     */
    public RowFilterPreview preview(CurrentUser user, long id, String rowFilter, List<String> columns) {
        authorizer.authorizeOrThrow(user, Operation.GRANT);
        AccessRequest request = require(id);
        GrantOptions options = narrowed(request, new Approval(columns, rowFilter, null, null, null));
        return previews.preview(user, new DatasetName(request.dataset()), options);
    }

    @Transactional
    public AccessRequest reject(CurrentUser user, long id, String reason) {
        authorizer.authorizeOrThrow(user, Operation.GRANT);
        if (reason == null || reason.isBlank()) {
            throw LakeLabException.badRequest(
                    "Give the lab a reason for the rejection in 'reason', so it knows what to change.");
        }
        AccessRequest request = pending(user, id, "access.reject");
        repository.decide(id, AccessRequest.State.REJECTED, user.username(), reason.strip(), null);
        audit.record(
                user.username(),
                "access.reject",
                "access-request:" + id,
                AuditService.Outcome.SUCCEEDED,
                Map.of("lab", request.lab().value(), "dataset", request.dataset(), "reason", reason.strip()));
        return repository.find(id).orElseThrow();
    }

    private AccessRequest require(long id) {
        return repository
                .find(id)
                .orElseThrow(() -> new LakeLabException(
                        ErrorCategory.NOT_FOUND,
                        "No access request with id " + id + ": list them with GET /api/v1/access-requests."));
    }

    private AccessRequest pending(CurrentUser user, long id, String action) {
        AccessRequest request = require(id);
        if (request.state() != AccessRequest.State.PENDING) {
            audit.record(
                    user.username(),
                    action,
                    "access-request:" + id,
                    AuditService.Outcome.DENIED,
                    Map.of("reason", "already " + request.state()));
            throw new LakeLabException(
                    ErrorCategory.CONFLICT,
                    "Access request " + id + " was already "
                            + request.state().name().toLowerCase() + " by " + request.decidedBy()
                            + ": the lab files a new request to change it.");
        }
        return request;
    }

    /** The grant options of an approval, which may narrow the request but never widen it. */
    static GrantOptions narrowed(AccessRequest request, Approval approval) {
        List<String> columns = approval.columns() == null ? request.columns() : List.copyOf(approval.columns());
        if (!request.columns().isEmpty()) {
            if (columns.isEmpty() || !new HashSet<>(request.columns()).containsAll(columns)) {
                throw LakeLabException.badRequest("Approved columns " + columns + " are not a subset of the"
                        + " requested columns " + request.columns() + ": an approval may only narrow a request.");
            }
        }
        Instant latest = Instant.now().plus(Duration.ofDays(request.days()));
        Instant expiry;
        if (approval.expiresAt() != null && approval.days() != null) {
            throw LakeLabException.badRequest("Give either expiresAt or days, not both.");
        } else if (approval.days() != null) {
            if (approval.days() <= 0 || approval.days() > request.days()) {
                throw LakeLabException.badRequest("Approved days " + approval.days() + " must be between 1 and the"
                        + " requested " + request.days() + ": an approval may only shorten a request.");
            }
            expiry = Instant.now().plus(Duration.ofDays(approval.days()));
        } else if (approval.expiresAt() != null) {
            if (approval.expiresAt().isAfter(latest)) {
                throw LakeLabException.badRequest("Expiry " + approval.expiresAt() + " is later than requested ("
                        + request.days() + " days, until " + latest + "): an approval may only shorten a request.");
            }
            expiry = approval.expiresAt();
        } else {
            expiry = latest;
        }
        return new GrantOptions(
                columns,
                approval.rowFilter(),
                approval.masks(),
                expiry,
                request.purpose(),
                request.id(),
                approval.acknowledgeUnmasked());
    }
}
