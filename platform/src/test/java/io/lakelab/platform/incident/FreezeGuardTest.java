package io.lakelab.platform.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakelab.platform.identity.Operation;
import org.junit.jupiter.api.Test;

class FreezeGuardTest {

    @Test
    void refusesOnlyLabScopedOperations() {
        // Guards run when an operation is authorized for a lab: a global operation here would never be refused.
        assertThat(FreezeGuard.REFUSED_IN_FROZEN_LAB).isNotEmpty().allMatch(op -> op.scope() == Operation.Scope.LAB);
    }

    @Test
    void leavesReadsCancellingAndCleanUpPossible() {
        assertThat(FreezeGuard.REFUSED_IN_FROZEN_LAB)
                .contains(Operation.SUBMIT_JOB, Operation.INGEST, Operation.REQUEST_ACCESS, Operation.DEFINE_INDICATOR)
                .doesNotContain(
                        Operation.VIEW_LAB,
                        Operation.VIEW_JOBS,
                        Operation.CANCEL_JOB,
                        Operation.MANAGE_MEMBERS,
                        Operation.VIEW_REPORTS);
    }
}
