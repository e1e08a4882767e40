package io.lakelab.platform.programme;

import static io.lakelab.platform.programme.ProgrammeAction.APPROVE;
import static io.lakelab.platform.programme.ProgrammeAction.CONTINUE;
import static io.lakelab.platform.programme.ProgrammeAction.DELIST;
import static io.lakelab.platform.programme.ProgrammeAction.EVALUATE;
import static io.lakelab.platform.programme.ProgrammeAction.REJECT;
import static io.lakelab.platform.programme.ProgrammeAction.REVIEW;
import static io.lakelab.platform.programme.ProgrammeAction.UPGRADE;

import io.lakelab.catalog.ErrorCategory;
import io.lakelab.catalog.LakeLabException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where a lab application is in the programme. {@link #TRANSITIONS} is the one place that says
 * which action leads from which state to which; everything else asks {@link #next}.
 */
public enum ProgrammeState {
    SUBMITTED,
    UNDER_REVIEW,
    REJECTED,
    PILOT,
    EVALUATION,
    CONTINUED,
    DELISTED,
    UPGRADE_ELIGIBLE;

    private static final Map<ProgrammeState, Map<ProgrammeAction, ProgrammeState>> TRANSITIONS =
            new EnumMap<>(ProgrammeState.class);

    static {
        allow(SUBMITTED, REVIEW, UNDER_REVIEW);
        allow(SUBMITTED, REJECT, REJECTED);
        allow(UNDER_REVIEW, REVIEW, UNDER_REVIEW);
        allow(UNDER_REVIEW, APPROVE, PILOT);
        allow(UNDER_REVIEW, REJECT, REJECTED);
        allow(PILOT, EVALUATE, EVALUATION);
        allow(EVALUATION, CONTINUE, CONTINUED);
        allow(EVALUATION, DELIST, DELISTED);
        allow(EVALUATION, UPGRADE, UPGRADE_ELIGIBLE);
        // A lab that keeps operating is evaluated again, year after year.
        allow(CONTINUED, EVALUATE, EVALUATION);
        allow(UPGRADE_ELIGIBLE, EVALUATE, EVALUATION);
    }

    private static void allow(ProgrammeState from, ProgrammeAction action, ProgrammeState to) {
        TRANSITIONS
                .computeIfAbsent(from, s -> new EnumMap<>(ProgrammeAction.class))
                .put(action, to);
    }

    /** The actions allowed from this state, with the state each leads to. */
    public Map<ProgrammeAction, ProgrammeState> allowed() {
        return Map.copyOf(TRANSITIONS.getOrDefault(this, Map.of()));
    }

    public Optional<ProgrammeState> next(ProgrammeAction action) {
        return Optional.ofNullable(TRANSITIONS.getOrDefault(this, Map.of()).get(action));
    }

    /** The state the action leads to; a conflict naming this state and the allowed next steps otherwise. */
    public ProgrammeState nextOrThrow(ProgrammeAction action, String subject) {
        return next(action)
                .orElseThrow(() -> new LakeLabException(
                        ErrorCategory.CONFLICT,
                        subject + " is " + this + ": it cannot " + action.description() + " (" + action + ") now. "
                                + allowedSteps()));
    }

    String allowedSteps() {
        Map<ProgrammeAction, ProgrammeState> allowed = TRANSITIONS.getOrDefault(this, Map.of());
        if (allowed.isEmpty()) {
            return this + " is final: no further steps are possible.";
        }
        return "Allowed next steps from " + this + ": "
                + allowed.entrySet().stream()
                        .map(e -> e.getKey() + " (" + e.getKey().description() + ") -> " + e.getValue())
                        .collect(Collectors.joining("; "))
                + ".";
    }

    public boolean terminal() {
        return allowed().isEmpty();
    }
}
