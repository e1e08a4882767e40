package io.lakelab.platform.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakelab.catalog.policy.MaskType;
import io.lakelab.platform.programme.ProgrammeState;
import org.junit.jupiter.api.Test;

/** The enum section of docs/api.md is what {@link ApiEnums} generates from the enums. */
class ApiEnumsDocTest {

    private static final GeneratedDoc PAGE = GeneratedDoc.of("api.md", "ApiEnumsDocTest");

    @Test
    void everyEnumValueHasAMeaning() {
        assertThat(ApiEnums.missingMeanings())
                .as(
                        "enum values without a meaning: add one in ApiEnums, then regenerate with %s",
                        PAGE.regenerateCommand())
                .isEmpty();
    }

    @Test
    void enumSectionIsWhatTheEnumsSay() {
        PAGE.assertSection("enums", ApiEnums.markdown());
    }

    @Test
    void computedColumnsComeFromTheCode() {
        String section = ApiEnums.markdown();
        for (MaskType mask : MaskType.values()) {
            assertThat(section).contains("| `" + mask.name() + "` | ").contains("`" + mask.rangerType() + "`");
        }
        assertThat(section)
                .contains("| `MONTH` | truncated to the first day of its month | `CUSTOM` | date, timestamp |")
                .contains("| `NULLIFY` | always null | `MASK_NULL` | any type |")
                .contains("| `" + ProgrammeState.PILOT + "` | approved: the lab exists and its pilot year runs |"
                        + " `EVALUATE` → `EVALUATION` |")
                .contains("| `DELISTED` | delisted (摘牌): lab frozen, runs cancelled, grants revoked, members removed"
                        + " | final |");
    }
}
