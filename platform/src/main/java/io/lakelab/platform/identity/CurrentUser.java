package io.lakelab.platform.identity;

import io.lakelab.catalog.LabCode;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The authenticated caller: user name ({@code preferred_username}), realm roles ({@code
 * realm_access.roles}) and lab memberships (Keycloak groups {@code /labs/<code>}). Services take
 * it as their first argument and authorize before they act.
 */
public record CurrentUser(String username, Set<Role> roles, Set<LabCode> labs) {

    public static final String LAB_GROUP_PREFIX = "/labs/";

    public CurrentUser {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
        labs = Set.copyOf(labs);
    }

    public static CurrentUser fromJwt(Jwt jwt) {
        String username = jwt.getClaimAsString("preferred_username");
        if (username == null || username.isBlank()) {
            username = jwt.getSubject();
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Object realmAccess = jwt.getClaims().get("realm_access");
        if (realmAccess instanceof Map<?, ?> map && map.get("roles") instanceof Collection<?> values) {
            values.forEach(v -> Role.fromClaim(String.valueOf(v)).ifPresent(roles::add));
        }
        List<String> groups = jwt.getClaimAsStringList("groups");
        Set<LabCode> labs = new LinkedHashSet<>();
        if (groups != null) {
            for (String group : groups) {
                String g = group.startsWith("/") ? group : "/" + group;
                if (g.startsWith(LAB_GROUP_PREFIX) && g.length() > LAB_GROUP_PREFIX.length()) {
                    try {
                        labs.add(new LabCode(g.substring(LAB_GROUP_PREFIX.length())));
                    } catch (RuntimeException ignored) {
                        // A group that is not a valid lab code is not a lab membership.
                    }
                }
            }
        }
        return new CurrentUser(username, roles, labs);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean memberOf(LabCode lab) {
        return labs.contains(lab);
    }

    public String describe() {
        return username + " (roles "
                + (roles.isEmpty()
                        ? "none"
                        : roles.stream().map(Role::claimValue).sorted().collect(Collectors.joining(", ")))
                + ")";
    }
}
