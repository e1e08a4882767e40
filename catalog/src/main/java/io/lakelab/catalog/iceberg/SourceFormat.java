package io.lakelab.catalog.iceberg;

/** The format of a file handed to {@link TableIngestor}: CSV with a header row, or Parquet. */
public enum SourceFormat {
    CSV,
    PARQUET
}
