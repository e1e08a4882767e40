package io.lakelab.platform.lab;

import io.lakelab.catalog.CoBuilder;
import io.lakelab.catalog.LabCode;
import io.lakelab.catalog.LabDirection;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * A big-data joint innovation lab and its workspace namespace; {@code status} says whether the
 * workspace takes new work, and when it was frozen, by whom and why.
 */
@Schema(description = "A joint innovation lab.")
public record Lab(
        @Schema(description = "Internal id.") long id,

        @Schema(description = "Lab code.", example = "lowcarbon")
        LabCode code,

        @Schema(description = "Chinese name.") String nameZh,
        @Schema(description = "English name.") String nameEn,
        @Schema(description = "Research direction.") LabDirection direction,
        @Schema(description = "The lead unit.") String leadUnit,

        @Schema(description = "Co-building units with their roles.")
        List<CoBuilder> coBuilders,

        @Schema(description = "The lab's Iceberg namespace.", example = "lab_lowcarbon")
        String workspace,

        @Schema(description = "Who created the lab.") String createdBy,
        @Schema(description = "When it was created.") Instant createdAt,

        @Schema(description = "ACTIVE, or FROZEN (read-only, archived) once delisted or stopped.")
        LabStatus status,

        @Schema(description = "When it was frozen; null while active.")
        Instant frozenAt,

        @Schema(description = "Who froze it; null while active.")
        String frozenBy,

        @Schema(description = "Why it was frozen; null while active.")
        String frozenReason) {}
