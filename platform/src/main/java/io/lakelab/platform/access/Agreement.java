package io.lakelab.platform.access;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * A version of a dataset's data-use agreement (数据利用协议) and the labs that accepted that version:
 * who, when. The newest version is the current one; a lab that accepted an older one must accept
 * again before the dataset can be granted to it.
 */
@Schema(description = "A version of a dataset's data-use agreement and the labs that accepted it.")
public record Agreement(
        @Schema(description = "Agreement id.") long id,
        @Schema(description = "The dataset it governs.") String dataset,

        @Schema(description = "Its version.", example = "2026.1")
        String version,

        @Schema(description = "The full text.") String text,
        @Schema(description = "Who published it.") String createdBy,
        @Schema(description = "When.") Instant createdAt,

        @Schema(description = "Whether it is the newest version, the one labs must accept.")
        boolean current,

        @Schema(description = "Labs' acceptances of this version.")
        List<Acceptance> acceptances) {

    /** A lab's acceptance of one agreement version. */
    @Schema(description = "A lab's acceptance of one agreement version.")
    public record Acceptance(
            @Schema(description = "The lab.") String lab,
            @Schema(description = "The version accepted.") String version,

            @Schema(description = "Who accepted it for the lab.")
            String acceptedBy,

            @Schema(description = "When.") Instant acceptedAt) {}
}
