package io.lakelab.platform.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakelab.platform.identity.Operation;
import org.junit.jupiter.api.Test;

/** docs/roles.md is what {@link RolesTable} generates from {@link Operation} and the authorizer. */
class RolesDocTest {

    private static final GeneratedDoc PAGE = GeneratedDoc.of("roles.md", "RolesDocTest");

    @Test
    void rolesPageIsWhatTheCodeGenerates() {
        PAGE.assertWholeFile(RolesTable.markdown());
    }

    @Test
    void everyOperationHasARowAndCellsFollowTheAuthorizer() {
        String table = RolesTable.markdown();
        for (Operation operation : Operation.values()) {
            assertThat(table).contains("| `" + operation.name() + "` | " + operation.description() + " | ");
        }
        // Spot checks against decisions the authorizer is known to make.
        assertThat(table)
                .contains("| `CREATE_LAB` | create labs | GLOBAL | yes | — | — | — |")
                .contains("| `SUBMIT_JOB` | submit jobs | LAB | — | own labs | — | — |")
                .contains("| `VIEW_JOBS` | view jobs and their logs | LAB | all labs | own labs | — | all labs |");
    }
}
