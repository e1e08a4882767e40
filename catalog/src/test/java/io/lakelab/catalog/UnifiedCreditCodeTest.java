package io.lakelab.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UnifiedCreditCodeTest {

    @Test
    void acceptsPublishedCodes() {
        // published codes of well-known companies, i.e. checked by someone other than us
        assertThat(UnifiedCreditCode.isValid("9144030071526726XG")).isTrue();
        assertThat(UnifiedCreditCode.isValid("91330100716105852F")).isTrue();
        assertThat(new UnifiedCreditCode("91350100M000100Y43").value()).isEqualTo("91350100M000100Y43");
    }

    @Test
    void computesCheckCharacter() {
        assertThat(UnifiedCreditCode.withCheckDigit("9144030071526726X")).isEqualTo("9144030071526726XG");
        assertThat(UnifiedCreditCode.withCheckDigit("91350100M000100Y4")).isEqualTo("91350100M000100Y43");
    }

    @Test
    void checkValueThirtyOneBecomesZero() {
        // find a prefix whose weighted sum is a multiple of 31: its check character must be '0'
        String prefix = null;
        for (int i = 0; i < 31 && prefix == null; i++) {
            String candidate = "9131011" + String.format("%010d", i);
            if (UnifiedCreditCode.checkChar(candidate) == '0') {
                prefix = candidate;
            }
        }
        assertThat(prefix).isNotNull();
        assertThat(UnifiedCreditCode.isValid(prefix + "0")).isTrue();
    }

    @Test
    void rejectsWrongCheckCharacterAndSaysWhichIsRight() {
        assertThat(UnifiedCreditCode.isValid("9144030071526726XA")).isFalse();
        assertThatThrownBy(() -> new UnifiedCreditCode("9144030071526726XA"))
                .isInstanceOf(LakeLabException.class)
                .hasMessageContaining("'9144030071526726XA' is invalid")
                .hasMessageContaining("check character is 'A' but should be 'G'")
                .hasMessageContaining("GB 32100-2015");
    }

    @Test
    void rejectsWrongLengthAndCharacters() {
        assertThatThrownBy(() -> new UnifiedCreditCode("91440300"))
                .hasMessageContaining("has 8 characters but must have exactly 18");
        assertThatThrownBy(() -> new UnifiedCreditCode("9144030071526726IG"))
                .hasMessageContaining("character 'I' at position 17 is not allowed");
        assertThat(UnifiedCreditCode.isValid(null)).isFalse();
        assertThat(UnifiedCreditCode.isValid("9144030071526726xg")).isFalse();
        assertThatThrownBy(() -> UnifiedCreditCode.withCheckDigit("123"))
                .hasMessageContaining("exactly the first 17 characters");
    }
}
