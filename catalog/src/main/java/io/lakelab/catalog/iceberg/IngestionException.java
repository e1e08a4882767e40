package io.lakelab.catalog.iceberg;

import io.lakelab.catalog.ErrorCategory;
import io.lakelab.catalog.LakeLabException;
import java.util.List;

/**
 * Thrown when a file does not match its dataset schema. Nothing was committed and every file written
 * was removed; {@link #violations()} holds the first {@value #KEPT} problems and {@link
 * #totalViolations()} how many there were in all.
 */
public class IngestionException extends LakeLabException {
    public static final int KEPT = 20;

    private final List<Violation> violations;
    private final long totalViolations;

    public IngestionException(String message, List<Violation> violations, long totalViolations) {
        super(ErrorCategory.BAD_REQUEST, message);
        this.violations = List.copyOf(violations);
        this.totalViolations = totalViolations;
    }

    public List<Violation> violations() {
        return violations;
    }

    public long totalViolations() {
        return totalViolations;
    }
}
