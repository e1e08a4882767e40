package io.lakelab.platform.identity;

import io.lakelab.catalog.LabCode;

/**
 * A check the {@link Authorizer} runs after it allowed a lab-scoped operation, for rules that hold
 * whoever the caller is (an emergency freeze refuses writes in a lab to administrators too). Throws
 * to refuse.
 */
public interface OperationGuard {

    void check(CurrentUser user, Operation operation, LabCode lab);
}
