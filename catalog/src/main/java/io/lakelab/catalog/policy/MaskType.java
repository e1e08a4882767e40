package io.lakelab.catalog.policy;

import java.util.Locale;

/**
 * How a granted column is shown. Each maps to a data-mask type of Ranger's {@code hive} and
 * {@code trino} service-defs; month truncation has no built-in type, so it is Ranger's {@code CUSTOM}
 * type with an engine-specific value expression ({@code {col}} stands for the column).
 */
public enum MaskType {
    /** SHA-256 of the value as upper-case hex (Ranger {@code MASK_HASH}; Trino's service-def gives upper case). */
    HASH("MASK_HASH", null, null, "upper(sha2(cast({col} as string), 256))"),
    /** Every character but the last four replaced (Ranger {@code MASK_SHOW_LAST_4}). */
    SHOW_LAST_4(
            "MASK_SHOW_LAST_4",
            null,
            null,
            "concat(regexp_replace(substring({col}, 1, greatest(length({col}) - 4, 0)), '.', 'X'), right({col}, 4))"),
    /** Always null (Ranger {@code MASK_NULL}). */
    NULLIFY("MASK_NULL", null, null, "null"),
    /** Letters and digits replaced: upper to X, lower to x, digits to 0 (Ranger {@code MASK}). */
    REDACT(
            "MASK",
            null,
            null,
            "regexp_replace(regexp_replace(regexp_replace({col}, '[A-Z]', 'X'), '[a-z]', 'x'), '[0-9]', '0')"),
    /** A date or timestamp truncated to the first day of its year (Ranger {@code MASK_DATE_SHOW_YEAR}). */
    YEAR("MASK_DATE_SHOW_YEAR", null, null, "date_trunc('YEAR', {col})"),
    /** A date or timestamp truncated to the first day of its month (Ranger {@code CUSTOM}). */
    MONTH("CUSTOM", "trunc({col}, 'MM')", "date_trunc('month', {col})", "date_trunc('MONTH', {col})");

    /** The placeholder for the masked column in expressions, as in Ranger's service-defs. */
    public static final String COLUMN_PLACEHOLDER = "{col}";

    private final String rangerType;
    private final String hiveValueExpr;
    private final String trinoValueExpr;
    private final String sparkExpression;

    MaskType(String rangerType, String hiveValueExpr, String trinoValueExpr, String sparkExpression) {
        this.rangerType = rangerType;
        this.hiveValueExpr = hiveValueExpr;
        this.trinoValueExpr = trinoValueExpr;
        this.sparkExpression = sparkExpression;
    }

    /** Ranger's {@code dataMaskType} name, the same in the hive and trino service-defs. */
    public String rangerType() {
        return rangerType;
    }

    /** The {@code valueExpr} of a {@code CUSTOM} mask for the service type, or null for built-in types. */
    public String valueExpr(PolicyTarget target) {
        return target == PolicyTarget.TRINO ? trinoValueExpr : hiveValueExpr;
    }

    /**
     * A Spark SQL expression that implements this mask with {@link #COLUMN_PLACEHOLDER} for the
     * column; the Spark enforcement casts the result back to the column type. A suggestion of the
     * contract, not a decision: the decision (which mask applies) is Ranger's.
     */
    public String sparkExpression() {
        return sparkExpression;
    }

    /** Whether the mask makes sense on a column of this Iceberg type string. */
    public boolean appliesTo(String icebergType) {
        String type = icebergType.toLowerCase(Locale.ROOT);
        return switch (this) {
            case YEAR, MONTH -> type.equals("date") || type.startsWith("timestamp");
            // A hash is a string: cast back to a numeric or date column it would become NULL.
            case HASH, SHOW_LAST_4, REDACT -> type.equals("string");
            case NULLIFY -> true;
        };
    }

    /** Every mask that fits a column of this Iceberg type string, in declaration order. */
    public static java.util.List<MaskType> fitting(String icebergType) {
        return java.util.Arrays.stream(values())
                .filter(m -> m.appliesTo(icebergType))
                .toList();
    }

    /** The mask type whose Ranger type (and, for CUSTOM, value expression) this is, if any. */
    public static java.util.Optional<MaskType> fromRanger(String rangerType, String valueExpr) {
        for (MaskType m : values()) {
            if (m.rangerType.equals(rangerType)
                    && (!"CUSTOM".equals(rangerType)
                            || valueExpr == null
                            || valueExpr.equals(m.hiveValueExpr)
                            || valueExpr.equals(m.trinoValueExpr))) {
                return java.util.Optional.of(m);
            }
        }
        return java.util.Optional.empty();
    }
}
