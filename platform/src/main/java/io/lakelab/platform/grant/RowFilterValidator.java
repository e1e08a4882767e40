package io.lakelab.platform.grant;

import io.lakelab.catalog.ColumnSpec;
import io.lakelab.catalog.DatasetSchema;
import io.lakelab.catalog.LakeLabException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks a row filter before it becomes a policy: a SQL boolean expression over the dataset's own
 * columns, with literals, comparisons, {@code AND/OR/NOT}, {@code IN}, {@code BETWEEN}, {@code LIKE},
 * {@code IS [NOT] NULL}, arithmetic and a short list of scalar functions. Anything else (subqueries,
 * other tables, quoted identifiers, comments, statement separators, unknown functions) is refused
 * with the reason. Engines parse the same text again; this is the gate, not their parser. The parse
 * yields the filter's {@link RowFilter} tree, which the platform evaluates to preview a filter.
 */
final class RowFilterValidator {

    static final Set<String> FUNCTIONS = Set.of(
            "abs",
            "ceil",
            "floor",
            "round",
            "lower",
            "upper",
            "trim",
            "length",
            "substring",
            "substr",
            "coalesce",
            "concat",
            "year",
            "month",
            "day");
    private static final Set<String> SUBQUERY_WORDS = Set.of(
            "select",
            "from",
            "where",
            "union",
            "exists",
            "with",
            "join",
            "values",
            "table",
            "intersect",
            "except",
            "limit",
            "group",
            "order",
            "having");
    private static final Set<String> KEYWORDS = Set.of(
            "and",
            "or",
            "not",
            "in",
            "is",
            "null",
            "between",
            "like",
            "true",
            "false",
            "date",
            "timestamp",
            "current_date");

    private record Token(String text, char type) {} // type: i(dentifier) n(umber) s(tring) o(perator) x (refused) e(nd)

    private final String filter;
    private final DatasetSchema schema;
    private final List<Token> tokens;
    private int at;

    private RowFilterValidator(String filter, DatasetSchema schema) {
        this.filter = filter;
        this.schema = schema;
        this.tokens = tokenize(filter);
    }

    /** Throws a BAD_REQUEST saying what is wrong with the filter, or returns quietly. */
    static void validate(String filter, DatasetSchema schema) {
        parse(filter, schema);
    }

    /** The filter's syntax tree; throws a BAD_REQUEST saying what is wrong with the filter. */
    static RowFilter parse(String filter, DatasetSchema schema) {
        if (filter.length() > 2000) {
            throw refused(filter, "it is longer than 2000 characters");
        }
        RowFilterValidator v = new RowFilterValidator(filter, schema);
        // Statement words first: "subqueries are not allowed" says more than the '.' of a table name.
        for (Token t : v.tokens) {
            if (t.type() == 'i' && SUBQUERY_WORDS.contains(lower(t))) {
                throw refused(filter, "subqueries and other statements are not allowed ('" + t.text() + "')");
            }
        }
        for (Token t : v.tokens) {
            if (t.type() == 'x') {
                throw refused(
                        filter,
                        "character '" + t.text() + "' is not allowed (no statement separators, quoted or qualified"
                                + " names)");
            }
        }
        RowFilter tree = v.or();
        if (v.peek().type() != 'e') {
            throw refused(filter, "unexpected '" + v.peek().text() + "' after a complete expression");
        }
        if (!tree.condition()) {
            throw refused(filter, "it is not a condition (true or false for each row), e.g. region = 'SH'");
        }
        return tree;
    }

    private RowFilter or() {
        RowFilter left = and();
        while (accept("or")) {
            requireCondition(left, "OR");
            RowFilter right = and();
            requireCondition(right, "OR");
            left = new RowFilter.Logical(false, left, right);
        }
        return left;
    }

    private RowFilter and() {
        RowFilter left = not();
        while (accept("and")) {
            requireCondition(left, "AND");
            RowFilter right = not();
            requireCondition(right, "AND");
            left = new RowFilter.Logical(true, left, right);
        }
        return left;
    }

    private RowFilter not() {
        if (accept("not")) {
            RowFilter operand = not();
            requireCondition(operand, "NOT");
            return new RowFilter.Not(operand);
        }
        return predicate();
    }

    private RowFilter predicate() {
        RowFilter left = additive();
        String op = peek().text();
        if (peek().type() == 'o'
                && Set.of("=", "<>", "!=", "<", "<=", ">", ">=").contains(op)) {
            next();
            return new RowFilter.Comparison(op.equals("!=") ? "<>" : op, left, additive());
        }
        if (accept("is")) {
            boolean negated = accept("not");
            expect("null", "IS must be followed by [NOT] NULL");
            return new RowFilter.IsNull(left, negated);
        }
        boolean negated = accept("not");
        if (accept("in")) {
            expect("(", "IN needs a parenthesised list of values");
            List<RowFilter> values = new ArrayList<>();
            do {
                values.add(additive());
            } while (accept(","));
            expect(")", "the IN list is not closed");
            return new RowFilter.In(left, values, negated);
        }
        if (accept("between")) {
            RowFilter low = additive();
            expect("and", "BETWEEN needs AND");
            return new RowFilter.Between(left, low, additive(), negated);
        }
        if (accept("like")) {
            return new RowFilter.Like(left, additive(), negated);
        }
        if (negated) {
            throw refused(filter, "NOT here must be followed by IN, BETWEEN or LIKE");
        }
        return left;
    }

    private RowFilter additive() {
        RowFilter left = multiplicative();
        while (peek().type() == 'o' && Set.of("+", "-", "||").contains(peek().text())) {
            String op = next().text();
            left = new RowFilter.Arithmetic(op, left, multiplicative());
        }
        return left;
    }

    private RowFilter multiplicative() {
        RowFilter left = unary();
        while (peek().type() == 'o' && Set.of("*", "/", "%").contains(peek().text())) {
            String op = next().text();
            left = new RowFilter.Arithmetic(op, left, unary());
        }
        return left;
    }

    private RowFilter unary() {
        if (peek().type() == 'o' && peek().text().equals("-")) {
            next();
            return new RowFilter.Negation(unary());
        }
        return primary();
    }

    private RowFilter primary() {
        Token t = next();
        switch (t.type()) {
            case 'n' -> {
                return new RowFilter.Literal(number(t.text()));
            }
            case 's' -> {
                return new RowFilter.Literal(string(t));
            }
            case 'e' -> throw refused(filter, "it ends where a value was expected");
            case 'o' -> {
                if (t.text().equals("(")) {
                    if (peek().type() == 'i' && SUBQUERY_WORDS.contains(lower(peek()))) {
                        throw refused(filter, "subqueries are not allowed");
                    }
                    RowFilter inner = or();
                    expect(")", "a parenthesis is not closed");
                    return inner;
                }
                throw refused(filter, "unexpected '" + t.text() + "'");
            }
            default -> {
                return identifier(t);
            }
        }
    }

    private RowFilter identifier(Token t) {
        String word = lower(t);
        if (SUBQUERY_WORDS.contains(word)) {
            throw refused(filter, "subqueries and other statements are not allowed ('" + t.text() + "')");
        }
        switch (word) {
            case "true", "false" -> {
                return new RowFilter.Literal(word.equals("true"));
            }
            case "null" -> {
                return new RowFilter.Literal(null);
            }
            case "current_date" -> {
                if (accept("(")) {
                    expect(")", "current_date takes no arguments");
                }
                return new RowFilter.CurrentDate();
            }
            case "date", "timestamp" -> {
                if (peek().type() != 's') {
                    throw refused(filter, word.toUpperCase(Locale.ROOT) + " must be followed by a quoted literal");
                }
                return new RowFilter.Literal(temporal(word, string(next())));
            }
            default -> {
                // Fall through to functions and columns.
            }
        }
        if (KEYWORDS.contains(word)) {
            throw refused(filter, "unexpected keyword '" + t.text() + "'");
        }
        if (peek().type() == 'o' && peek().text().equals("(")) {
            if (!FUNCTIONS.contains(word)) {
                throw refused(
                        filter,
                        "function '" + t.text() + "' is not allowed (allowed: "
                                + String.join(", ", FUNCTIONS.stream().sorted().toList()) + ")");
            }
            next();
            List<RowFilter> arguments = new ArrayList<>();
            if (!accept(")")) {
                do {
                    arguments.add(additive());
                } while (accept(","));
                expect(")", "the arguments of " + t.text() + " are not closed");
            }
            return new RowFilter.Call(word, arguments);
        }
        ColumnSpec column = schema.column(word)
                .orElseThrow(() -> refused(
                        filter,
                        "'" + t.text() + "' is not a column of the dataset (columns: "
                                + String.join(", ", schema.columnNames()) + ")"));
        return new RowFilter.Column(column.name(), column.type().equals("boolean"));
    }

    private Object number(String text) {
        try {
            BigDecimal value = new BigDecimal(text);
            if (text.indexOf('.') < 0) {
                try {
                    return value.longValueExact();
                } catch (ArithmeticException tooLong) {
                    return value;
                }
            }
            return value;
        } catch (NumberFormatException e) {
            throw refused(filter, "'" + text + "' is not a number");
        }
    }

    private static String string(Token t) {
        String quoted = t.text();
        return quoted.substring(1, quoted.length() - 1).replace("''", "'");
    }

    private Object temporal(String word, String text) {
        try {
            if (word.equals("date")) {
                return LocalDate.parse(text.strip());
            }
            String iso = text.strip().replace(' ', 'T');
            return iso.indexOf('T') < 0 ? LocalDate.parse(iso).atStartOfDay() : LocalDateTime.parse(iso);
        } catch (DateTimeParseException e) {
            throw refused(
                    filter,
                    word.toUpperCase(Locale.ROOT) + " '" + text + "' is not a valid " + word
                            + " (write e.g. DATE '2024-01-31' or TIMESTAMP '2024-01-31 08:00:00')");
        }
    }

    private void requireCondition(RowFilter node, String op) {
        if (!node.condition()) {
            throw refused(filter, op + " needs conditions on both sides");
        }
    }

    private Token peek() {
        return tokens.get(at);
    }

    private Token next() {
        Token t = tokens.get(at);
        if (t.type() != 'e') {
            at++;
        }
        return t;
    }

    private boolean accept(String text) {
        Token t = peek();
        if ((t.type() == 'i' && lower(t).equals(text))
                || (t.type() == 'o' && t.text().equals(text))) {
            at++;
            return true;
        }
        return false;
    }

    private void expect(String text, String problem) {
        if (!accept(text)) {
            throw refused(filter, problem);
        }
    }

    private static String lower(Token t) {
        return t.text().toLowerCase(Locale.ROOT);
    }

    private static List<Token> tokenize(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                    i++;
                }
                out.add(new Token(s.substring(start, i), 'i'));
            } else if (Character.isDigit(c)) {
                int start = i;
                while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                    i++;
                }
                out.add(new Token(s.substring(start, i), 'n'));
            } else if (c == '\'') {
                int start = i++;
                while (true) {
                    if (i >= s.length()) {
                        throw refused(s, "a quoted string is not closed");
                    }
                    if (s.charAt(i) == '\'') {
                        if (i + 1 < s.length() && s.charAt(i + 1) == '\'') {
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    if (s.charAt(i) == '\\') {
                        throw refused(s, "backslashes are not allowed in strings (write '' for a quote)");
                    }
                    i++;
                }
                out.add(new Token(s.substring(start, i), 's'));
            } else if (s.startsWith("--", i) || s.startsWith("/*", i)) {
                throw refused(s, "comments are not allowed");
            } else {
                String two = i + 1 < s.length() ? s.substring(i, i + 2) : "";
                if (Set.of("<>", "!=", "<=", ">=", "||").contains(two)) {
                    out.add(new Token(two, 'o'));
                    i += 2;
                } else if ("=<>+-*/%(),".indexOf(c) >= 0) {
                    out.add(new Token(String.valueOf(c), 'o'));
                    i++;
                } else {
                    out.add(new Token(String.valueOf(c), 'x'));
                    i++;
                }
            }
        }
        out.add(new Token("", 'e'));
        return out;
    }

    private static LakeLabException refused(String filter, String why) {
        return LakeLabException.badRequest("Row filter \"" + filter + "\" is refused: " + why
                + ". Write a condition over the dataset's columns, e.g. region = 'SH' AND year(founded) >= 2020.");
    }
}
