package io.lakelab.platform.audit;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Where Trino's HTTP event listener posts query created and completed events, beside the policy
 * download API (same security chain: no JWT filter, the controller authenticates every call). Only
 * a live {@link AuditTokens event token} is accepted, as a bearer token; anything else gets 401 and
 * is itself audited. A retried event is answered 200 without a second record.
 */
@RestController
class TrinoEventController {

    private final AuditService audit;
    private final AuditTokens tokens;

    TrinoEventController(AuditService audit, AuditTokens tokens) {
        this.audit = audit;
        this.tokens = tokens;
    }

    @PostMapping(path = AuditTokens.TRINO_EVENTS_PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
    // Not part of the public API document: only the Trino the platform starts calls it.
    @io.swagger.v3.oas.annotations.Hidden
    ResponseEntity<?> event(HttpServletRequest http, @RequestBody JsonNode event) {
        String authorization = http.getHeader("Authorization");
        String token = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).strip()
                : null;
        if (tokens.clientOf(token).isEmpty()) {
            audit.record(
                    "anonymous",
                    "trino.event.post",
                    "trino:lakelab",
                    AuditService.Outcome.DENIED,
                    Map.of("reason", "no live event token"));
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                    HttpStatus.UNAUTHORIZED,
                    "Posting query events needs the event token the platform issued to its Trino"
                            + " ('Authorization: Bearer lka_...').");
            problem.setType(URI.create("https://lakelab.io/problems/unauthorized"));
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem);
        }
        TrinoQueryEvent parsed = TrinoQueryEvent.parse(event); // 400 when it is not a query event
        boolean recorded = audit.recordTrinoQuery(parsed);
        return ResponseEntity.ok(Map.of("queryId", parsed.queryId(), "recorded", recorded));
    }
}
