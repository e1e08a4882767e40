package io.lakelab.platform.indicator;

import io.lakelab.catalog.ErrorCategory;
import io.lakelab.catalog.LabCode;
import io.lakelab.catalog.LakeLabException;
import io.lakelab.platform.audit.AuditService;
import io.lakelab.platform.identity.Authorizer;
import io.lakelab.platform.identity.CurrentUser;
import io.lakelab.platform.identity.Operation;
import io.lakelab.platform.lab.Lab;
import io.lakelab.platform.lab.LabService;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Lab indicators: definition (validated SQL over the lab's workspace), the latest value against
 * the target, and the history of values with their provenance. Job runs hand their computed values
 * to {@link #recordValues}.
 */
@Service
public class IndicatorService {

    private static final Logger log = LoggerFactory.getLogger(IndicatorService.class);
    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private final IndicatorRepository repository;
    private final LabService labs;
    private final Authorizer authorizer;
    private final AuditService audit;

    IndicatorService(IndicatorRepository repository, LabService labs, Authorizer authorizer, AuditService audit) {
        this.repository = repository;
        this.labs = labs;
        this.authorizer = authorizer;
        this.audit = audit;
    }

    @Transactional
    public IndicatorView define(CurrentUser user, LabCode labCode, DefineIndicatorRequest request) {
        authorizer.authorizeOrThrow(user, Operation.DEFINE_INDICATOR, labCode);
        Lab lab = labs.require(labCode);
        if (!CODE.matcher(request.code()).matches()) {
            throw LakeLabException.badRequest("Indicator code '" + request.code()
                    + "' is invalid: start with a lower-case letter followed by up to 62 lower-case letters, digits"
                    + " or underscores.");
        }
        if (!Double.isFinite(request.target())) {
            throw LakeLabException.badRequest("Indicator " + request.code() + "'s target must be a finite number.");
        }
        List<String> tables = IndicatorSql.tables(lab.workspace(), request.code(), request.sql());
        long id = repository.upsert(lab.id(), request, tables, user.username());
        audit.record(
                user.username(),
                "indicator.define",
                "lab:" + labCode.value(),
                AuditService.Outcome.SUCCEEDED,
                Map.of("indicator", request.code(), "indicatorId", id, "tables", tables));
        return view(repository.find(lab.id(), request.code()).orElseThrow());
    }

    public List<IndicatorView> list(CurrentUser user, LabCode labCode) {
        authorizer.authorizeOrThrow(user, Operation.VIEW_INDICATORS, labCode);
        return repository.forLab(labs.require(labCode).id()).stream()
                .map(this::view)
                .toList();
    }

    public List<IndicatorValue> values(CurrentUser user, LabCode labCode, String code, int limit) {
        authorizer.authorizeOrThrow(user, Operation.VIEW_INDICATORS, labCode);
        return repository.values(require(labCode, code), Math.max(1, Math.min(limit, 1000)));
    }

    /** The lab's indicator definitions, for the job feature to hand to a run. */
    public List<Indicator> definitions(LabCode labCode) {
        return repository.forLab(labs.require(labCode).id());
    }

    /** Stores what a run computed; values for indicators deleted meanwhile are dropped. */
    public void recordValues(LabCode labCode, String runId, List<ComputedIndicator> values) {
        long labId = labs.require(labCode).id();
        for (ComputedIndicator value : values) {
            Optional<Indicator> indicator = repository.find(labId, value.code());
            if (indicator.isEmpty()) {
                log.info("Run {} computed indicator {} which lab {} no longer defines", runId, value.code(), labCode);
                continue;
            }
            repository.insertValue(indicator.get().id(), runId, value);
        }
    }

    private Indicator require(LabCode labCode, String code) {
        return repository
                .find(labs.require(labCode).id(), code)
                .orElseThrow(() -> new LakeLabException(
                        ErrorCategory.NOT_FOUND,
                        "Lab " + labCode.value() + " has no indicator '" + code + "': GET /api/v1/labs/"
                                + labCode.value() + "/indicators lists them."));
    }

    private IndicatorView view(Indicator i) {
        Optional<IndicatorValue> latestGood = repository.latest(i, true);
        Optional<IndicatorValue> latest = repository.latest(i, false);
        String latestError =
                latest.filter(v -> v.value() == null).map(IndicatorValue::error).orElse(null);
        return new IndicatorView(
                i.code(),
                i.nameZh(),
                i.nameEn(),
                i.unit(),
                i.target(),
                i.direction(),
                i.sql(),
                i.tables(),
                latestGood.map(IndicatorValue::value).orElse(null),
                latestGood.map(IndicatorValue::met).orElse(null),
                latestGood.orElse(null),
                latestError,
                i.definedBy(),
                i.definedAt());
    }
}
