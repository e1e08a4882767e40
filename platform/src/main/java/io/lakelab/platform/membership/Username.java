package io.lakelab.platform.membership;

import io.lakelab.catalog.ErrorCategory;
import io.lakelab.catalog.LakeLabException;
import java.util.regex.Pattern;

/** A user name as Keycloak stores it (lower case, no spaces); validated before it reaches Keycloak. */
record Username(String value) {

    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9._@-]{0,99}");

    Username {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new LakeLabException(
                    ErrorCategory.BAD_REQUEST,
                    "'" + value + "' is not a valid user name: use 1-100 lower-case letters, digits, '.', '_', '@'"
                            + " or '-', starting with a letter or digit.");
        }
    }
}
