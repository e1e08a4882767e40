package io.lakelab.platform.job;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.util.List;

/** A Spark SQL fusion job: the lab it runs in, a name, and its statements in order. */
public record SubmitJobRequest(
        @NotBlank String lab,
        @NotBlank String name,
        @NotEmpty List<String> statements) {}
