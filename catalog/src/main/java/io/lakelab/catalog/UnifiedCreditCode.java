package io.lakelab.catalog;

/**
 * A unified social credit code (统一社会信用代码) under GB 32100-2015: 18 characters from
 * {@code 0-9 A-H J-N P-R T U W-Y}, the last being a check character computed modulo 31 from the
 * first 17. Construction rejects invalid codes, so a held instance is always well formed.
 */
public record UnifiedCreditCode(String value) {
    static final String CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    public UnifiedCreditCode {
        String problem = problem(value);
        if (problem != null) {
            throw LakeLabException.badRequest("Unified social credit code '" + value + "' is invalid: " + problem
                    + ". Check the code against the business licence (GB 32100-2015).");
        }
    }

    public static boolean isValid(String code) {
        return problem(code) == null;
    }

    /** Appends the GB 32100 check character to the first 17 characters of a code. */
    public static String withCheckDigit(String first17) {
        if (first17 == null || first17.length() != 17) {
            throw LakeLabException.badRequest("Cannot compute a check character for '" + first17
                    + "': give exactly the first 17 characters of a unified social credit code.");
        }
        int bad = firstInvalidChar(first17);
        if (bad >= 0) {
            throw LakeLabException.badRequest("Cannot compute a check character for '" + first17
                    + "': character '" + first17.charAt(bad) + "' at position " + (bad + 1)
                    + " is not allowed (use 0-9 and A-Z except I, O, S, V, Z).");
        }
        return first17 + checkChar(first17);
    }

    static char checkChar(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += CHARSET.indexOf(first17.charAt(i)) * WEIGHTS[i];
        }
        int check = 31 - sum % 31;
        return CHARSET.charAt(check == 31 ? 0 : check);
    }

    private static String problem(String code) {
        if (code == null) {
            return "it is missing";
        }
        if (code.length() != 18) {
            return "it has " + code.length() + " characters but must have exactly 18";
        }
        int bad = firstInvalidChar(code);
        if (bad >= 0) {
            return "character '" + code.charAt(bad) + "' at position " + (bad + 1)
                    + " is not allowed (only 0-9 and A-Z except I, O, S, V, Z)";
        }
        char expected = checkChar(code.substring(0, 17));
        if (code.charAt(17) != expected) {
            return "the check character is '" + code.charAt(17) + "' but should be '" + expected + "'";
        }
        return null;
    }

    private static int firstInvalidChar(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (CHARSET.indexOf(s.charAt(i)) < 0) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return value;
    }
}
