package io.lakelab.platform.programme;

import io.lakelab.catalog.IndicatorDirection;
import io.lakelab.platform.indicator.IndicatorValue;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A lab's evaluation at the end of its pilot: for every task indicator of the plan, the value
 * achieved against the target with the evidence behind it (the job run and table snapshots that
 * computed it), and the recommendation the programme's rules give.
 */
@Schema(description = "A lab's evaluation against its plan.")
public record Evaluation(
        @Schema(description = "Evaluation id.") long id,
        @Schema(description = "The application evaluated.") long applicationId,
        @Schema(description = "The lab's code.") String lab,
        @Schema(description = "First day of the pilot.") LocalDate pilotStart,
        @Schema(description = "Last day of the pilot.") LocalDate pilotEnd,
        @Schema(description = "Who evaluated.") String evaluatedBy,
        @Schema(description = "When.") Instant evaluatedAt,

        @Schema(description = "Plan against achievement, per task indicator.")
        List<IndicatorResult> indicators,

        @Schema(description = "The outcome the programme's rules recommend: CONTINUE, UPGRADE or DELIST.")
        ProgrammeAction recommendation,

        @Schema(description = "Why that recommendation.") String rationale) {

    /**
     * Plan against achievement for one task indicator. {@code achieved} is the latest value
     * computed before the evaluation (null with a note when there is none); {@code metByDeadline}
     * says whether any value computed by the deadline met the target.
     */
    public record IndicatorResult(
            String code,
            String nameZh,
            String nameEn,
            String unit,
            double target,
            IndicatorDirection direction,
            LocalDate deadline,
            boolean mandatory,
            Double achieved,
            boolean met,
            boolean metByDeadline,
            IndicatorValue evidence,
            String note) {}
}
