package io.lakelab.platform.identity;

import java.util.Arrays;
import java.util.Optional;

/** Realm roles, as Keycloak puts them in {@code realm_access.roles}. */
public enum Role {
    PLATFORM_ADMIN("platform-admin"),
    LAB_ENGINEER("lab-engineer"),
    ANALYST("analyst"),
    REVIEWER("reviewer");

    private final String claimValue;

    Role(String claimValue) {
        this.claimValue = claimValue;
    }

    public String claimValue() {
        return claimValue;
    }

    public static Optional<Role> fromClaim(String value) {
        return Arrays.stream(values()).filter(r -> r.claimValue.equals(value)).findFirst();
    }
}
