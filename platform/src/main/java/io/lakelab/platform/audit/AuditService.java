package io.lakelab.platform.audit;

import io.lakelab.platform.identity.Authorizer;
import io.lakelab.platform.identity.CurrentUser;
import io.lakelab.platform.identity.Operation;
import io.lakelab.platform.programme.ProgrammeProperties;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * The audit trail: every access decision and administrative action, and every Trino query (posted
 * by Trino's HTTP event listener), with who, what, on which resource, the outcome and details.
 * Records are written in their own transaction so a refusal that rolls back the caller's work is
 * still recorded. The trail is tamper-evident: each record is hash-chained to the one before
 * ({@link AuditChain}), the table is insert-only, and a signed checkpoint of the chain head is
 * written outside the database every day; {@link #verify} checks all of it.
 */
@Service
public class AuditService {

    private static final Logger log = LoggerFactory.getLogger(AuditService.class);

    /** Whether the audited action went through. */
    public enum Outcome {
        ALLOWED,
        DENIED,
        SUCCEEDED,
        FAILED,
        /** The action began (a Trino query was accepted); a later record tells how it ended. */
        STARTED
    }

    /** One audit record, with its place in the hash chain. */
    public record AuditEvent(
            long id,
            Instant at,
            String actor,
            String action,
            String resource,
            Outcome outcome,
            Map<String, Object> details,
            String prevHash,
            String hash) {}

    /** The result of walking the chain: intact, or the first broken link and failed checkpoints. */
    public record Verification(
            boolean intact,
            long records,
            String lastHash,
            Instant verifiedAt,
            Broken firstBroken,
            List<CheckpointCheck> checkpoints) {}

    /** The first record where the chain breaks, and why. */
    public record Broken(long id, String reason) {}

    /** One checkpoint file checked against the chain ({@code problem} null when valid). */
    public record CheckpointCheck(String file, long records, String hash, boolean valid, String problem) {}

    /** The signed checkpoints and the public key that verifies them. */
    public record Checkpoints(String algorithm, String keyId, String publicKey, List<Checkpoint> checkpoints) {}

    /** Trino queries of some users in a period: how many completed, and which were denied. */
    public record QueryActivity(int queries, List<AuditEvent> denials) {}

    /** Export formats of {@link #export}. */
    public enum ExportFormat {
        JSONL,
        CSV
    }

    private final AuditRepository repository;
    private final AuditCheckpoints checkpoints;
    private final ObjectProvider<Authorizer> authorizer;
    private final ZoneId months;

    AuditService(
            AuditRepository repository,
            AuditCheckpoints checkpoints,
            ObjectProvider<Authorizer> authorizer,
            ProgrammeProperties programme) {
        this.repository = repository;
        this.checkpoints = checkpoints;
        this.authorizer = authorizer;
        this.months = programme.zone();
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void record(String actor, String action, String resource, Outcome outcome, Map<String, ?> details) {
        repository.append(actor, action, resource, outcome, tree(details));
    }

    public List<AuditEvent> search(CurrentUser user, String actor, String action, Instant since, int limit) {
        authorizer.getObject().authorizeOrThrow(user, Operation.VIEW_AUDIT);
        return repository.search(actor, action, since, Math.max(1, Math.min(limit, 1000))).stream()
                .map(AuditService::event)
                .toList();
    }

    /** Walks the whole chain on one snapshot of the database and checks every checkpoint. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Verification verify(CurrentUser user) {
        authorizer.getObject().authorizeOrThrow(user, Operation.VERIFY_AUDIT);
        Verification v =
                ChainVerifier.verify(repository::page, repository.head(), checkpoints.all(), checkpoints.key());
        if (!v.intact()) {
            log.warn(
                    "Audit chain verification failed: {}",
                    v.firstBroken() != null
                            ? v.firstBroken().reason()
                            : v.checkpoints().stream()
                                    .filter(c -> !c.valid())
                                    .map(c -> c.file() + ": " + c.problem())
                                    .toList());
        }
        return v;
    }

    /** Signs the current chain head as today's checkpoint now (also done daily and at startup). */
    public Checkpoint checkpoint(CurrentUser user) {
        authorizer.getObject().authorizeOrThrow(user, Operation.VERIFY_AUDIT);
        return checkpoints.write(repository.head());
    }

    public Checkpoints checkpoints(CurrentUser user) {
        authorizer.getObject().authorizeOrThrow(user, Operation.VERIFY_AUDIT);
        SigningKey key = checkpoints.key();
        return new Checkpoints(
                SigningKey.ALGORITHM,
                key.keyId(),
                key.publicKeyBase64(),
                checkpoints.all().stream()
                        .map(AuditCheckpoints.Stored::checkpoint)
                        .filter(c -> c != null)
                        .toList());
    }

    @Scheduled(cron = "${lakelab.audit.checkpoint-cron:0 5 0 * * *}", zone = "UTC")
    void dailyCheckpoint() {
        Checkpoint c = checkpoints.write(repository.head());
        log.info("Audit checkpoint {}: {} records, last {} ({})", c.day(), c.records(), c.lastId(), c.hash());
    }

    @EventListener(ApplicationReadyEvent.class)
    void checkpointOnStart() {
        if (!checkpoints.exists(LocalDate.now(ZoneOffset.UTC))) {
            dailyCheckpoint();
        }
    }

    /** Checks the caller may export; call before streaming {@link #export}. */
    public void authorizeExport(CurrentUser user) {
        authorizer.getObject().authorizeOrThrow(user, Operation.EXPORT_AUDIT);
    }

    /**
     * Writes the month's records with their chain hashes, in chain order. Months are in the
     * programme's zone ({@code lakelab.programme.zone}), as monthly reports are.
     */
    public void export(YearMonth month, ExportFormat format, OutputStream out) throws IOException {
        Instant from = month.atDay(1).atStartOfDay(months).toInstant();
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay(months).toInstant();
        AuditExport writer = new AuditExport(format, out);
        long after = 0;
        for (List<AuditRepository.Row> page = repository.page(after, from, to, ChainVerifier.PAGE);
                !page.isEmpty();
                page = repository.page(after, from, to, ChainVerifier.PAGE)) {
            for (AuditRepository.Row r : page) {
                writer.write(r);
                after = r.id();
            }
        }
        writer.finish();
    }

    /** Records one Trino query event; a repeated post of the same event (a retry) is recorded once. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public boolean recordTrinoQuery(TrinoQueryEvent event) {
        repository.lockChain(); // so a concurrent retry sees this record before checking
        if (repository.hasTrinoEvent(event.action(), event.queryId())) {
            return false;
        }
        repository.append(event.user(), event.action(), "trino:lakelab", event.outcome(), tree(event.details()));
        return true;
    }

    /**
     * The users' Trino queries in [from, to): how many completed (through any client, not only
     * {@code POST /api/v1/query}) and the ones access control denied. For the monthly report; the
     * caller authorizes.
     */
    public QueryActivity queryActivity(List<String> users, Instant from, Instant to) {
        if (users.isEmpty()) {
            return new QueryActivity(0, List.of());
        }
        return new QueryActivity(
                repository.trinoQueries(users, from, to),
                repository.trinoDenials(users, from, to).stream()
                        .map(AuditService::event)
                        .toList());
    }

    private static AuditEvent event(AuditRepository.Row r) {
        return new AuditEvent(
                r.id(),
                r.at(),
                r.actor(),
                r.action(),
                r.resource(),
                Outcome.valueOf(r.outcome()),
                AuditRepository.asMap(r.details()),
                r.prevHash(),
                r.hash());
    }

    private static JsonNode tree(Map<String, ?> details) {
        return AuditChain.READER.valueToTree(details);
    }
}
