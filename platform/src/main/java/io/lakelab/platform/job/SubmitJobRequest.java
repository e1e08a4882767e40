package io.lakelab.platform.job;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.util.List;

/** A Spark SQL fusion job: the lab it runs in, a name, and its statements in order. */
@Schema(description = "A Spark SQL fusion job.")
public record SubmitJobRequest(
        @Schema(
                description = "The lab it runs in; its workspace lab_<code> is the current namespace.",
                example = "lowcarbon")
        @NotBlank
        String lab,

        @Schema(description = "A name for the run.", example = "fleet fuel per month") @NotBlank
        String name,

        @Schema(
                description = "Spark SQL statements, run in order; granted datasets are datasets.<name>.",
                example = "[\"CREATE OR REPLACE TABLE fleet_fuel_monthly AS SELECT month, sum(fuel_tonnes) AS"
                        + " fuel_tonnes FROM datasets.fleet_fuel_use GROUP BY month\"]")
        @NotEmpty
        List<String> statements) {}
