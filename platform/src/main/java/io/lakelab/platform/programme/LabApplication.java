package io.lakelab.platform.programme;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A lab application as the API shows it: the plan as submitted, where it stands, the pilot period
 * once approved, the expert opinions, every transition so far and the steps allowed next.
 */
public record LabApplication(
        long id,
        String labCode,
        ProgrammeState state,
        ConstructionPlan plan,
        String appliedBy,
        Instant appliedAt,
        LocalDate pilotStart,
        LocalDate pilotEnd,
        List<Opinion> opinions,
        List<Transition> transitions,
        List<ProgrammeAction> allowedNextSteps) {

    /** An expert's opinion on the plan. */
    public record Opinion(String reviewer, Recommendation recommendation, String opinion, Instant recordedAt) {}

    /** What an expert recommends. */
    public enum Recommendation {
        APPROVE,
        REJECT,
        REVISE
    }

    /** One step of the lifecycle: who moved the application, from where to where, why, and what it did. */
    public record Transition(
            ProgrammeAction action,
            ProgrammeState from,
            ProgrammeState to,
            String actor,
            String reason,
            Map<String, Object> details,
            Instant at) {}
}
