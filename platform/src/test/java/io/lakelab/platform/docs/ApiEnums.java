package io.lakelab.platform.docs;

import io.lakelab.catalog.CoBuilderRole;
import io.lakelab.catalog.DatasetKind;
import io.lakelab.catalog.Grade;
import io.lakelab.catalog.IndicatorDirection;
import io.lakelab.catalog.LabDirection;
import io.lakelab.catalog.OpenCategory;
import io.lakelab.catalog.QualityRule;
import io.lakelab.catalog.iceberg.SourceFormat;
import io.lakelab.catalog.iceberg.WriteMode;
import io.lakelab.catalog.policy.MaskType;
import io.lakelab.platform.access.AccessRequest;
import io.lakelab.platform.audit.AuditService;
import io.lakelab.platform.grant.Grant;
import io.lakelab.platform.identity.Role;
import io.lakelab.platform.job.JobKind;
import io.lakelab.platform.job.JobState;
import io.lakelab.platform.lab.LabStatus;
import io.lakelab.platform.lineage.LineageGraph;
import io.lakelab.platform.programme.LabApplication;
import io.lakelab.platform.programme.ProgrammeAction;
import io.lakelab.platform.programme.ProgrammeState;
import io.lakelab.platform.programme.ReportLanguage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The enum section of {@code docs/api.md}: every value of every enum the API takes or returns,
 * listed from the enum itself, with its meaning. Meanings are written here, one per constant (a
 * new constant without one fails {@link ApiEnumsDocTest}); where the code already says what a value
 * does (programme transitions, mask types), the column is computed from it.
 */
final class ApiEnums {

    /**
     * One enum as the page shows it: where it appears, what each value means, an optional computed
     * column, and how a value is written in JSON ({@link Enum#name()} unless the API uses another
     * spelling, like the role names of {@link Role#claimValue()}).
     */
    record EnumDoc<E extends Enum<E>>(
            Class<E> type,
            String usedIn,
            Map<E, String> meanings,
            String extraHeader,
            Function<E, String> extra,
            Function<E, String> spelling) {

        EnumDoc(Class<E> type, String usedIn, Map<E, String> meanings, String extraHeader, Function<E, String> extra) {
            this(type, usedIn, meanings, extraHeader, extra, Enum::name);
        }

        /** The values as the API writes them, in declaration order. */
        List<String> values() {
            return Arrays.stream(type.getEnumConstants()).map(spelling).toList();
        }

        List<String> missingMeanings() {
            return Arrays.stream(type.getEnumConstants())
                    .filter(e -> !meanings.containsKey(e) || meanings.get(e).isBlank())
                    .map(e -> type.getSimpleName() + "." + e.name())
                    .toList();
        }

        String markdown() {
            StringBuilder out = new StringBuilder();
            out.append("### `")
                    .append(type.getName()
                            .substring(type.getPackageName().length() + 1)
                            .replace('$', '.'))
                    .append("`\n\n")
                    .append("`")
                    .append(type.getName().replace('$', '.'))
                    .append("`; ")
                    .append(usedIn)
                    .append(".\n\n| value | meaning |");
            int extraColumns = extraHeader == null ? 0 : extraHeader.split("\\|").length;
            out.append(extraHeader == null ? "" : " " + extraHeader + " |")
                    .append("\n|---|---|")
                    .append("---|".repeat(extraColumns))
                    .append('\n');
            for (E value : type.getEnumConstants()) {
                out.append("| `")
                        .append(spelling.apply(value))
                        .append("` | ")
                        .append(meanings.get(value))
                        .append(" |");
                if (extraHeader != null) {
                    out.append(' ').append(extra.apply(value)).append(" |");
                }
                out.append('\n');
            }
            return out.append('\n').toString();
        }
    }

    private static <E extends Enum<E>> EnumDoc<E> doc(Class<E> type, String usedIn, Map<E, String> meanings) {
        return new EnumDoc<>(type, usedIn, meanings, null, null);
    }

    private static final List<String> SAMPLE_TYPES =
            List.of("string", "int", "long", "double", "boolean", "decimal(12,2)", "date", "timestamp");

    private static String appliesTo(MaskType mask) {
        List<String> types =
                SAMPLE_TYPES.stream().filter(mask::appliesTo).collect(Collectors.toCollection(ArrayList::new));
        return types.size() == SAMPLE_TYPES.size() ? "any type" : String.join(", ", types);
    }

    private static String nextSteps(ProgrammeState state) {
        if (state.terminal()) {
            return "final";
        }
        return Arrays.stream(ProgrammeAction.values())
                .filter(a -> state.next(a).isPresent())
                .map(a -> "`" + a.name() + "` → `" + state.next(a).orElseThrow() + "`")
                .collect(Collectors.joining(", "));
    }

    private static String fromStates(ProgrammeAction action) {
        return Arrays.stream(ProgrammeState.values())
                .filter(s -> s.next(action).isPresent())
                .map(s -> "`" + s.name() + "`")
                .collect(Collectors.joining(", "));
    }

    static final List<EnumDoc<?>> ENUMS = List.of(
            doc(
                    LabDirection.class,
                    "a lab's and a construction plan's `direction`",
                    Map.of(
                            LabDirection.INDUSTRY, "industrial and manufacturing data (工业)",
                            LabDirection.SHIPPING_LOGISTICS, "shipping, ports and logistics (航运物流)",
                            LabDirection.INSURANCE, "insurance (保险)",
                            LabDirection.COMMERCE, "commerce and consumption (商贸)",
                            LabDirection.LOW_CARBON, "energy, emissions and carbon (低碳)",
                            LabDirection.PRIVACY_COMPUTING, "privacy-preserving computation (隐私计算)",
                            LabDirection.LIFE_HEALTH, "life sciences and health (生命健康)",
                            LabDirection.DATA_ASSETS, "data as an asset: valuation, registration, trading (数据资产)",
                            LabDirection.INTERNATIONAL_DATA_PORT, "cross-border data (国际数据港)",
                            LabDirection.OTHER, "any other direction")),
            doc(
                    CoBuilderRole.class,
                    "`role` of a lab's `coBuilders[]` and of a plan's `coBuilders[]` (a plan needs all four, 产学研用)",
                    Map.of(
                            CoBuilderRole.INDUSTRY, "an enterprise (产)",
                            CoBuilderRole.ACADEMIA, "a university (学)",
                            CoBuilderRole.RESEARCH, "a research institute (研)",
                            CoBuilderRole.APPLICATION, "a unit that applies the results (用)")),
            doc(
                    DatasetKind.class,
                    "a dataset's `kind` (registration, search filter `kind=`)",
                    Map.of(
                            DatasetKind.PUBLIC, "public data opened by government bodies (公共数据); needs `openCategory`",
                            DatasetKind.SOCIAL,
                                    "data provided by enterprises and other organisations (社会数据); no `openCategory`",
                            DatasetKind.DERIVED,
                                    "written by a lab's job (`<lab>__<table>`); registered by the platform, never by"
                                            + " hand")),
            doc(
                    OpenCategory.class,
                    "a PUBLIC dataset's `openCategory` (registration, search filter `category=`)",
                    Map.of(
                            OpenCategory.UNCONDITIONAL, "unconditionally open (无条件开放): may be granted to any lab",
                            OpenCategory.CONDITIONAL,
                                    "conditionally open (有条件开放): granted only to a lab that accepted the current"
                                            + " data-use agreement",
                            OpenCategory.NOT_OPEN, "not open (非开放): refused at the request and at the grant")),
            doc(
                    Grade.class,
                    "a dataset's `grade` under GB/T 43697-2024 (registration, search filter `grade=`), in order of"
                            + " severity; derived data takes the highest grade of its sources (就高从严)",
                    Map.of(
                            Grade.GENERAL, "general data (一般数据)",
                            Grade.IMPORTANT, "important data (重要数据)",
                            Grade.CORE, "core data (核心数据)")),
            new EnumDoc<>(
                    MaskType.class,
                    "values of `masks` (`{\"column\": \"MASK\"}`) in grants and access-request approvals",
                    Map.of(
                            MaskType.HASH, "SHA-256 of the value, upper-case hex",
                            MaskType.SHOW_LAST_4, "every character but the last four replaced by `X`",
                            MaskType.NULLIFY, "always null",
                            MaskType.REDACT, "upper-case letters to `X`, lower-case to `x`, digits to `0`",
                            MaskType.YEAR, "truncated to the first day of its year",
                            MaskType.MONTH, "truncated to the first day of its month"),
                    "Ranger type | applies to",
                    m -> "`" + m.rangerType() + "` | " + appliesTo(m)),
            doc(
                    IndicatorDirection.class,
                    "an indicator's and a task indicator's `direction`",
                    Map.of(
                            IndicatorDirection.AT_LEAST, "met when the value is at least the target",
                            IndicatorDirection.AT_MOST, "met when the value is at most the target")),
            doc(
                    JobState.class,
                    "a job run's `state`",
                    Map.of(
                            JobState.QUEUED, "waiting for a runner (one running run per lab)",
                            JobState.RUNNING, "its runner JVM is executing the statements",
                            JobState.SUCCEEDED, "finished; outputs, lineage and indicator values are recorded",
                            JobState.FAILED,
                                    "stopped by an error (`error` says which); the workspace is restored to before the"
                                            + " run",
                            JobState.CANCELLED, "cancelled while queued or running; the workspace is restored")),
            doc(
                    JobKind.class,
                    "a job run's `kind`",
                    Map.of(
                            JobKind.SQL, "the statements a lab engineer submitted",
                            JobKind.INDICATOR_REFRESH,
                                    "only recomputes the lab's indicators (`POST /api/v1/labs/{code}/indicators/refresh`)")),
            doc(
                    LabStatus.class,
                    "a lab's `status`",
                    Map.of(
                            LabStatus.ACTIVE,
                            "the workspace takes new work",
                            LabStatus.FROZEN,
                            "read-only and archived (delisted or stopped): data and reports are kept, nothing"
                                    + " new runs")),
            doc(
                    AccessRequest.State.class,
                    "an access request's `state` (filter `state=`)",
                    Map.of(
                            AccessRequest.State.PENDING, "waiting for an administrator",
                            AccessRequest.State.APPROVED, "granted; `grantId` names the grant",
                            AccessRequest.State.REJECTED, "refused; `reason` says why")),
            doc(
                    Grant.State.class,
                    "a grant's `state`, computed when it is read",
                    Map.of(
                            Grant.State.ACTIVE, "counts: the lab's jobs and Trino queries may read as granted",
                            Grant.State.EXPIRED, "past `expiresAt`: kept, no longer counts",
                            Grant.State.REVOKED, "revoked (`revokedBy`, `revokedAt`): kept, no longer counts")),
            new EnumDoc<>(
                    ProgrammeState.class,
                    "a lab application's `state`; the next steps are computed from `ProgrammeState`",
                    Map.of(
                            ProgrammeState.SUBMITTED, "applied, no expert opinion yet",
                            ProgrammeState.UNDER_REVIEW, "at least one expert opinion recorded",
                            ProgrammeState.REJECTED, "rejected with reasons",
                            ProgrammeState.PILOT, "approved: the lab exists and its pilot year runs",
                            ProgrammeState.EVALUATION, "evaluated against the plan; waiting for the outcome",
                            ProgrammeState.CONTINUED, "the lab continues (evaluated again later)",
                            ProgrammeState.DELISTED,
                                    "delisted (摘牌): lab frozen, runs cancelled, grants revoked, members removed",
                            ProgrammeState.UPGRADE_ELIGIBLE, "eligible to upgrade to a centre"),
                    "next steps",
                    ApiEnums::nextSteps),
            new EnumDoc<>(
                    ProgrammeAction.class,
                    "a transition's `action`, `allowedNextSteps[]` and the `outcome` of an evaluation (`CONTINUE`,"
                            + " `DELIST` or `UPGRADE`)",
                    Arrays.stream(ProgrammeAction.values())
                            .collect(Collectors.toMap(Function.identity(), ProgrammeAction::description)),
                    "allowed from",
                    ApiEnums::fromStates),
            doc(
                    LabApplication.Recommendation.class,
                    "an expert opinion's `recommendation`",
                    Map.of(
                            LabApplication.Recommendation.APPROVE, "approve the plan",
                            LabApplication.Recommendation.REJECT, "reject the plan",
                            LabApplication.Recommendation.REVISE, "the plan needs changes")),
            doc(
                    ReportLanguage.class,
                    "a plan's `reportLanguage` (default `ZH_CN`) and `language=` of a monthly report",
                    Map.of(ReportLanguage.ZH_CN, "simplified Chinese", ReportLanguage.EN, "English")),
            doc(
                    QualityRule.RuleType.class,
                    "a quality rule's `type` (`qualityRules[]` of a dataset registration; see docs/ingestion.md)",
                    Map.of(
                            QualityRule.RuleType.NOT_NULL, "every row has a value in the column",
                            QualityRule.RuleType.UNIQUE,
                                    "no value repeats, within the file and, when appending, against the rows already in"
                                            + " the table",
                            QualityRule.RuleType.ALLOWED_VALUES, "the value is one of `values`",
                            QualityRule.RuleType.RANGE,
                                    "the value is between `min` and/or `max`, inclusive (numbers, dates, times,"
                                            + " timestamps)",
                            QualityRule.RuleType.REGEX,
                                    "the whole value matches `pattern`, a Java regular expression (string columns)",
                            QualityRule.RuleType.CREDIT_CODE,
                                    "a unified social credit code (统一社会信用代码) with a valid check character (string"
                                            + " columns)",
                            QualityRule.RuleType.IMO_NUMBER,
                                    "a ship's IMO number with a valid check digit (string columns)")),
            doc(
                    QualityRule.Severity.class,
                    "a quality rule's `severity` (default `ERROR`)",
                    Map.of(
                            QualityRule.Severity.ERROR,
                            "a row that breaks the rule refuses the whole file (400)",
                            QualityRule.Severity.WARN,
                            "the file loads; the rows that break the rule are counted in the warnings and the"
                                    + " profile")),
            doc(
                    SourceFormat.class,
                    "`format` of an ingestion (default: from the file name)",
                    Map.of(SourceFormat.CSV, "CSV with a header row", SourceFormat.PARQUET, "Parquet")),
            doc(
                    WriteMode.class,
                    "`mode` of an ingestion (default `APPEND`)",
                    Map.of(
                            WriteMode.APPEND, "adds the rows to the table",
                            WriteMode.REPLACE, "replaces all rows of the table in one snapshot")),
            doc(
                    AuditService.Outcome.class,
                    "an audit event's `outcome`",
                    Map.of(
                            AuditService.Outcome.ALLOWED, "an access decision that allowed (engines, policy downloads)",
                            AuditService.Outcome.DENIED, "refused: authorization, validation or an access decision",
                            AuditService.Outcome.SUCCEEDED, "the action was carried out",
                            AuditService.Outcome.FAILED, "the action was tried and failed",
                            AuditService.Outcome.STARTED,
                                    "the action began (a Trino query was accepted); a later record tells how it ended")),
            doc(
                    LineageGraph.Direction.class,
                    "`direction=` of `GET /api/v1/lineage/datasets/{name}` (lower case accepted)",
                    Map.of(
                            LineageGraph.Direction.UPSTREAM, "what the dataset was computed from",
                            LineageGraph.Direction.DOWNSTREAM, "what was computed from the dataset",
                            LineageGraph.Direction.BOTH, "both ways (default)")),
            new EnumDoc<>(
                    Role.class,
                    "realm roles, written in lower case as tokens carry them: `roles[]` of a created user"
                            + " (`POST /api/v1/users`); who may do what: docs/roles.md",
                    Map.of(
                            Role.PLATFORM_ADMIN,
                            "runs the platform: labs, datasets, grants and access decisions, agreements, programme"
                                    + " decisions, users and members; submits no jobs",
                            Role.LAB_ENGINEER,
                            "works in their labs: registers and ingests datasets, requests data, submits jobs, defines"
                                    + " indicators, issues reports; applies for labs",
                            Role.ANALYST,
                            "reads their labs' grants, indicators and reports and queries their data through Trino",
                            Role.REVIEWER,
                            "records expert opinions on lab applications; reads every lab's jobs, grants, indicators"
                                    + " and reports"),
                    null,
                    null,
                    Role::claimValue));

    private ApiEnums() {}

    /** The values of every enum on the page, in declaration order. */
    static List<List<String>> valueLists() {
        return ENUMS.stream().map(EnumDoc::values).toList();
    }

    /** Every enum constant above that has no meaning yet. */
    static List<String> missingMeanings() {
        return ENUMS.stream().flatMap(e -> e.missingMeanings().stream()).toList();
    }

    static String markdown() {
        return ENUMS.stream().map(EnumDoc::markdown).collect(Collectors.joining());
    }
}
