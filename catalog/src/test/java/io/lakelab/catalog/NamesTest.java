package io.lakelab.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NamesTest {

    @Test
    void labCodeAcceptsLowerCaseIdentifiers() {
        assertThat(LabCode.of("lowcarbon").value()).isEqualTo("lowcarbon");
        assertThat(LabCode.of("a1_b").toString()).isEqualTo("a1_b");
    }

    @Test
    void labCodeRejectionNamesValueAndRule() {
        for (String bad : List.of("Lowcarbon", "1lab", "a", "lab-code", "x".repeat(32))) {
            assertThatThrownBy(() -> LabCode.of(bad))
                    .isInstanceOf(LakeLabException.class)
                    .hasMessageContaining("Lab code '" + bad + "' is invalid")
                    .hasMessageContaining("[a-z][a-z0-9_]{1,30}")
                    .extracting(e -> ((LakeLabException) e).category())
                    .isEqualTo(ErrorCategory.BAD_REQUEST);
        }
        assertThatThrownBy(() -> LabCode.of(null)).hasMessageContaining("Lab code is missing");
    }

    @Test
    void datasetNameAllowsSixtyThreeCharacters() {
        assertThat(DatasetName.of("e" + "x".repeat(62)).value()).hasSize(63);
        assertThatThrownBy(() -> DatasetName.of("e" + "x".repeat(63)))
                .hasMessageContaining("Dataset name")
                .hasMessageContaining("[a-z][a-z0-9_]{1,62}");
        assertThatThrownBy(() -> DatasetName.of("Energy")).hasMessageContaining("'Energy'");
    }

    @Test
    void tableRefParsesAndQualifies() {
        TableRef ref = TableRef.parse("datasets.enterprise_registry");
        assertThat(ref).isEqualTo(new TableRef("datasets", "enterprise_registry"));
        assertThat(ref.qualified()).isEqualTo("datasets.enterprise_registry");
        assertThat(ref.identifier().toString()).isEqualTo("datasets.enterprise_registry");
    }

    @Test
    void tableRefRejectsMalformedNames() {
        assertThatThrownBy(() -> TableRef.parse("enterprise_registry"))
                .hasMessageContaining("'enterprise_registry'")
                .hasMessageContaining("<namespace>.<table>");
        assertThatThrownBy(() -> TableRef.parse("a.b.c")).hasMessageContaining("<namespace>.<table>");
        assertThatThrownBy(() -> TableRef.parse("datasets.Bad")).hasMessageContaining("Table name 'Bad'");
    }

    @Test
    void workspacesMapLabsToNamespaces() {
        assertThat(Workspaces.of(LabCode.of("lowcarbon"))).isEqualTo("lab_lowcarbon");
        assertThat(Workspaces.labOf("lab_lowcarbon")).contains(LabCode.of("lowcarbon"));
        assertThat(Workspaces.labOf(Workspaces.SOURCE_NAMESPACE)).isEqualTo(Optional.empty());
        assertThat(Workspaces.labOf("lab_X")).isEmpty();
        assertThat(Workspaces.labOf(null)).isEmpty();
    }

    @Test
    void gradeHighestIsStrictest() {
        assertThat(Grade.highest(List.of())).isEqualTo(Grade.GENERAL);
        assertThat(Grade.highest(List.of(Grade.GENERAL, Grade.IMPORTANT))).isEqualTo(Grade.IMPORTANT);
        assertThat(Grade.highest(List.of(Grade.CORE, Grade.GENERAL, Grade.IMPORTANT)))
                .isEqualTo(Grade.CORE);
    }

    @Test
    void indicatorDirectionDecidesWhetherTargetIsMet() {
        assertThat(IndicatorDirection.AT_LEAST.met(0.95, 0.9)).isTrue();
        assertThat(IndicatorDirection.AT_LEAST.met(0.85, 0.9)).isFalse();
        assertThat(IndicatorDirection.AT_MOST.met(100, 90)).isFalse();
    }

    @Test
    void exceptionKeepsCategoryAndCause() {
        RuntimeException cause = new RuntimeException("boom");
        LakeLabException e = new LakeLabException(ErrorCategory.EXTERNAL, "Catalog down: retry later.", cause);
        assertThat(e.category()).isEqualTo(ErrorCategory.EXTERNAL);
        assertThat(e).hasMessage("Catalog down: retry later.").hasCause(cause);
    }
}
