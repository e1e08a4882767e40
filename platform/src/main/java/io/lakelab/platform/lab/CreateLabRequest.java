package io.lakelab.platform.lab;

import io.lakelab.catalog.CoBuilder;
import io.lakelab.catalog.LabDirection;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/** What an administrator gives to create a lab. */
@Schema(description = "A new lab.")
public record CreateLabRequest(
        @Schema(
                description = "Unique lab code: a lower-case letter, then 1 to 30 lower-case letters, digits or"
                        + " underscores. The workspace is lab_<code>.",
                example = "greenport")
        @NotBlank
        String code,

        @Schema(description = "Chinese name.", example = "绿色港航联合创新实验室") @NotBlank
        String nameZh,

        @Schema(description = "English name.", example = "Green Port Joint Innovation Lab") @NotBlank
        String nameEn,

        @Schema(description = "Research direction.", example = "SHIPPING_LOGISTICS") @NotNull
        LabDirection direction,

        @Schema(description = "The lead unit (牵头单位).", example = "Shanghai International Port Group") @NotBlank
        String leadUnit,

        @Schema(description = "Co-building units with their roles; optional.") @Valid
        List<CoBuilder> coBuilders) {}
