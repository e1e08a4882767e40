package io.lakelab.platform.lab;

import io.lakelab.catalog.LabCode;

/**
 * Published inside the transaction that creates a lab, so a listener that fails (for example the
 * Keycloak group could not be created) rolls the lab back instead of leaving it half provisioned.
 */
public record LabCreated(LabCode code, String createdBy) {}
