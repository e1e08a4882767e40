package io.lakelab.platform.identity;

import java.time.Instant;
import java.util.List;

/**
 * A user of the embedded issuer as the platform stores it: realm roles (claim values such as
 * {@code analyst}), the codes of the labs they are a member of, and who created them ({@code
 * system:demo-users} for the configured demo users). Their secret is never part of it.
 */
public record EmbeddedUser(
        String username, List<String> roles, List<String> labs, String createdBy, Instant createdAt) {

    public EmbeddedUser {
        roles = List.copyOf(roles);
        labs = List.copyOf(labs);
    }
}
