package io.lakelab.platform.grant;

import io.lakelab.catalog.LakeLabException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Evaluates a {@link RowFilter} on one row with the SQL semantics Spark and Trino share:
 * three-valued logic (a row is kept only when the filter is TRUE, so NULL drops it), NULL in gives
 * NULL out for comparisons, arithmetic and functions, and {@code IN}/{@code BETWEEN} as their
 * expansions. Where the two engines disagree (dividing integers, comparing a string with a number or
 * a date, trimming tabs, substring from position 0, time-zone-dependent timestamps, division by zero)
 * it refuses with the reason rather than guess, so a count it gives is the count both engines give.
 */
final class RowFilterEvaluator {

    private final String filter;
    private final LocalDate today;
    private final Map<String, Pattern> likePatterns = new ConcurrentHashMap<>();

    /** {@code today} is what {@code current_date} means (the platform's time zone). */
    RowFilterEvaluator(String filter, LocalDate today) {
        this.filter = filter;
        this.today = today;
    }

    /** Whether the row is kept: the filter is TRUE for it (FALSE and NULL drop it). */
    boolean keeps(RowFilter tree, Function<String, Object> row) {
        return Boolean.TRUE.equals(eval(tree, row));
    }

    Object eval(RowFilter node, Function<String, Object> row) {
        if (node instanceof RowFilter.Literal l) {
            return l.value();
        } else if (node instanceof RowFilter.Column c) {
            return normalise(row.apply(c.name()));
        } else if (node instanceof RowFilter.CurrentDate) {
            return today;
        } else if (node instanceof RowFilter.Logical l) {
            Boolean left = bool(eval(l.left(), row));
            if (l.and() && Boolean.FALSE.equals(left) || !l.and() && Boolean.TRUE.equals(left)) {
                return left;
            }
            Boolean right = bool(eval(l.right(), row));
            return l.and() ? and(left, right) : or(left, right);
        } else if (node instanceof RowFilter.Not n) {
            return not(bool(eval(n.operand(), row)));
        } else if (node instanceof RowFilter.Comparison c) {
            return compare(c.operator(), eval(c.left(), row), eval(c.right(), row));
        } else if (node instanceof RowFilter.IsNull i) {
            return (eval(i.operand(), row) == null) != i.negated();
        } else if (node instanceof RowFilter.In in) {
            return negatedIf(in.negated(), in(eval(in.operand(), row), in.values(), row));
        } else if (node instanceof RowFilter.Between b) {
            Object value = eval(b.operand(), row);
            Boolean between = and(compare(">=", value, eval(b.low(), row)), compare("<=", value, eval(b.high(), row)));
            return negatedIf(b.negated(), between);
        } else if (node instanceof RowFilter.Like l) {
            return negatedIf(l.negated(), like(eval(l.operand(), row), eval(l.pattern(), row)));
        } else if (node instanceof RowFilter.Arithmetic a) {
            return arithmetic(a.operator(), eval(a.left(), row), eval(a.right(), row));
        } else if (node instanceof RowFilter.Negation n) {
            return negate(eval(n.operand(), row));
        } else if (node instanceof RowFilter.Call c) {
            return call(c, row);
        }
        throw new IllegalStateException("unknown row filter node " + node);
    }

    /** Iceberg's generic values as the evaluator's: integers as Long, float as Double, text as String. */
    private static Object normalise(Object v) {
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Float f) {
            return f.doubleValue();
        }
        if (v instanceof CharSequence cs && !(v instanceof String)) {
            return cs.toString();
        }
        return v;
    }

    private Boolean bool(Object v) {
        if (v == null || v instanceof Boolean) {
            return (Boolean) v;
        }
        throw refused("a " + typeOf(v) + " is used as a condition");
    }

    private static Boolean and(Boolean a, Boolean b) {
        if (Boolean.FALSE.equals(a) || Boolean.FALSE.equals(b)) {
            return false;
        }
        return a == null || b == null ? null : true;
    }

    private static Boolean or(Boolean a, Boolean b) {
        if (Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b)) {
            return true;
        }
        return a == null || b == null ? null : false;
    }

    private static Boolean not(Boolean a) {
        return a == null ? null : !a;
    }

    private static Boolean negatedIf(boolean negated, Boolean a) {
        return negated ? not(a) : a;
    }

    private Boolean in(Object value, List<RowFilter> values, Function<String, Object> row) {
        if (value == null) {
            return null;
        }
        boolean unknown = false;
        for (RowFilter candidate : values) {
            Boolean equal = compare("=", value, eval(candidate, row));
            if (Boolean.TRUE.equals(equal)) {
                return true;
            }
            unknown |= equal == null;
        }
        return unknown ? null : false;
    }

    private Boolean compare(String op, Object a, Object b) {
        if (a == null || b == null) {
            return null;
        }
        int c = order(a, b);
        return switch (op) {
            case "=" -> c == 0;
            case "<>" -> c != 0;
            case "<" -> c < 0;
            case "<=" -> c <= 0;
            case ">" -> c > 0;
            case ">=" -> c >= 0;
            default -> throw new IllegalStateException("unknown comparison " + op);
        };
    }

    private int order(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            if (x instanceof Double || y instanceof Double) {
                return Double.compare(x.doubleValue(), y.doubleValue());
            }
            return decimal(x).compareTo(decimal(y));
        }
        if (a instanceof String x && b instanceof String y) {
            return compareCodePoints(x, y);
        }
        if (a instanceof Boolean x && b instanceof Boolean y) {
            return Boolean.compare(x, y);
        }
        if (a instanceof LocalDate x && b instanceof LocalDate y) {
            return x.compareTo(y);
        }
        if ((a instanceof LocalDate || a instanceof LocalDateTime)
                && (b instanceof LocalDate || b instanceof LocalDateTime)) {
            return timestamp(a).compareTo(timestamp(b));
        }
        if (a instanceof OffsetDateTime x && b instanceof OffsetDateTime y) {
            return x.toInstant().compareTo(y.toInstant());
        }
        throw refused("it compares a " + typeOf(a) + " with a " + typeOf(b)
                + ", which Spark and Trino convert differently; compare with a literal of the column's type,"
                + " e.g. DATE '2024-01-01' for a date column or 'SH' for a string column");
    }

    /** Spark and Trino order strings by code point (UTF-8 bytes), not by UTF-16 unit. */
    private static int compareCodePoints(String x, String y) {
        int i = 0;
        int j = 0;
        while (i < x.length() && j < y.length()) {
            int cx = x.codePointAt(i);
            int cy = y.codePointAt(j);
            if (cx != cy) {
                return Integer.compare(cx, cy);
            }
            i += Character.charCount(cx);
            j += Character.charCount(cy);
        }
        return Integer.compare(x.length() - i, y.length() - j);
    }

    private static LocalDateTime timestamp(Object v) {
        return v instanceof LocalDate d ? d.atStartOfDay() : (LocalDateTime) v;
    }

    private static BigDecimal decimal(Number n) {
        return n instanceof BigDecimal d ? d : BigDecimal.valueOf(n.longValue());
    }

    private Boolean like(Object value, Object pattern) {
        if (value == null || pattern == null) {
            return null;
        }
        if (!(value instanceof String s) || !(pattern instanceof String p)) {
            throw refused("LIKE needs strings on both sides, not a " + typeOf(value) + " and a " + typeOf(pattern));
        }
        return likePatterns
                .computeIfAbsent(p, RowFilterEvaluator::likeRegex)
                .matcher(s)
                .matches();
    }

    /** SQL LIKE without an escape character: % is any run of characters, _ exactly one. */
    private static Pattern likeRegex(String like) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        like.codePoints().forEach(cp -> {
            if (cp == '%' || cp == '_') {
                if (!literal.isEmpty()) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(cp == '%' ? ".*" : ".");
            } else {
                literal.appendCodePoint(cp);
            }
        });
        if (!literal.isEmpty()) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    private Object arithmetic(String op, Object a, Object b) {
        if (a == null || b == null) {
            return null;
        }
        if (op.equals("||")) {
            if (a instanceof String x && b instanceof String y) {
                return x + y;
            }
            throw refused("|| joins strings, not a " + typeOf(a) + " and a " + typeOf(b));
        }
        if (!(a instanceof Number x) || !(b instanceof Number y)) {
            throw refused("'" + op + "' needs numbers, not a " + typeOf(a) + " and a " + typeOf(b));
        }
        boolean zero = x instanceof Double || y instanceof Double
                ? y.doubleValue() == 0
                : decimal(y).signum() == 0;
        if ((op.equals("/") || op.equals("%")) && zero) {
            throw refused("it divides by zero on some rows, where the engines fail the query or differ");
        }
        if (x instanceof Double || y instanceof Double) {
            double p = x.doubleValue();
            double q = y.doubleValue();
            return switch (op) {
                case "+" -> p + q;
                case "-" -> p - q;
                case "*" -> p * q;
                case "/" -> p / q;
                default -> p % q;
            };
        }
        if (x instanceof Long p && y instanceof Long q) {
            try {
                return switch (op) {
                    case "+" -> Math.addExact(p, q);
                    case "-" -> Math.subtractExact(p, q);
                    case "*" -> Math.multiplyExact(p, q);
                    case "%" -> p % q;
                    default ->
                        throw refused("it divides two integers, which gives a fraction in Spark and an"
                                + " integer quotient in Trino; write a decimal operand (e.g. capital / 2.0) or"
                                + " multiply instead (capital > 2 * debt)");
                };
            } catch (ArithmeticException overflow) {
                throw refused("'" + op + "' overflows a 64-bit integer on some rows");
            }
        }
        BigDecimal p = decimal(x);
        BigDecimal q = decimal(y);
        return switch (op) {
            case "+" -> p.add(q);
            case "-" -> p.subtract(q);
            case "*" -> p.multiply(q);
            case "/" -> p.divide(q, MathContext.DECIMAL128);
            default -> p.remainder(q);
        };
    }

    private Object negate(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof Long l) {
            return Math.negateExact(l);
        }
        if (v instanceof BigDecimal d) {
            return d.negate();
        }
        if (v instanceof Double d) {
            return -d;
        }
        throw refused("'-' needs a number, not a " + typeOf(v));
    }

    private Object call(RowFilter.Call c, Function<String, Object> row) {
        String f = c.function();
        List<RowFilter> args = c.arguments();
        if (f.equals("coalesce")) {
            arity(c, 1, Integer.MAX_VALUE);
            for (RowFilter arg : args) {
                Object v = eval(arg, row);
                if (v != null) {
                    return v;
                }
            }
            return null;
        }
        if (f.equals("concat")) {
            arity(c, 2, Integer.MAX_VALUE);
            StringBuilder out = new StringBuilder();
            boolean anyNull = false;
            for (RowFilter arg : args) {
                Object v = eval(arg, row);
                if (v == null) {
                    anyNull = true;
                } else if (v instanceof String s) {
                    out.append(s);
                } else {
                    throw refused("concat joins strings, not a " + typeOf(v));
                }
            }
            return anyNull ? null : out.toString();
        }
        boolean substring = f.equals("substring") || f.equals("substr");
        boolean round = f.equals("round");
        arity(c, 1, substring ? 3 : round ? 2 : 1);
        if (substring) {
            arity(c, 2, 3);
        }
        Object first = eval(args.get(0), row);
        Object[] rest = new Object[args.size() - 1];
        for (int i = 1; i < args.size(); i++) {
            rest[i - 1] = eval(args.get(i), row);
        }
        if (first == null || java.util.Arrays.stream(rest).anyMatch(java.util.Objects::isNull)) {
            return null;
        }
        return switch (f) {
            case "abs" -> {
                Number n = number(f, first);
                yield n instanceof Long l
                        ? (Object) Math.absExact(l)
                        : n instanceof Double d ? Math.abs(d) : decimal(n).abs();
            }
            case "ceil", "floor" -> {
                Number n = number(f, first);
                boolean ceil = f.equals("ceil");
                if (n instanceof Long) {
                    yield n;
                }
                if (n instanceof Double d) {
                    yield ceil ? Math.ceil(d) : Math.floor(d);
                }
                yield decimal(n).setScale(0, ceil ? RoundingMode.CEILING : RoundingMode.FLOOR);
            }
            case "round" -> round(number(f, first), rest.length == 0 ? 0 : integer(f, rest[0]));
            case "lower" -> string(f, first).toLowerCase(Locale.ROOT);
            case "upper" -> string(f, first).toUpperCase(Locale.ROOT);
            case "trim" -> trim(string(f, first));
            case "length" ->
                (long) string(f, first).codePointCount(0, string(f, first).length());
            case "substring", "substr" ->
                substring(
                        string(f, first), integer(f, rest[0]), rest.length > 1 ? integer(f, rest[1]) : Long.MAX_VALUE);
            case "year", "month", "day" -> datePart(f, first);
            default -> throw new IllegalStateException("function " + f + " is allowed but not evaluated");
        };
    }

    private void arity(RowFilter.Call c, int min, int max) {
        int n = c.arguments().size();
        if (n < min || n > max) {
            throw refused(c.function() + " takes "
                    + (max == Integer.MAX_VALUE ? "at least " + min : min == max ? min : min + " to " + max)
                    + " arguments, not " + n);
        }
    }

    private Object round(Number n, long digits) {
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
    private String trim(String s) {
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
            throw refused("trim meets a value that starts or ends with white space other than spaces, which Spark"
                    + " keeps and Trino removes");
        }
        return out;
    }

    private String substring(String s, long start, long length) {
        if (start < 1 || length < 0) {
            throw refused("substring from position " + start + (length < 0 ? " with a negative length" : "")
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

    private Long datePart(String f, Object v) {
        LocalDate date;
        if (v instanceof LocalDate d) {
            date = d;
        } else if (v instanceof LocalDateTime t) {
            date = t.toLocalDate();
        } else {
            throw refused(f + " needs a date or a timestamp without time zone, not a " + typeOf(v));
        }
        return (long)
                switch (f) {
                    case "year" -> date.getYear();
                    case "month" -> date.getMonthValue();
                    default -> date.getDayOfMonth();
                };
    }

    private Number number(String f, Object v) {
        if (v instanceof Number n) {
            return n;
        }
        throw refused(f + " needs a number, not a " + typeOf(v));
    }

    private long integer(String f, Object v) {
        if (v instanceof Long l) {
            return l;
        }
        throw refused(f + " needs an integer here, not a " + typeOf(v));
    }

    private String string(String f, Object v) {
        if (v instanceof String s) {
            return s;
        }
        throw refused(f + " needs a string, not a " + typeOf(v));
    }

    private static String typeOf(Object v) {
        if (v instanceof Long) {
            return "integer";
        } else if (v instanceof BigDecimal) {
            return "decimal";
        } else if (v instanceof Double) {
            return "double";
        } else if (v instanceof String) {
            return "string";
        } else if (v instanceof Boolean) {
            return "boolean";
        } else if (v instanceof LocalDate) {
            return "date";
        } else if (v instanceof LocalDateTime) {
            return "timestamp";
        } else if (v instanceof OffsetDateTime) {
            return "timestamp with time zone";
        }
        return v.getClass().getSimpleName();
    }

    private LakeLabException refused(String why) {
        return LakeLabException.badRequest("The preview cannot count the rows of row filter \"" + filter + "\": " + why
                + ". Rewrite the filter so that both engines agree on it.");
    }
}
