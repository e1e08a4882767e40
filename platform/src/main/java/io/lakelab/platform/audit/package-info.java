/**
 * Audit: an insert-only, hash-chained trail of access decisions, administrative actions and every
 * Trino query (Trino's HTTP event listener posts to {@link io.lakelab.platform.audit.TrinoEventController}),
 * with signed daily checkpoints outside the database, verification and monthly export. {@link
 * io.lakelab.platform.audit.AuditService} is the feature's public service.
 */
package io.lakelab.platform.audit;
