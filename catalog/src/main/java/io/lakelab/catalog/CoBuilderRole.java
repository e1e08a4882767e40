package io.lakelab.catalog;

/** The role a co-building unit plays in a lab (产学研用: industry, academia, research, application). */
public enum CoBuilderRole {
    INDUSTRY,
    ACADEMIA,
    RESEARCH,
    APPLICATION
}
