package io.lakelab.platform.report;

import io.lakelab.platform.audit.AuditService;
import io.lakelab.platform.lab.Lab;
import io.lakelab.platform.report.MonthlyNumbers.Activity;
import io.lakelab.platform.report.MonthlyNumbers.Denial;
import io.lakelab.platform.report.MonthlyNumbers.IndicatorLine;
import io.lakelab.platform.report.MonthlyNumbers.LineageLine;
import io.lakelab.platform.report.MonthlyNumbers.Security;
import io.lakelab.platform.report.MonthlyNumbers.TrendPoint;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/** Gathers a lab's numbers for one month from the read model. */
@Component
class MonthlyCollector {

    private final ReportRepository repository;
    private final ReportProperties properties;
    private final AuditService audit;

    MonthlyCollector(ReportRepository repository, ReportProperties properties, AuditService audit) {
        this.repository = repository;
        this.properties = properties;
        this.audit = audit;
    }

    MonthlyNumbers collect(
            Lab lab,
            YearMonth month,
            ZoneId zone,
            String language,
            LocalDate pilotStart,
            LocalDate pilotEnd,
            List<String> members) {
        Instant from = month.atDay(1).atStartOfDay(zone).toInstant();
        Instant monthEnd = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        Instant now = Instant.now();
        Instant to = monthEnd.isBefore(now) ? monthEnd : now;
        YearMonth trendStart = YearMonth.from(
                pilotStart != null ? pilotStart : lab.createdAt().atZone(zone).toLocalDate());
        if (trendStart.isAfter(month)) {
            trendStart = month;
        }
        List<IndicatorLine> indicators = new ArrayList<>();
        for (ReportRepository.IndicatorRow i : repository.indicators(lab.id())) {
            indicators.add(indicator(i, repository.values(i.id(), to), trendStart, month, zone));
        }
        Map<String, ReportRepository.JobCount> jobs = new HashMap<>();
        repository.jobs(lab.id(), from, to).forEach(j -> jobs.put(j.state(), j));
        var ingested = repository.ingestions(lab.id(), from, to);
        int[] requests = repository.accessRequests(lab.id(), from, to);
        // Every Trino query of the lab's members, through any client (JDBC, notebooks, the API),
        // as Trino's event listener reported it to the audit.
        AuditService.QueryActivity queries = audit.queryActivity(members, from, to);
        Activity activity = new Activity(
                repository.datasetsRegistered(lab.id(), from, to),
                ingested.stream()
                        .mapToInt(MonthlyNumbers.DatasetIngested::loads)
                        .sum(),
                ingested.stream()
                        .mapToLong(MonthlyNumbers.DatasetIngested::rows)
                        .sum(),
                ingested.stream()
                        .mapToInt(MonthlyNumbers.DatasetIngested::snapshots)
                        .sum(),
                ingested,
                runs(jobs, "SUCCEEDED"),
                runs(jobs, "FAILED"),
                runs(jobs, "CANCELLED"),
                Math.round(jobs.values().stream()
                                        .mapToDouble(ReportRepository.JobCount::seconds)
                                        .sum()
                                * 10)
                        / 10.0,
                repository.outputs(lab.id(), from, to),
                requests[0],
                requests[1],
                repository.grantsCreated(lab.id(), from, to),
                repository.grantsRevoked(lab.id(), from, to),
                repository.activeGrants(lab.id(), from, to),
                queries.queries());
        List<Denial> denials = new ArrayList<>(repository.denials(lab.code().value(), from, to));
        queries.denials().forEach(d -> denials.add(new Denial(d.at(), d.actor(), d.action(), trinoReason(d))));
        denials.sort(Comparator.comparing(Denial::at));
        Security security = new Security(
                denials.size(),
                denials.stream().limit(50).toList(),
                repository.grantsNearExpiry(lab.id(), to, to.plus(properties.nearExpiryDays(), ChronoUnit.DAYS)),
                repository.incidents(lab.code().value(), from, to));
        return new MonthlyNumbers(
                lab.code().value(),
                lab.nameZh(),
                lab.nameEn(),
                month.toString(),
                language,
                from,
                to,
                pilotStart,
                pilotEnd,
                indicators,
                activity,
                lineage(lab, to),
                security);
    }

    private static String trinoReason(AuditService.AuditEvent denied) {
        Object failure = denied.details().get("failure");
        Object message = failure instanceof Map<?, ?> f ? f.get("message") : null;
        return (message == null ? "access denied" : message) + " [Trino query "
                + denied.details().get("queryId") + "]";
    }

    private static int runs(Map<String, ReportRepository.JobCount> jobs, String state) {
        ReportRepository.JobCount count = jobs.get(state);
        return count == null ? 0 : count.runs();
    }

    private static IndicatorLine indicator(
            ReportRepository.IndicatorRow i,
            List<ReportRepository.ValueRow> values,
            YearMonth start,
            YearMonth month,
            ZoneId zone) {
        List<TrendPoint> trend = new ArrayList<>();
        int next = 0;
        Double last = null;
        for (YearMonth m = start; !m.isAfter(month); m = m.plusMonths(1)) {
            Instant end = m.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
            while (next < values.size() && values.get(next).computedAt().isBefore(end)) {
                last = values.get(next++).value();
            }
            trend.add(new TrendPoint(m.toString(), last));
        }
        ReportRepository.ValueRow latest = values.isEmpty() ? null : values.get(values.size() - 1);
        boolean atLeast = "AT_LEAST".equals(i.direction());
        return new IndicatorLine(
                i.code(),
                i.nameZh(),
                i.nameEn(),
                i.unit(),
                i.target(),
                i.direction(),
                latest == null ? null : latest.value(),
                latest == null ? null : (atLeast ? latest.value() >= i.target() : latest.value() <= i.target()),
                latest == null ? null : latest.runId(),
                latest == null ? null : latest.computedAt(),
                trend);
    }

    /** For each output of the lab, the public and social source datasets upstream of it. */
    private List<LineageLine> lineage(Lab lab, Instant to) {
        Map<String, Set<String>> upstream = new HashMap<>();
        for (String[] edge : repository.lineageEdges(lab.id(), to)) {
            upstream.computeIfAbsent(edge[1], k -> new HashSet<>()).add(edge[0]);
        }
        Map<String, String[]> datasets = repository.datasetsByTable();
        List<LineageLine> lines = new ArrayList<>();
        for (String output : new TreeSet<>(upstream.keySet())) {
            if (!output.startsWith(lab.workspace() + ".")) {
                continue;
            }
            Set<String> publicSources = new TreeSet<>();
            Set<String> socialSources = new TreeSet<>();
            Set<String> seen = new HashSet<>();
            Deque<String> todo = new ArrayDeque<>(upstream.get(output));
            while (!todo.isEmpty()) {
                String table = todo.pop();
                if (!seen.add(table)) {
                    continue;
                }
                String[] dataset = datasets.get(table);
                if (dataset != null && "PUBLIC".equals(dataset[0])) {
                    publicSources.add(dataset[1]);
                } else if (dataset != null && "SOCIAL".equals(dataset[0])) {
                    socialSources.add(dataset[1]);
                }
                todo.addAll(upstream.getOrDefault(table, Set.of()));
            }
            if (!publicSources.isEmpty() || !socialSources.isEmpty()) {
                // Named as the lineage API names nodes: the dataset name, the table only when unregistered.
                String name = datasets.containsKey(output) ? datasets.get(output)[1] : output;
                lines.add(new LineageLine(name, List.copyOf(publicSources), List.copyOf(socialSources)));
            }
        }
        return lines;
    }
}
