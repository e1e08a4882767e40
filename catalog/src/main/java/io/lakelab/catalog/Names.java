package io.lakelab.catalog;

import java.util.regex.Pattern;

/** Shared checks for the validated name records; package-private so the rule text stays in one place. */
final class Names {
    private Names() {}

    static String require(String kind, String value, Pattern pattern, String rule) {
        if (value == null) {
            throw LakeLabException.badRequest(kind + " is missing: give a value that " + rule + ".");
        }
        if (!pattern.matcher(value).matches()) {
            throw LakeLabException.badRequest(
                    kind + " '" + value + "' is invalid: it must " + rule + "; choose a name that matches.");
        }
        return value;
    }
}
