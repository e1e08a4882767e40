package io.lakelab.platform.incident;

import io.lakelab.catalog.LabCode;
import io.lakelab.platform.identity.CurrentUser;
import io.lakelab.platform.identity.Operation;
import io.lakelab.platform.identity.OperationGuard;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Refuses the writes that start or change work in a frozen lab, for every caller: every lab-scoped
 * operation passes the {@link io.lakelab.platform.identity.Authorizer}, so this is the one place.
 * Reads, cancelling jobs, managing members and issuing reports stay possible, so administrators can
 * investigate and clean up during the incident.
 */
@Component
class FreezeGuard implements OperationGuard {

    static final Set<Operation> REFUSED_IN_FROZEN_LAB = EnumSet.of(
            Operation.SUBMIT_JOB,
            Operation.INGEST,
            Operation.DEFINE_INDICATOR,
            Operation.REFRESH_INDICATORS,
            Operation.REQUEST_ACCESS,
            Operation.ACCEPT_AGREEMENT);

    private final Freezes freezes;

    FreezeGuard(Freezes freezes) {
        this.freezes = freezes;
    }

    @Override
    public void check(CurrentUser user, Operation operation, LabCode lab) {
        if (lab != null && REFUSED_IN_FROZEN_LAB.contains(operation)) {
            freezes.requireLabNotFrozen(lab, "to " + operation.description());
        }
    }
}
