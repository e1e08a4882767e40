package io.lakelab.platform.lab;

import io.lakelab.catalog.CoBuilder;
import io.lakelab.catalog.LabCode;
import io.lakelab.catalog.LabDirection;
import java.time.Instant;
import java.util.List;

/**
 * A big-data joint innovation lab and its workspace namespace; {@code status} says whether the
 * workspace takes new work, and when it was frozen, by whom and why.
 */
public record Lab(
        long id,
        LabCode code,
        String nameZh,
        String nameEn,
        LabDirection direction,
        String leadUnit,
        List<CoBuilder> coBuilders,
        String workspace,
        String createdBy,
        Instant createdAt,
        LabStatus status,
        Instant frozenAt,
        String frozenBy,
        String frozenReason) {}
