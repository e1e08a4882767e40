package io.lakelab.platform.programme;

import io.lakelab.catalog.CoBuilder;
import io.lakelab.catalog.CoBuilderRole;
import io.lakelab.catalog.ErrorCategory;
import io.lakelab.catalog.LabCode;
import io.lakelab.catalog.LakeLabException;
import io.lakelab.platform.audit.AuditService;
import io.lakelab.platform.identity.Authorizer;
import io.lakelab.platform.identity.CurrentUser;
import io.lakelab.platform.identity.Operation;
import io.lakelab.platform.identity.Role;
import io.lakelab.platform.indicator.DefineIndicatorRequest;
import io.lakelab.platform.indicator.IndicatorService;
import io.lakelab.platform.lab.CreateLabRequest;
import io.lakelab.platform.lab.Lab;
import io.lakelab.platform.lab.LabService;
import io.lakelab.platform.membership.MembershipService;
import io.lakelab.platform.programme.ConstructionPlan.PlannedMember;
import io.lakelab.platform.programme.ConstructionPlan.TaskIndicator;
import io.lakelab.platform.programme.LabApplication.Recommendation;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The programme lifecycle: applications, expert opinions, approval (which provisions the lab
 * through {@link LabService#create}, its plan's indicators and its members) or rejection, the
 * evaluation at the end of the pilot ({@link Evaluator}) and the outcome ({@link Delisting} for
 * 摘牌). Every step is authorized, checked against {@link ProgrammeState}, recorded as a transition
 * and audited; a refused step is audited too.
 */
@Service
public class ProgrammeService {

    private final ProgrammeRepository repository;
    private final LabService labs;
    private final IndicatorService indicators;
    private final MembershipService memberships;
    private final Evaluator evaluator;
    private final Delisting delisting;
    private final Authorizer authorizer;
    private final AuditService audit;
    private final ProgrammeProperties properties;
    private final TransactionTemplate tx;

    ProgrammeService(
            ProgrammeRepository repository,
            LabService labs,
            IndicatorService indicators,
            MembershipService memberships,
            Evaluator evaluator,
            Delisting delisting,
            Authorizer authorizer,
            AuditService audit,
            ProgrammeProperties properties,
            PlatformTransactionManager transactions) {
        this.repository = repository;
        this.labs = labs;
        this.indicators = indicators;
        this.memberships = memberships;
        this.evaluator = evaluator;
        this.delisting = delisting;
        this.authorizer = authorizer;
        this.audit = audit;
        this.properties = properties;
        this.tx = new TransactionTemplate(transactions);
    }

    public LabApplication apply(CurrentUser user, ConstructionPlan plan) {
        authorizer.authorizeOrThrow(user, Operation.APPLY_FOR_LAB);
        LabCode code = new LabCode(plan.labCode());
        try {
            validate(plan);
            if (repository.liveApplicationExists(code.value()) || labExists(code)) {
                throw new LakeLabException(
                        ErrorCategory.CONFLICT,
                        "Lab code '" + code.value() + "' is already taken by a lab or a pending application:"
                                + " choose another code.");
            }
        } catch (LakeLabException e) {
            audit.record(
                    user.username(),
                    "programme.apply",
                    "lab:" + code.value(),
                    AuditService.Outcome.DENIED,
                    Map.of("reason", e.getMessage()));
            throw e;
        }
        long id = repository.insert(plan, user.username());
        audit.record(
                user.username(),
                "programme.apply",
                "application:" + id,
                AuditService.Outcome.SUCCEEDED,
                Map.of("lab", code.value(), "leadUnit", plan.leadUnit()));
        return repository.find(id).orElseThrow();
    }

    public List<LabApplication> list(CurrentUser user) {
        authorizer.authorizeOrThrow(user, Operation.VIEW_APPLICATIONS);
        return repository.findAll(seesAll(user) ? null : user.username());
    }

    public LabApplication get(CurrentUser user, long id) {
        authorizer.authorizeOrThrow(user, Operation.VIEW_APPLICATIONS);
        LabApplication application = require(id);
        if (!seesAll(user) && !application.appliedBy().equals(user.username())) {
            throw new LakeLabException(
                    ErrorCategory.FORBIDDEN,
                    "User " + user.username() + " may not view application " + id
                            + ": applicants see their own applications only.");
        }
        return application;
    }

    public LabApplication review(CurrentUser user, long id, Recommendation recommendation, String opinion) {
        authorizer.authorizeOrThrow(user, Operation.REVIEW_APPLICATION);
        if (recommendation == null || opinion == null || opinion.isBlank()) {
            throw LakeLabException.badRequest(
                    "An expert opinion needs a recommendation (APPROVE, REJECT or REVISE) and the opinion text.");
        }
        return transition(user, id, ProgrammeAction.REVIEW, opinion, application -> {
            repository.insertOpinion(id, user.username(), recommendation, opinion);
            return Map.of("recommendation", recommendation.name());
        });
    }

    /**
     * Approves: creates the lab through {@link LabService#create} (workspace provisioned), defines
     * the plan's computable task indicators, adds the planned members and starts the pilot, all in
     * one transaction. {@code approvedOn} (default today) may be earlier, for labs the programme
     * office approved before they were onboarded.
     */
    public LabApplication approve(CurrentUser user, long id, String reason, LocalDate approvedOn) {
        authorizer.authorizeOrThrow(user, Operation.DECIDE_APPLICATION);
        LocalDate today = LocalDate.now(properties.zone());
        LocalDate start = approvedOn == null ? today : approvedOn;
        if (start.isAfter(today)) {
            throw LakeLabException.badRequest(
                    "The approval date " + start + " is in the future: give today or an earlier date.");
        }
        return inTransaction(() -> transition(user, id, ProgrammeAction.APPROVE, reason, application -> {
            ConstructionPlan plan = application.plan();
            Lab lab = labs.create(
                    user,
                    new CreateLabRequest(
                            plan.labCode(),
                            plan.nameZh(),
                            plan.nameEn(),
                            plan.direction(),
                            plan.leadUnit(),
                            plan.coBuilders().stream()
                                    .map(b -> new CoBuilder(b.name(), b.role()))
                                    .toList()));
            List<String> defined = new ArrayList<>();
            List<String> planned = new ArrayList<>();
            for (TaskIndicator t : plan.indicators()) {
                if (t.sql() == null || t.sql().isBlank()) {
                    planned.add(t.code());
                    continue;
                }
                indicators.define(
                        user,
                        lab.code(),
                        new DefineIndicatorRequest(
                                t.code(), t.nameZh(), t.nameEn(), t.unit(), t.target(), t.direction(), t.sql()));
                defined.add(t.code());
            }
            LocalDate end = start.plus(properties.pilotPeriod());
            repository.startPilot(id, lab.id(), start, end);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("workspace", lab.workspace());
            details.put("pilotStart", start.toString());
            details.put("pilotEnd", end.toString());
            details.put("indicatorsDefined", defined);
            details.put("indicatorsAwaitingDefinition", planned);
            details.put("members", addMembers(user, lab.code(), plan.members()));
            return details;
        }));
    }

    public LabApplication reject(CurrentUser user, long id, String reason) {
        authorizer.authorizeOrThrow(user, Operation.DECIDE_APPLICATION);
        if (reason == null || reason.isBlank()) {
            throw LakeLabException.badRequest("A rejection needs the reasons: give them in 'reason'.");
        }
        return transition(user, id, ProgrammeAction.REJECT, reason, application -> Map.of());
    }

    /** Evaluates the lab against its plan once its pilot has ended. */
    public Evaluation evaluate(CurrentUser user, long id) {
        authorizer.authorizeOrThrow(user, Operation.EVALUATE_LAB);
        long[] evaluationId = new long[1];
        inTransaction(() -> transition(user, id, ProgrammeAction.EVALUATE, null, application -> {
            LocalDate today = LocalDate.now(properties.zone());
            if (application.pilotEnd() != null && today.isBefore(application.pilotEnd())) {
                throw new LakeLabException(
                        ErrorCategory.CONFLICT,
                        "Lab " + application.labCode() + "'s pilot runs until " + application.pilotEnd()
                                + ": it can be evaluated from that day on.");
            }
            Evaluation evaluation = evaluator.evaluate(user, application);
            evaluationId[0] = repository.insertEvaluation(evaluation);
            return Map.of(
                    "evaluationId", evaluationId[0],
                    "recommendation", evaluation.recommendation().name(),
                    "rationale", evaluation.rationale());
        }));
        return repository.latestEvaluation(id).orElseThrow();
    }

    public Evaluation evaluation(CurrentUser user, long id) {
        get(user, id);
        return repository
                .latestEvaluation(id)
                .orElseThrow(() -> new LakeLabException(
                        ErrorCategory.NOT_FOUND,
                        "Application " + id
                                + " has not been evaluated yet: POST .../evaluation once its pilot ended."));
    }

    /**
     * Records the outcome of an evaluation: CONTINUE, DELIST (摘牌: the lab is frozen read-only and
     * archived, its runs cancelled, every grant revoked and its members removed; nothing is
     * deleted) or UPGRADE.
     */
    public LabApplication decide(CurrentUser user, long id, ProgrammeAction outcome, String reason) {
        authorizer.authorizeOrThrow(user, Operation.EVALUATE_LAB);
        if (!EnumSet.of(ProgrammeAction.CONTINUE, ProgrammeAction.DELIST, ProgrammeAction.UPGRADE)
                .contains(outcome)) {
            throw LakeLabException.badRequest("The outcome " + outcome + " is not one of CONTINUE, DELIST or UPGRADE.");
        }
        if (reason == null || reason.isBlank()) {
            throw LakeLabException.badRequest("An outcome needs its reasons: give them in 'reason'.");
        }
        // Delisting reaches outside the database (runs, Keycloak); each effect is idempotent, so a
        // failure half way leaves the application in EVALUATION and the outcome can be recorded again.
        return transition(user, id, outcome, reason, application -> {
            Map<String, Object> details = new LinkedHashMap<>();
            repository
                    .latestEvaluation(id)
                    .ifPresent(e ->
                            details.put("recommendation", e.recommendation().name()));
            if (outcome == ProgrammeAction.DELIST) {
                details.putAll(delisting.delist(user, new LabCode(application.labCode()), reason));
            }
            return details;
        });
    }

    /** The application that made this lab, if it came through the programme. */
    public Optional<LabApplication> forLab(LabCode code) {
        return repository.forLab(code.value());
    }

    /** The lab's latest evaluation, if any. */
    public Optional<Evaluation> latestEvaluation(LabCode code) {
        return forLab(code).flatMap(a -> repository.latestEvaluation(a.id()));
    }

    /** The stored evaluation pack document ("html" or "pdf"), if rendered. */
    public Optional<byte[]> evaluationPack(long evaluationId, String format) {
        return repository.pack(evaluationId, format);
    }

    /** Stores the rendered evaluation pack; the first one stored is kept. */
    public void storeEvaluationPack(long evaluationId, byte[] html, byte[] pdf) {
        repository.storePack(evaluationId, html, pdf);
    }

    private LabApplication transition(
            CurrentUser user,
            long id,
            ProgrammeAction action,
            String reason,
            java.util.function.Function<LabApplication, Map<String, Object>> effect) {
        LabApplication application = require(id);
        String resource = "application:" + id;
        String auditAction = "programme." + action.name().toLowerCase();
        ProgrammeState to;
        try {
            to = application.state().nextOrThrow(action, "Application " + id + " (lab " + application.labCode() + ")");
        } catch (LakeLabException e) {
            audit.record(
                    user.username(),
                    auditAction,
                    resource,
                    AuditService.Outcome.DENIED,
                    Map.of(
                            "lab",
                            application.labCode(),
                            "state",
                            application.state().name(),
                            "reason",
                            e.getMessage()));
            throw e;
        }
        Map<String, Object> details = effect.apply(application);
        if (!repository.move(id, application.state(), to)) {
            throw new LakeLabException(
                    ErrorCategory.CONFLICT,
                    "Application " + id + " changed while " + action + " was being applied: read it again and retry.");
        }
        repository.insertTransition(id, action, application.state(), to, user.username(), reason, details);
        Map<String, Object> audited = new LinkedHashMap<>(details);
        audited.put("lab", application.labCode());
        audited.put("from", application.state().name());
        audited.put("to", to.name());
        if (reason != null) {
            audited.put("reason", reason);
        }
        audit.record(user.username(), auditAction, resource, AuditService.Outcome.SUCCEEDED, audited);
        return repository.find(id).orElseThrow();
    }

    private List<Map<String, Object>> addMembers(CurrentUser user, LabCode lab, List<PlannedMember> members) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (PlannedMember m : members) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("username", m.username());
            result.put("role", String.valueOf(m.role()));
            try {
                memberships.add(user, lab, m.username());
                result.put("provisioned", true);
            } catch (LakeLabException e) {
                // An unknown user (or Keycloak without provisioning): recorded in the plan, not provisioned,
                // and the note says what to do. Nothing was written, so the approval's transaction goes on.
                result.put("provisioned", false);
                result.put("note", e.getMessage());
            }
            out.add(result);
        }
        return out;
    }

    /** Refuses a plan that lacks what the notice requires, saying what is missing. */
    static void validate(ConstructionPlan plan) {
        Set<CoBuilderRole> missing = EnumSet.allOf(CoBuilderRole.class);
        plan.coBuilders().forEach(b -> missing.remove(b.role()));
        if (!missing.isEmpty()) {
            throw LakeLabException.badRequest("The plan's co-builders lack "
                    + missing.stream().map(r -> r.name().toLowerCase()).toList()
                    + ": the programme requires at least one co-builder each from industry, academia, research"
                    + " and application (产学研用). Add a co-builder with each missing role.");
        }
        Set<String> codes = new HashSet<>();
        for (TaskIndicator t : plan.indicators()) {
            if (!codes.add(t.code())) {
                throw LakeLabException.badRequest(
                        "Task indicator code '" + t.code() + "' appears twice: give each indicator its own code.");
            }
            if (!t.code().matches("[a-z][a-z0-9_]{0,62}")) {
                throw LakeLabException.badRequest("Task indicator code '" + t.code()
                        + "' is invalid: start with a lower-case letter followed by lower-case letters, digits or"
                        + " underscores.");
            }
            if (!Double.isFinite(t.target())) {
                throw LakeLabException.badRequest("Task indicator " + t.code() + "'s target must be a finite number.");
            }
        }
        if (plan.indicators().stream().noneMatch(TaskIndicator::mandatory)) {
            throw LakeLabException.badRequest(
                    "The plan marks no task indicator as mandatory: mark those the evaluation must see met.");
        }
    }

    private boolean labExists(LabCode code) {
        try {
            labs.require(code);
            return true;
        } catch (LakeLabException e) {
            return false;
        }
    }

    private LabApplication require(long id) {
        return repository
                .find(id)
                .orElseThrow(() -> new LakeLabException(
                        ErrorCategory.NOT_FOUND,
                        "No lab application with id " + id + ": GET /api/v1/programme/applications lists them."));
    }

    private static boolean seesAll(CurrentUser user) {
        return user.has(Role.PLATFORM_ADMIN) || user.has(Role.REVIEWER);
    }

    private <T> T inTransaction(Supplier<T> work) {
        return tx.execute(status -> work.get());
    }
}
