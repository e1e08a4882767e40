package io.lakelab.platform.audit;

import io.lakelab.platform.identity.Authorizer;
import io.lakelab.platform.identity.CurrentUser;
import io.lakelab.platform.identity.Operation;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The audit trail: every access decision and every administrative action, with who, what, on
 * which resource, the outcome and details. Records are written in their own transaction so a
 * refusal that rolls back the caller's work is still recorded.
 */
@Service
public class AuditService {

    /** Whether the audited action went through. */
    public enum Outcome {
        ALLOWED,
        DENIED,
        SUCCEEDED,
        FAILED
    }

    /** One audit record. */
    public record AuditEvent(
            long id,
            Instant at,
            String actor,
            String action,
            String resource,
            Outcome outcome,
            Map<String, Object> details) {}

    private final AuditRepository repository;
    private final ObjectProvider<Authorizer> authorizer;

    AuditService(AuditRepository repository, ObjectProvider<Authorizer> authorizer) {
        this.repository = repository;
        this.authorizer = authorizer;
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void record(String actor, String action, String resource, Outcome outcome, Map<String, ?> details) {
        repository.insert(actor, action, resource, outcome, details);
    }

    public List<AuditEvent> search(CurrentUser user, String actor, String action, Instant since, int limit) {
        authorizer.getObject().authorizeOrThrow(user, Operation.VIEW_AUDIT);
        return repository.search(actor, action, since, Math.max(1, Math.min(limit, 1000)));
    }
}
