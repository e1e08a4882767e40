package io.lakelab.platform.grant;

import static io.lakelab.platform.grant.RowFilterEvaluator.decimal;
import static io.lakelab.platform.grant.RowFilterEvaluator.typeOf;

import io.lakelab.platform.grant.RowFilterEvaluator.Disagreement;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The allow-listed functions of row filters ({@link RowFilterValidator#FUNCTIONS}) on evaluated
 * arguments, as Spark and Trino define them: NULL in gives NULL out (coalesce returns its first
 * non-NULL argument), strings count code points, positions start at 1, rounding is half up. A
 * {@link Disagreement} says where the two engines would answer differently.
 */
final class RowFilterFunctions {

    private RowFilterFunctions() {}

    static Object apply(String f, List<Object> args) {
        switch (f) {
            case "coalesce" -> {
                arity(f, args, 1, Integer.MAX_VALUE);
                return args.stream().filter(Objects::nonNull).findFirst().orElse(null);
            }
            case "concat" -> {
                arity(f, args, 2, Integer.MAX_VALUE);
                StringBuilder out = new StringBuilder();
                for (Object v : args) {
                    if (v != null) {
                        out.append(string(f, v));
                    }
                }
                return args.contains(null) ? null : out.toString();
            }
            case "substring", "substr" -> arity(f, args, 2, 3);
            case "round" -> arity(f, args, 1, 2);
            default -> arity(f, args, 1, 1);
        }
        if (args.contains(null)) {
            return null;
        }
        Object first = args.get(0);
        return switch (f) {
            case "abs" -> abs(number(f, first));
            case "ceil", "floor" -> ceilOrFloor(f.equals("ceil"), number(f, first));
            case "round" -> round(number(f, first), args.size() == 1 ? 0 : integer(f, args.get(1)));
            case "lower" -> string(f, first).toLowerCase(Locale.ROOT);
            case "upper" -> string(f, first).toUpperCase(Locale.ROOT);
            case "trim" -> trim(string(f, first));
            case "length" ->
                (long) string(f, first).codePointCount(0, string(f, first).length());
            case "substring", "substr" ->
                substring(
                        string(f, first),
                        integer(f, args.get(1)),
                        args.size() == 3 ? integer(f, args.get(2)) : Long.MAX_VALUE);
            case "year", "month", "day" -> datePart(f, first);
            default -> throw new IllegalStateException("function " + f + " is allowed but not evaluated");
        };
    }

    private static void arity(String f, List<Object> args, int min, int max) {
        int n = args.size();
        if (n < min || n > max) {
            throw new Disagreement(f + " takes "
                    + (max == Integer.MAX_VALUE ? "at least " + min : min == max ? min : min + " to " + max)
                    + " arguments, not " + n);
        }
    }

    private static Object abs(Number n) {
        if (n instanceof Long l) {
            return Math.absExact(l);
        }
        return n instanceof Double d ? (Object) Math.abs(d) : decimal(n).abs();
    }

    private static Object ceilOrFloor(boolean ceil, Number n) {
        if (n instanceof Long) {
            return n;
        }
        if (n instanceof Double d) {
            return ceil ? Math.ceil(d) : Math.floor(d);
        }
        return decimal(n).setScale(0, ceil ? RoundingMode.CEILING : RoundingMode.FLOOR);
    }

    private static Object round(Number n, long digits) {
        if (n instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                return d;
            }
            return BigDecimal.valueOf(d)
                    .setScale((int) digits, RoundingMode.HALF_UP)
                    .doubleValue();
        }
        BigDecimal rounded = decimal(n).setScale((int) digits, RoundingMode.HALF_UP);
        return n instanceof Long ? (Object) rounded.longValueExact() : rounded;
    }

    /** Spark trims spaces, Trino all white space: the same unless a value has tabs or newlines at an end. */
    private static String trim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == ' ') {
            start++;
        }
        while (end > start && s.charAt(end - 1) == ' ') {
            end--;
        }
        String out = s.substring(start, end);
        if (!out.isEmpty()
                && (Character.isWhitespace(out.charAt(0)) || Character.isWhitespace(out.charAt(out.length() - 1)))) {
            throw new Disagreement("trim meets a value that starts or ends with white space other than spaces,"
                    + " which Spark keeps and Trino removes");
        }
        return out;
    }

    private static String substring(String s, long start, long length) {
        if (start < 1 || length < 0) {
            throw new Disagreement("substring from position " + start + (length < 0 ? " with a negative length" : "")
                    + " means different things in Spark and Trino; positions start at 1");
        }
        int codePoints = s.codePointCount(0, s.length());
        if (start > codePoints) {
            return "";
        }
        int from = s.offsetByCodePoints(0, (int) start - 1);
        long available = codePoints - (start - 1);
        int to = s.offsetByCodePoints(from, (int) Math.min(length, available));
        return s.substring(from, to);
    }

    private static Long datePart(String f, Object v) {
        LocalDate date;
        if (v instanceof LocalDate d) {
            date = d;
        } else if (v instanceof LocalDateTime t) {
            date = t.toLocalDate();
        } else {
            throw new Disagreement(f + " needs a date or a timestamp without time zone, not a " + typeOf(v));
        }
        return (long)
                switch (f) {
                    case "year" -> date.getYear();
                    case "month" -> date.getMonthValue();
                    default -> date.getDayOfMonth();
                };
    }

    private static Number number(String f, Object v) {
        if (v instanceof Number n) {
            return n;
        }
        throw new Disagreement(f + " needs a number, not a " + typeOf(v));
    }

    private static long integer(String f, Object v) {
        if (v instanceof Long l) {
            return l;
        }
        throw new Disagreement(f + " needs an integer here, not a " + typeOf(v));
    }

    private static String string(String f, Object v) {
        if (v instanceof String s) {
            return s;
        }
        throw new Disagreement(f + " needs a string, not a " + typeOf(v));
    }
}
