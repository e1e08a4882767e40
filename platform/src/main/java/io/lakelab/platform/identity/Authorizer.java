package io.lakelab.platform.identity;

import io.lakelab.catalog.ErrorCategory;
import io.lakelab.catalog.LabCode;
import io.lakelab.catalog.LakeLabException;
import io.lakelab.platform.audit.AuditService;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Decides whether a caller may perform an {@link Operation}: deny by default, one method, every
 * denial audited. Platform administrators and reviewers act across labs; others only in labs they
 * are members of.
 */
@Component
public class Authorizer {

    private final AuditService audit;
    private final ObjectProvider<OperationGuard> guards;

    public Authorizer(AuditService audit, ObjectProvider<OperationGuard> guards) {
        this.audit = audit;
        this.guards = guards;
    }

    public void authorizeOrThrow(CurrentUser user, Operation operation) {
        if (operation.scope() == Operation.Scope.LAB) {
            throw new IllegalArgumentException(operation + " is lab-scoped: pass the lab");
        }
        check(user, operation, null);
    }

    public void authorizeOrThrow(CurrentUser user, Operation operation, LabCode lab) {
        check(user, operation, lab);
        // Looked up per call: guards depend on features that themselves depend on this authorizer.
        List<OperationGuard> active = guards.orderedStream().toList();
        for (OperationGuard guard : active) {
            guard.check(user, operation, lab);
        }
    }

    /**
     * Authorizes an operation on a lab's resource that the caller may not know exists (a job run,
     * an access request): without the operation's role the caller gets the usual 403; with the role
     * but outside the lab (or when {@code lab} is null because nothing was found) the caller gets
     * {@code notFound}, the same answer as for a resource that does not exist, so neither the status
     * nor the message confirms that it exists or names its lab. Denials are audited as usual.
     */
    public void authorizeOrHide(
            CurrentUser user, Operation operation, LabCode lab, Supplier<? extends LakeLabException> notFound) {
        if (reasonToDeny(user, operation, null) != null) {
            check(user, operation, null);
        }
        if (lab == null) {
            throw notFound.get();
        }
        String reason = reasonToDeny(user, operation, lab);
        if (reason != null) {
            audit.record(
                    user.username(),
                    "authz." + operation.name().toLowerCase(),
                    "lab:" + lab.value(),
                    AuditService.Outcome.DENIED,
                    Map.of("reason", reason, "answered", "not found"));
            throw notFound.get();
        }
        // A member's request is then checked like any other (a frozen lab's guards included).
        authorizeOrThrow(user, operation, lab);
    }

    /** Whether the user may perform the operation, without auditing or throwing. */
    public boolean allows(CurrentUser user, Operation operation, LabCode lab) {
        return reasonToDeny(user, operation, lab) == null;
    }

    private void check(CurrentUser user, Operation operation, LabCode lab) {
        String reason = reasonToDeny(user, operation, lab);
        if (reason != null) {
            audit.record(
                    user.username(),
                    "authz." + operation.name().toLowerCase(),
                    lab == null ? "platform" : "lab:" + lab.value(),
                    AuditService.Outcome.DENIED,
                    Map.of("reason", reason));
            throw new LakeLabException(ErrorCategory.FORBIDDEN, reason);
        }
    }

    private static String reasonToDeny(CurrentUser user, Operation operation, LabCode lab) {
        boolean hasRole = operation.roles().stream().anyMatch(user::has);
        if (!hasRole) {
            return "User " + user.describe() + " may not " + operation.description() + ": this needs one of the roles "
                    + operation.roles().stream().map(Role::claimValue).collect(Collectors.joining(", "))
                    + ". Ask a platform administrator for the role if you need it.";
        }
        if (operation.scope() == Operation.Scope.LAB && lab != null) {
            // Administrators and reviewers act across labs, but only through the roles the operation names.
            boolean actsAcrossLabs = Stream.of(Role.PLATFORM_ADMIN, Role.REVIEWER)
                    .anyMatch(r -> user.has(r) && operation.roles().contains(r));
            if (!actsAcrossLabs && !user.memberOf(lab)) {
                return "User " + user.username() + " may not " + operation.description() + " in lab " + lab.value()
                        + ": only members of that lab may. Ask the lab's lead to add you to the lab.";
            }
        }
        return null;
    }
}
