package io.lakelab.platform.dataset;

import io.lakelab.catalog.DatasetKind;
import io.lakelab.catalog.DatasetName;
import io.lakelab.catalog.DatasetSchema;
import io.lakelab.catalog.ErrorCategory;
import io.lakelab.catalog.Grade;
import io.lakelab.catalog.LabCode;
import io.lakelab.catalog.LakeLabException;
import io.lakelab.catalog.OpenCategory;
import io.lakelab.catalog.TableRef;
import io.lakelab.catalog.Workspaces;
import io.lakelab.catalog.iceberg.QualityChecks;
import io.lakelab.platform.audit.AuditService;
import io.lakelab.platform.identity.Authorizer;
import io.lakelab.platform.identity.CurrentUser;
import io.lakelab.platform.identity.Operation;
import io.lakelab.platform.identity.Role;
import io.lakelab.platform.lab.Lab;
import io.lakelab.platform.lab.LabService;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The dataset catalog: registration of public and social source datasets (each gets an empty
 * Iceberg table in the {@code datasets} namespace with the declared schema), search, and the
 * registration of derived datasets that jobs write into lab workspaces. Reads show a caller only
 * what it may see ({@link #visibleTo}): another lab's derived datasets are answered as unknown.
 */
@Service
public class DatasetService {

    private final DatasetRepository repository;
    private final LabService labs;
    private final Authorizer authorizer;
    private final AuditService audit;
    private final Catalog catalog;
    private final GrantedDatasets grants;

    DatasetService(
            DatasetRepository repository,
            LabService labs,
            Authorizer authorizer,
            AuditService audit,
            Catalog catalog,
            GrantedDatasets grants) {
        this.repository = repository;
        this.labs = labs;
        this.authorizer = authorizer;
        this.audit = audit;
        this.catalog = catalog;
        this.grants = grants;
    }

    @Transactional
    public Dataset register(CurrentUser user, RegisterDatasetRequest request) {
        authorizer.authorizeOrThrow(user, Operation.REGISTER_DATASET);
        DatasetName name = new DatasetName(request.name());
        if (name.value().contains(DERIVED_SEPARATOR)) {
            // Checked before the duplicate check: a 409 would confirm that another lab's output exists.
            throw LakeLabException.badRequest("Dataset names containing '" + DERIVED_SEPARATOR + "' are reserved for"
                    + " lab outputs (<lab>" + DERIVED_SEPARATOR + "<table>), which the platform registers itself:"
                    + " choose a name without '" + DERIVED_SEPARATOR + "', e.g. '"
                    + name.value().replace(DERIVED_SEPARATOR, "_") + "'.");
        }
        validateCategory(request.kind(), request.openCategory(), name);
        Long ownerLabId = null;
        if (request.lab() != null && !request.lab().isBlank()) {
            LabCode code = new LabCode(request.lab());
            if (!user.has(Role.PLATFORM_ADMIN) && !user.memberOf(code)) {
                throw new LakeLabException(
                        ErrorCategory.FORBIDDEN,
                        "You may register datasets only for labs you are a member of, not '" + code.value() + "'.");
            }
            ownerLabId = labs.require(code).id();
        } else if (!user.has(Role.PLATFORM_ADMIN)) {
            throw LakeLabException.badRequest(
                    "Name the lab that provides this dataset in 'lab': its engineers will be the ones who may"
                            + " ingest data into it.");
        }
        if (repository.find(name).isPresent()) {
            throw new LakeLabException(
                    ErrorCategory.CONFLICT,
                    "A dataset named '" + name.value() + "' is already registered: choose another name.");
        }
        DatasetSchema schema = new DatasetSchema(
                request.columns(),
                request.primaryKey(),
                request.qualityRules(),
                Boolean.TRUE.equals(request.trimStrings()));
        QualityChecks.validate(schema);
        TableRef table = new TableRef(Workspaces.SOURCE_NAMESPACE, name.value());
        long id = repository.insert(new DatasetRepository.NewDataset(
                name,
                request.titleZh(),
                request.titleEn(),
                request.description(),
                request.kind(),
                request.provider(),
                request.openCategory(),
                request.grade(),
                request.tags() == null ? List.of() : List.copyOf(request.tags()),
                schema,
                table,
                ownerLabId,
                user.username()));
        TableIdentifier identifier = TableIdentifier.of(Namespace.of(table.namespace()), table.name());
        if (!catalog.tableExists(identifier)) {
            catalog.createTable(identifier, schema.toIcebergSchema());
        }
        audit.record(
                user.username(),
                "dataset.register",
                "dataset:" + name.value(),
                AuditService.Outcome.SUCCEEDED,
                Map.of("kind", request.kind().name(), "grade", request.grade().name(), "table", table.qualified()));
        return repository.findById(id).orElseThrow();
    }

    private static void validateCategory(DatasetKind kind, OpenCategory category, DatasetName name) {
        switch (kind) {
            case PUBLIC -> {
                if (category == null) {
                    throw LakeLabException.badRequest("Public dataset '" + name.value()
                            + "' needs an openCategory: UNCONDITIONAL, CONDITIONAL or NOT_OPEN"
                            + " (《上海市公共数据开放暂行办法》).");
                }
            }
            case SOCIAL -> {
                if (category != null) {
                    throw LakeLabException.badRequest("Social dataset '" + name.value()
                            + "' must not have an openCategory: open categories apply to public data only.");
                }
            }
            case DERIVED ->
                throw LakeLabException.badRequest("Derived datasets are registered by the jobs that"
                        + " produce them; register only PUBLIC or SOCIAL datasets.");
        }
    }

    /** The catalog entries matching the query that the caller may see (see {@link #visibleTo}). */
    public List<Dataset> search(CurrentUser user, DatasetQuery query) {
        authorizer.authorizeOrThrow(user, Operation.VIEW_CATALOG);
        Visibility visibility = new Visibility(user);
        return repository.search(query).stream().filter(visibility::sees).toList();
    }

    public Dataset get(CurrentUser user, DatasetName name) {
        authorizer.authorizeOrThrow(user, Operation.VIEW_CATALOG);
        return requireVisible(user, name);
    }

    /** The dataset with this name, for features that already authorized their caller. */
    public Dataset require(DatasetName name) {
        return repository.find(name).orElseThrow(() -> notFound(name));
    }

    /**
     * The dataset with this name if the caller may see it; otherwise the very answer an unknown
     * name gets (404, same message), so that nobody learns another lab's output exists. Features
     * that look a dataset up by a name their caller gave use this instead of {@link #require}.
     */
    public Dataset requireVisible(CurrentUser user, DatasetName name) {
        Optional<Dataset> found = repository.find(name);
        if (found.isPresent() && !visibleTo(user, found.get())) {
            audit.record(
                    user.username(),
                    "dataset.view",
                    "dataset:" + name.value(),
                    AuditService.Outcome.DENIED,
                    Map.of(
                            "reason",
                            "derived dataset of another lab, not granted to the caller's labs",
                            "answered",
                            "not found"));
            throw notFound(name);
        }
        return found.orElseThrow(() -> notFound(name));
    }

    /** The dataset held in this table, if there is one and the caller may see it. */
    public Optional<Dataset> findVisibleByTable(CurrentUser user, TableRef table) {
        return repository.findByTable(table).filter(d -> visibleTo(user, d));
    }

    /**
     * Whether the caller may know the dataset exists and read its catalog entry. Registered
     * sources (PUBLIC, SOCIAL) are visible to every catalog user. A DERIVED dataset is a lab's work:
     * visible to whoever may see that lab's outputs ({@link Operation#VIEW_LAB_OUTPUTS}: its
     * members, administrators and reviewers) and to members of labs it is granted to (an active
     * grant); to nobody else.
     */
    public boolean visibleTo(CurrentUser user, Dataset dataset) {
        return new Visibility(user).sees(dataset);
    }

    /** Whether the caller may see the derived datasets of a lab (its workspace's tables). */
    public boolean seesOutputsOf(CurrentUser user, LabCode lab) {
        return authorizer.allows(user, Operation.VIEW_LAB_OUTPUTS, lab);
    }

    private static LakeLabException notFound(DatasetName name) {
        return new LakeLabException(
                ErrorCategory.NOT_FOUND,
                "No dataset named '" + name.value() + "': search the catalog with GET /api/v1/datasets.");
    }

    /** One caller's view of the catalog; the grants of the caller's labs are read once, when first needed. */
    private final class Visibility {
        private final CurrentUser user;
        private Set<DatasetName> granted;

        Visibility(CurrentUser user) {
            this.user = user;
        }

        boolean sees(Dataset d) {
            if (d.kind() != DatasetKind.DERIVED) {
                return true;
            }
            if (d.ownerLab() == null) {
                return user.has(Role.PLATFORM_ADMIN);
            }
            if (seesOutputsOf(user, d.ownerLab())) {
                return true;
            }
            if (granted == null) {
                granted = user.labs().stream()
                        .flatMap(lab -> grants.grantedTo(lab).stream())
                        .collect(Collectors.toUnmodifiableSet());
            }
            return granted.contains(d.name());
        }
    }

    public Optional<Dataset> findByTable(TableRef table) {
        return repository.findByTable(table);
    }

    public Dataset requireById(long id) {
        return repository.findById(id).orElseThrow();
    }

    void recordData(Dataset dataset, long rowCount, long snapshotId) {
        repository.updateData(dataset.id(), rowCount, snapshotId);
    }

    /**
     * Registers (or updates) a table a job wrote into a lab's workspace as a DERIVED dataset owned
     * by the lab. Its grade is the highest grade of its inputs (就高从严) and never drops below what
     * it was, unless an administrator reassesses it.
     */
    @Transactional
    public Dataset registerDerived(
            LabCode lab,
            TableRef table,
            DatasetSchema schema,
            Grade grade,
            long rowCount,
            long snapshotId,
            String runId) {
        Optional<Dataset> existing = repository.findByTable(table);
        if (existing.isPresent()) {
            Dataset d = existing.get();
            Grade kept = Grade.highest(List.of(d.grade(), grade));
            repository.updateDerived(d.id(), schema, kept, rowCount, snapshotId);
            return repository.findById(d.id()).orElseThrow();
        }
        Lab owner = labs.require(lab);
        String datasetName = derivedName(lab, table);
        long id = repository.insert(new DatasetRepository.NewDataset(
                new DatasetName(datasetName),
                table.name(),
                table.name(),
                "Derived by job run " + runId + " in lab " + lab.value(),
                DatasetKind.DERIVED,
                owner.nameEn(),
                null,
                grade,
                List.of("derived"),
                schema,
                table,
                owner.id(),
                "job:" + runId));
        repository.updateData(id, rowCount, snapshotId);
        return repository.findById(id).orElseThrow();
    }

    /** Derived dataset names are prefixed with the lab code so two labs' outputs never collide. */
    /** Joins a lab's code and its table's name into the name of a DERIVED dataset. */
    static final String DERIVED_SEPARATOR = "__";

    static String derivedName(LabCode lab, TableRef table) {
        String name = lab.value() + DERIVED_SEPARATOR + table.name();
        return name.length() > 63 ? name.substring(0, 63) : name;
    }
}
