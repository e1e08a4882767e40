package io.lakelab.platform.programme;

import io.lakelab.catalog.LabCode;
import io.lakelab.platform.identity.CurrentUser;
import io.lakelab.platform.indicator.Indicator;
import io.lakelab.platform.indicator.IndicatorService;
import io.lakelab.platform.indicator.IndicatorValue;
import io.lakelab.platform.programme.ConstructionPlan.TaskIndicator;
import io.lakelab.platform.programme.Evaluation.IndicatorResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Compares a lab's plan with what it achieved: each task indicator's latest computed value (from
 * the indicator feature, with its provenance) against the plan's target, and the recommendation
 * from the programme's rules: a mandatory indicator not met recommends DELIST; every mandatory
 * one met and at least {@code upgrade-share-met} of all met recommends UPGRADE; otherwise CONTINUE.
 */
@Component
class Evaluator {

    private final IndicatorService indicators;
    private final ProgrammeProperties properties;

    Evaluator(IndicatorService indicators, ProgrammeProperties properties) {
        this.indicators = indicators;
        this.properties = properties;
    }

    Evaluation evaluate(CurrentUser user, LabApplication application) {
        LabCode lab = new LabCode(application.labCode());
        Set<String> defined =
                indicators.definitions(lab).stream().map(Indicator::code).collect(Collectors.toSet());
        List<IndicatorResult> results = new ArrayList<>();
        for (TaskIndicator t : application.plan().indicators()) {
            results.add(defined.contains(t.code()) ? result(user, lab, t) : missing(t));
        }
        List<String> unmetMandatory = results.stream()
                .filter(r -> r.mandatory() && !r.met())
                .map(IndicatorResult::code)
                .toList();
        long met = results.stream().filter(IndicatorResult::met).count();
        double share = results.isEmpty() ? 0 : (double) met / results.size();
        ProgrammeAction recommendation;
        String rationale;
        if (!unmetMandatory.isEmpty()) {
            recommendation = ProgrammeAction.DELIST;
            rationale = "Mandatory task indicators not met: " + String.join(", ", unmetMandatory) + ".";
        } else if (share >= properties.upgradeShareMet()) {
            recommendation = ProgrammeAction.UPGRADE;
            rationale = "Every mandatory task indicator met and " + met + " of " + results.size()
                    + " met (the upgrade rule asks for " + Math.round(properties.upgradeShareMet() * 100) + "%).";
        } else {
            recommendation = ProgrammeAction.CONTINUE;
            rationale = "Every mandatory task indicator met; " + met + " of " + results.size() + " met in all.";
        }
        return new Evaluation(
                0,
                application.id(),
                lab.value(),
                application.pilotStart(),
                application.pilotEnd(),
                user.username(),
                Instant.now(),
                results,
                recommendation,
                rationale);
    }

    private IndicatorResult result(CurrentUser user, LabCode lab, TaskIndicator t) {
        List<IndicatorValue> values = indicators.values(user, lab, t.code(), 1000).stream()
                .filter(v -> v.value() != null)
                .sorted(Comparator.comparing(IndicatorValue::computedAt).reversed())
                .toList();
        if (values.isEmpty()) {
            return new IndicatorResult(
                    t.code(),
                    t.nameZh(),
                    t.nameEn(),
                    t.unit(),
                    t.target(),
                    t.direction(),
                    t.deadline(),
                    t.mandatory(),
                    null,
                    false,
                    false,
                    null,
                    "The indicator is defined but no job run has computed a value for it.");
        }
        IndicatorValue latest = values.get(0);
        Instant deadlineEnd =
                t.deadline().plusDays(1).atStartOfDay(properties.zone()).toInstant();
        boolean metByDeadline = values.stream()
                .anyMatch(v ->
                        v.computedAt().isBefore(deadlineEnd) && t.direction().met(v.value(), t.target()));
        return new IndicatorResult(
                t.code(),
                t.nameZh(),
                t.nameEn(),
                t.unit(),
                t.target(),
                t.direction(),
                t.deadline(),
                t.mandatory(),
                latest.value(),
                t.direction().met(latest.value(), t.target()),
                metByDeadline,
                latest,
                null);
    }

    private static IndicatorResult missing(TaskIndicator t) {
        return new IndicatorResult(
                t.code(),
                t.nameZh(),
                t.nameEn(),
                t.unit(),
                t.target(),
                t.direction(),
                t.deadline(),
                t.mandatory(),
                null,
                false,
                false,
                null,
                "No lab indicator has this code, so nothing computed it: define it (POST /api/v1/labs/{code}/indicators).");
    }
}
