package io.lakelab.platform.programme;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A lab application as the API shows it: the plan as submitted, where it stands, the pilot period
 * once approved, the expert opinions, every transition so far and the steps allowed next.
 */
@Schema(description = "A lab application and where it stands in the programme.")
public record LabApplication(
        @Schema(description = "Application id.") long id,

        @Schema(description = "The code the lab has (or will have).", example = "portcarbon")
        String labCode,

        @Schema(description = "Where the application stands.")
        ProgrammeState state,

        @Schema(description = "The construction plan as submitted.")
        ConstructionPlan plan,

        @Schema(description = "Who applied.") String appliedBy,
        @Schema(description = "When.") Instant appliedAt,

        @Schema(description = "First day of the pilot; null until approved.")
        LocalDate pilotStart,

        @Schema(description = "Last day of the pilot; null until approved.")
        LocalDate pilotEnd,

        @Schema(description = "Expert opinions, oldest first.")
        List<Opinion> opinions,

        @Schema(description = "Every step so far, oldest first.")
        List<Transition> transitions,

        @Schema(description = "What may happen next.") List<ProgrammeAction> allowedNextSteps) {

    /** An expert's opinion on the plan. */
    @Schema(description = "An expert's opinion.")
    public record Opinion(
            @Schema(description = "The reviewer.") String reviewer,
            @Schema(description = "What they recommend.") Recommendation recommendation,
            @Schema(description = "The opinion text.") String opinion,
            @Schema(description = "When it was recorded.") Instant recordedAt) {}

    /** What an expert recommends. */
    public enum Recommendation {
        APPROVE,
        REJECT,
        REVISE
    }

    /** One step of the lifecycle: who moved the application, from where to where, why, and what it did. */
    @Schema(description = "One step of the lifecycle.")
    public record Transition(
            @Schema(description = "What happened.") ProgrammeAction action,
            @Schema(description = "The state before.") ProgrammeState from,
            @Schema(description = "The state after.") ProgrammeState to,
            @Schema(description = "Who did it.") String actor,
            @Schema(description = "Why, as given.") String reason,

            @Schema(description = "What it did, e.g. the workspace, indicators and members an approval created.")
            Map<String, Object> details,

            @Schema(description = "When.") Instant at) {}
}
