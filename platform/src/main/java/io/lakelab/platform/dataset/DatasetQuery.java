package io.lakelab.platform.dataset;

import io.lakelab.catalog.DatasetKind;
import io.lakelab.catalog.Grade;
import io.lakelab.catalog.OpenCategory;

/** Catalog search criteria; every criterion is optional and they combine with AND. */
public record DatasetQuery(String text, String tag, DatasetKind kind, OpenCategory category, Grade grade) {}
