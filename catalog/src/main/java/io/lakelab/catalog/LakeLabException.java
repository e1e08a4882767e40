package io.lakelab.catalog;

import java.util.Objects;

/**
 * The one unchecked exception of LakeLab: a {@link ErrorCategory} plus a message that says what was
 * wrong and what to do about it. Subclasses add structured detail for particular situations (for
 * example {@code IngestionException} carries row-level violations).
 */
public class LakeLabException extends RuntimeException {
    private final ErrorCategory category;

    public LakeLabException(ErrorCategory category, String message) {
        super(message);
        this.category = Objects.requireNonNull(category, "category");
    }

    public LakeLabException(ErrorCategory category, String message, Throwable cause) {
        super(message, cause);
        this.category = Objects.requireNonNull(category, "category");
    }

    public ErrorCategory category() {
        return category;
    }

    /** Shorthand for a {@link ErrorCategory#BAD_REQUEST} exception. */
    public static LakeLabException badRequest(String message) {
        return new LakeLabException(ErrorCategory.BAD_REQUEST, message);
    }
}
