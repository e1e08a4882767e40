package io.lakelab.platform.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The numbers of one lab's monthly construction report, as they were when it was issued: the
 * archived snapshot the HTML and PDF were rendered from.
 */
public record MonthlyNumbers(
        String lab,
        String labNameZh,
        String labNameEn,
        String month,
        String language,
        Instant from,
        Instant asOf,
        LocalDate pilotStart,
        LocalDate pilotEnd,
        List<IndicatorLine> indicators,
        Activity activity,
        List<LineageLine> lineage,
        Security security) {

    /** An indicator at month end against its target, with its month-end values since the trend start. */
    public record IndicatorLine(
            String code,
            String nameZh,
            String nameEn,
            String unit,
            double target,
            String direction,
            Double value,
            Boolean met,
            String runId,
            Instant computedAt,
            List<TrendPoint> trend) {}

    /** The last value computed by the end of a month (null when none yet). */
    public record TrendPoint(String month, Double value) {}

    /** What the lab did in the month. */
    public record Activity(
            int datasetsRegistered,
            int ingestions,
            long rowsIngested,
            int snapshotsCommitted,
            List<DatasetIngested> datasetsIngested,
            int jobsSucceeded,
            int jobsFailed,
            int jobsCancelled,
            double computeSeconds,
            List<Output> outputs,
            int accessRequests,
            int accessRequestsApproved,
            int grantsCreated,
            int grantsRevoked,
            int activeGrantsAtMonthEnd,
            int analystQueries) {}

    /** A dataset ingested in the month: loads, rows and the snapshots they committed. */
    public record DatasetIngested(String dataset, String kind, int loads, long rows, int snapshots) {}

    /** A table a successful run wrote in the month. */
    public record Output(String table, Long rows, Long snapshotId, String runId) {}

    /** Which public and which social datasets were fused (transitively) into an output (its dataset name). */
    public record LineageLine(String output, List<String> publicSources, List<String> socialSources) {}

    /** Data security in the month. */
    public record Security(
            int deniedAccesses, List<Denial> denials, List<ExpiringGrant> grantsNearExpiry, List<Incident> incidents) {}

    /** An access the platform refused. */
    public record Denial(Instant at, String actor, String action, String reason) {}

    /** A grant that expires within the warning window after the month end. */
    public record ExpiringGrant(long grantId, String dataset, Instant expiresAt) {}

    /** A security incident or emergency measure recorded for the lab. */
    public record Incident(Instant at, String actor, String action, String detail) {}
}
