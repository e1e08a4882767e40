package io.lakelab.platform.grant;

import io.lakelab.catalog.LakeLabException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
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

    /** The node's value for the row (null for SQL NULL); BAD_REQUEST where the engines would disagree. */
    Object eval(RowFilter node, Function<String, Object> row) {
        try {
            return value(node, row);
        } catch (Disagreement d) {
            throw LakeLabException.badRequest("The preview cannot count the rows of row filter \"" + filter + "\": "
                    + d.getMessage() + ". Rewrite the filter so that both engines agree on it.");
        }
    }

    /** Where Spark and Trino would answer differently (or one of them fail): the reason. */
    static final class Disagreement extends RuntimeException {
        Disagreement(String why) {
            super(why, null, false, false);
        }
    }

    private Object value(RowFilter node, Function<String, Object> row) {
        if (node instanceof RowFilter.Literal l) {
            return l.value();
        } else if (node instanceof RowFilter.Column c) {
            return normalise(row.apply(c.name()));
        } else if (node instanceof RowFilter.CurrentDate) {
            return today;
        } else if (node instanceof RowFilter.Logical l) {
            Boolean left = bool(value(l.left(), row));
            if (l.and() && Boolean.FALSE.equals(left) || !l.and() && Boolean.TRUE.equals(left)) {
                return left;
            }
            Boolean right = bool(value(l.right(), row));
            return l.and() ? and(left, right) : or(left, right);
        } else if (node instanceof RowFilter.Not n) {
            return not(bool(value(n.operand(), row)));
        } else if (node instanceof RowFilter.Comparison c) {
            return compare(c.operator(), value(c.left(), row), value(c.right(), row));
        } else if (node instanceof RowFilter.IsNull i) {
            return (value(i.operand(), row) == null) != i.negated();
        } else if (node instanceof RowFilter.In in) {
            return negatedIf(in.negated(), in(value(in.operand(), row), in.values(), row));
        } else if (node instanceof RowFilter.Between b) {
            Object value = value(b.operand(), row);
            Boolean between =
                    and(compare(">=", value, value(b.low(), row)), compare("<=", value, value(b.high(), row)));
            return negatedIf(b.negated(), between);
        } else if (node instanceof RowFilter.Like l) {
            return negatedIf(l.negated(), like(value(l.operand(), row), value(l.pattern(), row)));
        } else if (node instanceof RowFilter.Arithmetic a) {
            return arithmetic(a.operator(), value(a.left(), row), value(a.right(), row));
        } else if (node instanceof RowFilter.Negation n) {
            return negate(value(n.operand(), row));
        } else if (node instanceof RowFilter.Call c) {
            List<Object> arguments = new java.util.ArrayList<>(c.arguments().size());
            c.arguments().forEach(a -> arguments.add(value(a, row)));
            return RowFilterFunctions.apply(c.function(), arguments);
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
        throw new Disagreement("a " + typeOf(v) + " is used as a condition");
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
            Boolean equal = compare("=", value, value(candidate, row));
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
        throw new Disagreement("it compares a " + typeOf(a) + " with a " + typeOf(b)
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

    static BigDecimal decimal(Number n) {
        return n instanceof BigDecimal d ? d : BigDecimal.valueOf(n.longValue());
    }

    private Boolean like(Object value, Object pattern) {
        if (value == null || pattern == null) {
            return null;
        }
        if (!(value instanceof String s) || !(pattern instanceof String p)) {
            throw new Disagreement(
                    "LIKE needs strings on both sides, not a " + typeOf(value) + " and a " + typeOf(pattern));
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
            throw new Disagreement("|| joins strings, not a " + typeOf(a) + " and a " + typeOf(b));
        }
        if (!(a instanceof Number x) || !(b instanceof Number y)) {
            throw new Disagreement("'" + op + "' needs numbers, not a " + typeOf(a) + " and a " + typeOf(b));
        }
        boolean zero = x instanceof Double || y instanceof Double
                ? y.doubleValue() == 0
                : decimal(y).signum() == 0;
        if ((op.equals("/") || op.equals("%")) && zero) {
            throw new Disagreement("it divides by zero on some rows, where the engines fail the query or differ");
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
                        throw new Disagreement("it divides two integers, which gives a fraction in Spark and an"
                                + " integer quotient in Trino; write a decimal operand (e.g. capital / 2.0) or"
                                + " multiply instead (capital > 2 * debt)");
                };
            } catch (ArithmeticException overflow) {
                throw new Disagreement("'" + op + "' overflows a 64-bit integer on some rows");
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
        throw new Disagreement("'-' needs a number, not a " + typeOf(v));
    }

    static String typeOf(Object v) {
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
}
