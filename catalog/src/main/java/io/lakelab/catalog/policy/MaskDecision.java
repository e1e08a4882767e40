package io.lakelab.catalog.policy;

import java.util.Optional;

/**
 * The data mask Ranger returns for a column read: Ranger's mask type name (e.g. {@code MASK_HASH}),
 * the {@code CUSTOM} value expression if any (with {@code {col}} for the column), the matching
 * {@link MaskType} and the deciding policy; all empty when the column is shown as it is.
 */
public record MaskDecision(String rangerType, String valueExpr, long policyId) {

    public boolean masked() {
        return rangerType != null && !"MASK_NONE".equals(rangerType);
    }

    public Optional<MaskType> type() {
        return masked() ? MaskType.fromRanger(rangerType, valueExpr) : Optional.empty();
    }
}
