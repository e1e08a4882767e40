package io.lakelab.platform.identity;

import io.lakelab.catalog.LabCode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

/** Persists the embedded issuer's users, their roles and their lab memberships (migration V7). */
final class EmbeddedUserRepository {

    private final JdbcClient jdbc;
    private final TransactionOperations transactions;

    EmbeddedUserRepository(JdbcClient jdbc, TransactionOperations transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /**
     * Inserts a user with their roles and memberships in one transaction; false (and nothing
     * written) when the name is taken.
     */
    boolean insert(
            String username, Collection<Role> roles, Collection<LabCode> labs, String secretHash, String createdBy) {
        Boolean inserted = transactions.execute(status -> {
            int rows = jdbc.sql("INSERT INTO embedded_users (username, secret_hash, created_by) VALUES (?, ?, ?)"
                            + " ON CONFLICT DO NOTHING")
                    .params(username, secretHash, createdBy)
                    .update();
            if (rows == 0) {
                return false;
            }
            for (Role role : roles) {
                jdbc.sql("INSERT INTO embedded_user_roles (username, role) VALUES (?, ?) ON CONFLICT DO NOTHING")
                        .params(username, role.claimValue())
                        .update();
            }
            labs.forEach(lab -> addMember(lab, username));
            return true;
        });
        return Boolean.TRUE.equals(inserted);
    }

    boolean exists(String username) {
        return jdbc.sql("SELECT count(*) FROM embedded_users WHERE username = ?")
                        .param(username)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** The stored secret hash; empty for a demo user (or an unknown one). */
    Optional<String> secretHash(String username) {
        return jdbc.sql("SELECT secret_hash FROM embedded_users WHERE username = ? AND secret_hash IS NOT NULL")
                .param(username)
                .query(String.class)
                .optional();
    }

    Optional<EmbeddedUser> find(String username) {
        return load("WHERE u.username = ?", List.of(username)).stream().findFirst();
    }

    List<EmbeddedUser> findAll() {
        return load("", List.of());
    }

    /** Adds the membership; adding it twice is not an error. */
    void addMember(LabCode lab, String username) {
        jdbc.sql("INSERT INTO embedded_lab_members (lab_code, username) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(lab.value(), username)
                .update();
    }

    /** Removes the membership; false when there was none. */
    boolean removeMember(LabCode lab, String username) {
        return jdbc.sql("DELETE FROM embedded_lab_members WHERE lab_code = ? AND username = ?")
                        .params(lab.value(), username)
                        .update()
                > 0;
    }

    List<String> members(LabCode lab) {
        return jdbc.sql("SELECT username FROM embedded_lab_members WHERE lab_code = ? ORDER BY username")
                .param(lab.value())
                .query(String.class)
                .list();
    }

    private List<EmbeddedUser> load(String where, List<Object> params) {
        Map<String, Row> users = new LinkedHashMap<>();
        jdbc.sql("SELECT u.username, u.created_by, u.created_at FROM embedded_users u " + where
                        + " ORDER BY u.username")
                .params(params)
                .query((rs, n) -> new Row(
                        rs.getString("username"),
                        rs.getString("created_by"),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant()))
                .list()
                .forEach(r -> users.put(r.username, r));
        if (users.isEmpty()) {
            return List.of();
        }
        jdbc.sql("SELECT username, role FROM embedded_user_roles u " + where + " ORDER BY role")
                .params(params)
                .query((rs, n) -> Map.entry(rs.getString("username"), rs.getString("role")))
                .list()
                .forEach(e -> users.get(e.getKey()).roles.add(e.getValue()));
        jdbc.sql("SELECT username, lab_code FROM embedded_lab_members u " + where + " ORDER BY lab_code")
                .params(params)
                .query((rs, n) -> Map.entry(rs.getString("username"), rs.getString("lab_code")))
                .list()
                .forEach(e -> users.get(e.getKey()).labs.add(e.getValue()));
        return users.values().stream()
                .map(r -> new EmbeddedUser(r.username, r.roles, r.labs, r.createdBy, r.createdAt))
                .toList();
    }

    private static final class Row {
        final String username;
        final String createdBy;
        final Instant createdAt;
        final List<String> roles = new ArrayList<>();
        final List<String> labs = new ArrayList<>();

        Row(String username, String createdBy, Instant createdAt) {
            this.username = username;
            this.createdBy = createdBy;
            this.createdAt = createdAt;
        }
    }
}
