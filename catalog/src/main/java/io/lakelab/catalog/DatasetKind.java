package io.lakelab.catalog;

/**
 * Where a dataset comes from: {@link #PUBLIC} data opened by government bodies, {@link #SOCIAL} data
 * provided by enterprises and other organisations, or {@link #DERIVED} data a lab produced by fusion.
 */
public enum DatasetKind {
    PUBLIC,
    SOCIAL,
    DERIVED
}
