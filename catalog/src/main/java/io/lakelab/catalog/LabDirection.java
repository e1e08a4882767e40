package io.lakelab.catalog;

/** The research direction of a joint innovation lab, used to group labs and pick demo content. */
public enum LabDirection {
    INDUSTRY,
    SHIPPING_LOGISTICS,
    INSURANCE,
    COMMERCE,
    LOW_CARBON,
    PRIVACY_COMPUTING,
    LIFE_HEALTH,
    DATA_ASSETS,
    INTERNATIONAL_DATA_PORT,
    OTHER
}
