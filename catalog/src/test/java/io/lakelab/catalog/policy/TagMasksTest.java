package io.lakelab.catalog.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TagMasksTest {

    static final TagMasks PII_HASH = new TagMasks(
            Set.of("pii"),
            Map.of("PII", List.of(MaskType.HASH, MaskType.YEAR), "COMMERCIAL_SENSITIVE", List.of(MaskType.NULLIFY)));

    static final TagMasks.Column PHONE = new TagMasks.Column("phone", "string", Set.of("PII"));
    static final TagMasks.Column BIRTH = new TagMasks.Column("birth", "date", Set.of("pii"));
    static final TagMasks.Column INCOME = new TagMasks.Column("income", "double", Set.of("PII"));
    static final TagMasks.Column MARGIN = new TagMasks.Column("margin", "double", Set.of("COMMERCIAL_SENSITIVE"));
    static final TagMasks.Column REGION = new TagMasks.Column("region", "string", Set.of());

    @Test
    void defaultsFillUnmaskedTaggedColumnsWithTheFirstFittingMask() {
        TagMasks.Resolution r = PII_HASH.resolve(List.of(PHONE, BIRTH, MARGIN, REGION), Map.of(), List.of());
        assertThat(r.masks())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("phone", MaskType.HASH, "birth", MaskType.YEAR, "margin", MaskType.NULLIFY));
        assertThat(r.defaults().get("birth")).isEqualTo(new TagMasks.Default("PII", MaskType.YEAR));
        assertThat(r.unacknowledged()).isEmpty();
    }

    @Test
    void explicitMasksWinAndAcknowledgementsKeepColumnsClear() {
        TagMasks.Resolution r =
                PII_HASH.resolve(List.of(PHONE, BIRTH), Map.of("phone", MaskType.SHOW_LAST_4), List.of("birth"));
        assertThat(r.masks()).containsExactlyEntriesOf(Map.of("phone", MaskType.SHOW_LAST_4));
        assertThat(r.defaults()).isEmpty();
        assertThat(r.unacknowledged()).isEmpty();
    }

    @Test
    void aSensitiveColumnWithoutAFittingDefaultNeedsAnAcknowledgement() {
        TagMasks.Resolution r = PII_HASH.resolve(List.of(INCOME, REGION), Map.of(), List.of());
        assertThat(r.masks()).isEmpty();
        assertThat(r.unacknowledged()).containsExactly(INCOME);
        assertThat(PII_HASH.sensitiveTagsOf(INCOME.tags())).containsExactly("PII");
        assertThat(TagMasks.none().resolve(List.of(INCOME), Map.of(), List.of()).unacknowledged())
                .isEmpty();
    }

    @Test
    void fittingMasksComeFromMaskType() {
        assertThat(MaskType.fitting("date")).containsExactly(MaskType.NULLIFY, MaskType.YEAR, MaskType.MONTH);
        assertThat(MaskType.fitting("double")).containsExactly(MaskType.NULLIFY);
    }
}
