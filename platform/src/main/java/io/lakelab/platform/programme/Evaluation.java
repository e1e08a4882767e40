package io.lakelab.platform.programme;

import io.lakelab.catalog.IndicatorDirection;
import io.lakelab.platform.indicator.IndicatorValue;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A lab's evaluation at the end of its pilot: for every task indicator of the plan, the value
 * achieved against the target with the evidence behind it (the job run and table snapshots that
 * computed it), and the recommendation the programme's rules give.
 */
public record Evaluation(
        long id,
        long applicationId,
        String lab,
        LocalDate pilotStart,
        LocalDate pilotEnd,
        String evaluatedBy,
        Instant evaluatedAt,
        List<IndicatorResult> indicators,
        ProgrammeAction recommendation,
        String rationale) {

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
