package io.lakelab.catalog;

/**
 * What kind of failure a {@link LakeLabException} reports. The platform maps each category to one
 * HTTP status (400, 404, 409, 403, 502, 500); engines use it to decide whether a retry can help
 * ({@link #EXTERNAL}) or the caller must change the request ({@link #BAD_REQUEST}).
 */
public enum ErrorCategory {
    BAD_REQUEST,
    NOT_FOUND,
    CONFLICT,
    FORBIDDEN,
    EXTERNAL,
    INTERNAL
}
