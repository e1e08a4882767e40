package io.lakelab.jobs;

import java.time.Instant;

/**
 * One access decision made while a job ran, allowed or denied: who ({@code user} in {@code lab}),
 * on what ({@code resource}: {@code namespace.table} or {@code namespace.table.column}, or what a
 * refused statement tried, such as {@code reflect()}), which {@code action} ({@code select},
 * {@code rowfilter}, {@code mask}, {@code write}, {@code metadata}, {@code refuse}, {@code preflight}), the
 * deciding Ranger policy ({@code -1} when no policy matched or a built-in rule refused), the
 * statement (1-based; 0 outside statements) and the run; {@code reason} says why a request was
 * denied, or which mask type or row filter was applied.
 */
public record AuditEvent(
        Instant at,
        String runId,
        String user,
        String lab,
        int statement,
        String resource,
        String action,
        boolean allowed,
        long policyId,
        String reason) {}
