package io.lakelab.platform.access;

import java.time.Instant;
import java.time.OffsetDateTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Monotonic versions per served document, bumped atomically when its fingerprint changes. */
@Repository
class PolicyVersionRepository {

    /** A document's current version and when it last changed. */
    record Version(long version, Instant updatedAt) {}

    private final JdbcClient jdbc;

    PolicyVersionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Version versionFor(String key, String fingerprint) {
        return jdbc.sql("INSERT INTO policy_versions AS p (service, version, fingerprint) VALUES (?, 1, ?)"
                        + " ON CONFLICT (service) DO UPDATE SET"
                        + " version = CASE WHEN p.fingerprint = EXCLUDED.fingerprint THEN p.version ELSE p.version + 1 END,"
                        + " updated_at = CASE WHEN p.fingerprint = EXCLUDED.fingerprint THEN p.updated_at ELSE now() END,"
                        + " fingerprint = EXCLUDED.fingerprint"
                        + " RETURNING version, updated_at")
                .params(key, fingerprint)
                .query((rs, i) -> new Version(
                        rs.getLong("version"),
                        rs.getObject("updated_at", OffsetDateTime.class).toInstant()))
                .single();
    }
}
