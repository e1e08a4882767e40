package io.lakelab.platform.grant;

import io.lakelab.catalog.ColumnSpec;
import io.lakelab.catalog.DatasetKind;
import io.lakelab.catalog.DatasetName;
import io.lakelab.catalog.ErrorCategory;
import io.lakelab.catalog.LabCode;
import io.lakelab.catalog.LakeLabException;
import io.lakelab.catalog.OpenCategory;
import io.lakelab.catalog.TableRef;
import io.lakelab.catalog.policy.GrantSpec;
import io.lakelab.catalog.policy.MaskType;
import io.lakelab.catalog.policy.TagMasks;
import io.lakelab.platform.audit.AuditService;
import io.lakelab.platform.dataset.Dataset;
import io.lakelab.platform.dataset.DatasetService;
import io.lakelab.platform.identity.Authorizer;
import io.lakelab.platform.identity.CurrentUser;
import io.lakelab.platform.identity.Operation;
import io.lakelab.platform.lab.Lab;
import io.lakelab.platform.lab.LabService;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Grants: an administrator lets a lab read a dataset, possibly narrowed (columns, row filter,
 * masks, expiry), directly or by approving an access request; and may revoke it. Public data that
 * is not open (非开放) is never granted; other features add conditions through {@link GrantGate}s
 * (the data-use agreement of conditionally open data). Row filters and masks are validated against
 * the dataset's schema before a grant exists. Expired grants stop counting by time alone; every
 * decision is audited.
 */
@Service
public class GrantService {

    private final GrantRepository repository;
    private final LabService labs;
    private final DatasetService datasets;
    private final Authorizer authorizer;
    private final AuditService audit;
    private final List<GrantGate> gates;
    private final ApplicationEventPublisher events;
    private final TagMasks tagMasks;

    GrantService(
            GrantRepository repository,
            LabService labs,
            DatasetService datasets,
            Authorizer authorizer,
            AuditService audit,
            List<GrantGate> gates,
            ApplicationEventPublisher events,
            MaskingProperties masking) {
        this.repository = repository;
        this.labs = labs;
        this.datasets = datasets;
        this.authorizer = authorizer;
        this.audit = audit;
        this.gates = List.copyOf(gates);
        this.events = events;
        this.tagMasks = masking.tagMasks();
    }

    /** Grants the whole dataset until revoked. */
    @Transactional
    public Grant grant(CurrentUser user, LabCode labCode, DatasetName datasetName) {
        return grant(user, labCode, datasetName, GrantOptions.wholeDataset());
    }

    @Transactional
    public Grant grant(CurrentUser user, LabCode labCode, DatasetName datasetName, GrantOptions options) {
        authorizer.authorizeOrThrow(user, Operation.GRANT);
        Lab lab = labs.require(labCode);
        Dataset dataset = datasets.require(datasetName);
        String resource = "dataset:" + datasetName.value();
        TagMasks.Resolution masks;
        try {
            refuseNotOpen(dataset);
            if (lab.workspace().equals(dataset.table().namespace())) {
                throw LakeLabException.badRequest("Dataset '" + datasetName.value() + "' is in lab " + labCode.value()
                        + "'s own workspace, which the lab can always read: no grant is needed.");
            }
            validate(dataset, options);
            masks = resolveMasks(dataset, options);
            gates.forEach(g -> g.check(lab, dataset));
            if (repository.live(lab.id(), dataset.id()).isPresent()) {
                throw new LakeLabException(
                        ErrorCategory.CONFLICT,
                        "Lab " + labCode.value() + " already has an active grant for '" + datasetName.value()
                                + "': revoke it first (DELETE /api/v1/grants/{id}) to change what is granted.");
            }
        } catch (LakeLabException e) {
            audit.record(
                    user.username(),
                    "grant.create",
                    resource,
                    AuditService.Outcome.DENIED,
                    Map.of("lab", labCode.value(), "reason", e.getMessage()));
            throw e;
        }
        long id = repository.insert(
                lab.id(), dataset.id(), user.username(), options.withMasks(masks.masks()), masks.defaultMasks());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("lab", labCode.value());
        details.put("grantId", id);
        details.put("columns", options.columns());
        details.put("rowFilter", String.valueOf(options.rowFilter()));
        details.put("masks", masks.masks());
        if (!masks.defaults().isEmpty()) {
            Map<String, String> fromTags = new java.util.TreeMap<>();
            masks.defaults().forEach((column, d) -> fromTags.put(column, d.mask() + " (tag " + d.tag() + ")"));
            details.put("defaultMasks", fromTags);
        }
        if (!options.acknowledgeUnmasked().isEmpty()) {
            details.put("acknowledgedUnmasked", options.acknowledgeUnmasked());
        }
        details.put("expiresAt", String.valueOf(options.expiresAt()));
        if (options.requestId() != null) {
            details.put("requestId", options.requestId());
        }
        audit.record(user.username(), "grant.create", resource, AuditService.Outcome.SUCCEEDED, details);
        events.publishEvent(new GrantsChanged(id));
        return repository.find(id).orElseThrow();
    }

    /**
     * Refuses public data classified as not open (非开放), for requests as well as grants. The
     * caller audits.
     */
    public void refuseNotOpen(Dataset dataset) {
        if (dataset.kind() == DatasetKind.PUBLIC && dataset.openCategory() == OpenCategory.NOT_OPEN) {
            throw new LakeLabException(
                    ErrorCategory.BAD_REQUEST,
                    "Dataset '" + dataset.name().value() + "' is public data classified as not open (非开放): it"
                            + " cannot be granted to any lab. Only unconditionally or conditionally open data can be"
                            + " granted.");
        }
    }

    /** Checks columns, masks and row filter against the dataset's schema; throws BAD_REQUEST. */
    public void validate(Dataset dataset, GrantOptions options) {
        Set<String> known = new HashSet<>(dataset.schema().columnNames());
        String name = dataset.name().value();
        for (String column : options.columns()) {
            if (!known.contains(column)) {
                throw LakeLabException.badRequest("Column '" + column + "' is not a column of '" + name + "' (columns: "
                        + String.join(", ", dataset.schema().columnNames()) + ").");
            }
        }
        for (Map.Entry<String, MaskType> mask : options.masks().entrySet()) {
            ColumnSpec column = dataset.schema()
                    .column(mask.getKey())
                    .orElseThrow(() -> LakeLabException.badRequest(
                            "Mask on '" + mask.getKey() + "' is refused: it is not a column of '" + name + "'."));
            if (mask.getValue() == null) {
                throw LakeLabException.badRequest(
                        "Mask on '" + mask.getKey() + "' has no type: use one of " + List.of(MaskType.values()) + ".");
            }
            if (!mask.getValue().appliesTo(column.type())) {
                throw LakeLabException.badRequest("Mask " + mask.getValue() + " on column '" + column.name()
                        + "' (type " + column.type() + ") is refused: masks that fit a " + column.type()
                        + " column are " + MaskType.fitting(column.type()) + ".");
            }
            if (!options.columns().isEmpty() && !options.columns().contains(column.name())) {
                throw LakeLabException.badRequest(
                        "Mask on '" + column.name() + "' is refused: the column is not among the granted columns.");
            }
        }
        if (options.rowFilter() != null) {
            RowFilterValidator.validate(options.rowFilter(), dataset.schema());
        }
        if (options.expiresAt() != null && !options.expiresAt().isAfter(Instant.now())) {
            throw LakeLabException.badRequest(
                    "The expiry " + options.expiresAt() + " is not in the future: give a later expiresAt or days.");
        }
    }

    /**
     * The masks a grant ends with: the explicit ones plus tag defaults ({@link TagMasks}) on granted
     * columns that have none and are not acknowledged unmasked. Throws BAD_REQUEST for a wrong
     * acknowledgement and CONFLICT when a sensitive column would be granted in clear unacknowledged,
     * naming each such column and the masks that fit it.
     */
    TagMasks.Resolution resolveMasks(Dataset dataset, GrantOptions options) {
        String name = dataset.name().value();
        List<ColumnSpec> granted = options.columns().isEmpty()
                ? dataset.schema().columns()
                : options.columns().stream()
                        .map(c -> dataset.schema().column(c).orElseThrow())
                        .toList();
        for (String column : options.acknowledgeUnmasked()) {
            ColumnSpec c = dataset.schema()
                    .column(column)
                    .orElseThrow(() -> LakeLabException.badRequest(
                            "acknowledgeUnmasked names '" + column + "', which is not a column of '" + name + "'."));
            if (!granted.contains(c)) {
                throw LakeLabException.badRequest("acknowledgeUnmasked names '" + column
                        + "', which is not among the granted columns: drop it or grant the column.");
            }
            if (options.masks().containsKey(column)) {
                throw LakeLabException.badRequest("Column '" + column + "' is both masked ("
                        + options.masks().get(column) + ") and acknowledged unmasked: drop one of the two.");
            }
            if (tagMasks.sensitiveTagsOf(c.tags()).isEmpty()
                    && tagMasks.defaultFor(c.type(), c.tags()).isEmpty()) {
                throw LakeLabException.badRequest("Column '" + column + "' has no sensitive tag " + c.tags()
                        + " and no default mask: there is nothing to acknowledge, drop it from acknowledgeUnmasked.");
            }
        }
        TagMasks.Resolution resolution = tagMasks.resolve(
                granted.stream()
                        .map(c -> new TagMasks.Column(c.name(), c.type(), c.tags()))
                        .toList(),
                options.masks(),
                options.acknowledgeUnmasked());
        if (!resolution.unacknowledged().isEmpty()) {
            List<String> described = resolution.unacknowledged().stream()
                    .map(c -> "'" + c.name() + "' (tags " + tagMasks.sensitiveTagsOf(c.tags()) + ", type " + c.type()
                            + "; masks that fit: " + MaskType.fitting(c.type()) + ")")
                    .toList();
            List<String> names = resolution.unacknowledged().stream()
                    .map(c -> "\"" + c.name() + "\"")
                    .toList();
            throw new LakeLabException(
                    ErrorCategory.CONFLICT,
                    "Sensitive columns of '" + name + "' would be granted unmasked: " + String.join(", ", described)
                            + ". Give each a mask in 'masks', or acknowledge granting them in clear with"
                            + " \"acknowledgeUnmasked\": " + names + " (the acknowledgement is audited).");
        }
        return resolution;
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
        events.publishEvent(new GrantsChanged(grantId));
        return repository.find(grantId).orElseThrow();
    }

    /** The lab's active grants, or all of them (revoked and expired too). */
    public List<Grant> list(CurrentUser user, LabCode labCode, boolean includeInactive) {
        authorizer.authorizeOrThrow(user, Operation.VIEW_GRANTS, labCode);
        return repository.forLab(labs.require(labCode).id(), includeInactive);
    }

    /** Tables outside its workspace that the lab's jobs may read now: neither revoked nor expired. */
    public Set<TableRef> readableTables(LabCode labCode) {
        return repository.forLab(labs.require(labCode).id(), false).stream()
                .filter(Grant::active)
                .map(g -> TableRef.parse(g.table()))
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Every grant that is not revoked, as the policy compiler takes it. Expired grants are included:
     * their policies carry the expiry, so engines stop honouring them by time alone.
     */
    public List<GrantSpec> policySpecs() {
        return repository.notRevoked().stream()
                .map(g -> new GrantSpec(
                        g.id(),
                        g.lab(),
                        TableRef.parse(g.table()),
                        Set.copyOf(g.columns()),
                        g.rowFilter(),
                        g.masks(),
                        g.expiresAt(),
                        g.purpose()))
                .toList();
    }
}
