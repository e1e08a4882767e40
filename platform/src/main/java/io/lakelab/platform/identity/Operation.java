package io.lakelab.platform.identity;

import static io.lakelab.platform.identity.Role.ANALYST;
import static io.lakelab.platform.identity.Role.LAB_ENGINEER;
import static io.lakelab.platform.identity.Role.PLATFORM_ADMIN;
import static io.lakelab.platform.identity.Role.REVIEWER;

import java.util.EnumSet;
import java.util.Set;

/**
 * Every operation the API offers, with the roles that may perform it. Platform administrators and
 * reviewers act across labs; for everyone else a lab-scoped operation also needs membership of
 * that lab. {@link Authorizer#authorizeOrThrow} is the one place this table is read.
 */
public enum Operation {
    CREATE_LAB("create labs", Scope.GLOBAL, PLATFORM_ADMIN),
    VIEW_LAB("view a lab", Scope.LAB, PLATFORM_ADMIN, REVIEWER, LAB_ENGINEER, ANALYST),
    LIST_LABS("list labs", Scope.GLOBAL, PLATFORM_ADMIN, REVIEWER, LAB_ENGINEER, ANALYST),
    REGISTER_DATASET("register datasets", Scope.GLOBAL, PLATFORM_ADMIN, LAB_ENGINEER),
    VIEW_CATALOG("search the catalog", Scope.GLOBAL, PLATFORM_ADMIN, REVIEWER, LAB_ENGINEER, ANALYST),
    VIEW_LAB_OUTPUTS(
            "see a lab's derived datasets (names, schemas, lineage)",
            Scope.LAB,
            PLATFORM_ADMIN,
            REVIEWER,
            LAB_ENGINEER,
            ANALYST),
    INGEST("ingest data into a dataset", Scope.LAB, PLATFORM_ADMIN, LAB_ENGINEER),
    INGEST_SERVER_PATH("ingest from a server-side path", Scope.GLOBAL, PLATFORM_ADMIN),
    GRANT("grant or revoke dataset access", Scope.GLOBAL, PLATFORM_ADMIN),
    VIEW_GRANTS("view a lab's grants", Scope.LAB, PLATFORM_ADMIN, REVIEWER, LAB_ENGINEER, ANALYST),
    SUBMIT_JOB("submit jobs", Scope.LAB, LAB_ENGINEER),
    VIEW_JOBS("view jobs and their logs", Scope.LAB, PLATFORM_ADMIN, REVIEWER, LAB_ENGINEER),
    CANCEL_JOB("cancel jobs", Scope.LAB, PLATFORM_ADMIN, LAB_ENGINEER),
    VIEW_LINEAGE("view lineage", Scope.GLOBAL, PLATFORM_ADMIN, REVIEWER, LAB_ENGINEER, ANALYST),
    DEFINE_INDICATOR("define indicators", Scope.LAB, PLATFORM_ADMIN, LAB_ENGINEER),
    VIEW_INDICATORS("view indicators", Scope.LAB, PLATFORM_ADMIN, REVIEWER, LAB_ENGINEER, ANALYST),
    REFRESH_INDICATORS("recompute indicators", Scope.LAB, PLATFORM_ADMIN, LAB_ENGINEER),
    REQUEST_ACCESS("request access to a dataset", Scope.LAB, LAB_ENGINEER),
    VIEW_ACCESS_REQUESTS("view access requests", Scope.LAB, PLATFORM_ADMIN, REVIEWER, LAB_ENGINEER, ANALYST),
    MANAGE_AGREEMENTS("publish data-use agreements", Scope.GLOBAL, PLATFORM_ADMIN),
    ACCEPT_AGREEMENT("accept a data-use agreement for a lab", Scope.LAB, LAB_ENGINEER),
    DOWNLOAD_POLICIES("download compiled access policies", Scope.GLOBAL, PLATFORM_ADMIN),
    VIEW_AUDIT("read the audit log", Scope.GLOBAL, PLATFORM_ADMIN),
    VIEW_MEMBERS("view a lab's members", Scope.LAB, PLATFORM_ADMIN, REVIEWER, LAB_ENGINEER, ANALYST),
    MANAGE_MEMBERS("add or remove lab members", Scope.LAB, PLATFORM_ADMIN),
    APPLY_FOR_LAB("apply for a joint innovation lab", Scope.GLOBAL, PLATFORM_ADMIN, LAB_ENGINEER),
    VIEW_APPLICATIONS("view lab applications", Scope.GLOBAL, PLATFORM_ADMIN, REVIEWER, LAB_ENGINEER),
    REVIEW_APPLICATION("record an expert opinion on a lab application", Scope.GLOBAL, PLATFORM_ADMIN, REVIEWER),
    DECIDE_APPLICATION("approve or reject lab applications", Scope.GLOBAL, PLATFORM_ADMIN),
    EVALUATE_LAB("evaluate a lab and record its outcome", Scope.GLOBAL, PLATFORM_ADMIN),
    ISSUE_REPORT("issue a lab's monthly report", Scope.LAB, PLATFORM_ADMIN, LAB_ENGINEER),
    VIEW_REPORTS(
            "read a lab's monthly reports and evaluation", Scope.LAB, PLATFORM_ADMIN, REVIEWER, LAB_ENGINEER, ANALYST),
    MANAGE_USERS("create and list users of the embedded issuer", Scope.GLOBAL, PLATFORM_ADMIN),
    VERIFY_AUDIT("verify the audit chain and sign checkpoints", Scope.GLOBAL, PLATFORM_ADMIN),
    EXPORT_AUDIT("export a month of the audit trail", Scope.GLOBAL, PLATFORM_ADMIN, REVIEWER),
    FREEZE("freeze a lab or a dataset in an emergency, or lift such a freeze", Scope.GLOBAL, PLATFORM_ADMIN),
    VIEW_INCIDENTS("view emergency freeze incidents", Scope.GLOBAL, PLATFORM_ADMIN, REVIEWER);

    /** Whether an operation concerns one lab (membership required) or the platform. */
    public enum Scope {
        GLOBAL,
        LAB
    }

    private final String description;
    private final Scope scope;
    private final Set<Role> roles;

    Operation(String description, Scope scope, Role first, Role... rest) {
        this.description = description;
        this.scope = scope;
        this.roles = EnumSet.of(first, rest);
    }

    public String description() {
        return description;
    }

    public Scope scope() {
        return scope;
    }

    public Set<Role> roles() {
        return roles;
    }
}
