package io.lakelab.platform.lab;

import io.lakelab.catalog.CoBuilder;
import io.lakelab.catalog.LabDirection;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/** What an administrator gives to create a lab. */
public record CreateLabRequest(
        @NotBlank String code,
        @NotBlank String nameZh,
        @NotBlank String nameEn,
        @NotNull LabDirection direction,
        @NotBlank String leadUnit,
        @Valid List<CoBuilder> coBuilders) {}
