package io.lakelab.platform.grant;

import io.lakelab.catalog.ColumnSpec;
import io.lakelab.catalog.DatasetSchema;
import io.lakelab.catalog.LakeLabException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks a row filter before it becomes a policy: a SQL boolean expression over the dataset's own
 * columns, with literals, comparisons, {@code AND/OR/NOT}, {@code IN}, {@code BETWEEN}, {@code LIKE},
 * {@code IS [NOT] NULL}, arithmetic and a short list of scalar functions. Anything else (subqueries,
 * other tables, quoted identifiers, comments, statement separators, unknown functions) is refused
 * with the reason. Engines parse the same text again; this is the gate, not their parser.
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

    private enum Kind {
        BOOLEAN,
        VALUE
    }

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
        Kind kind = v.or();
        if (v.peek().type() != 'e') {
            throw refused(filter, "unexpected '" + v.peek().text() + "' after a complete expression");
        }
        if (kind != Kind.BOOLEAN) {
            throw refused(filter, "it is not a condition (true or false for each row), e.g. region = 'SH'");
        }
    }

    private Kind or() {
        Kind k = and();
        while (accept("or")) {
            requireBoolean(k, "OR");
            requireBoolean(and(), "OR");
            k = Kind.BOOLEAN;
        }
        return k;
    }

    private Kind and() {
        Kind k = not();
        while (accept("and")) {
            requireBoolean(k, "AND");
            requireBoolean(not(), "AND");
            k = Kind.BOOLEAN;
        }
        return k;
    }

    private Kind not() {
        if (accept("not")) {
            requireBoolean(not(), "NOT");
            return Kind.BOOLEAN;
        }
        return predicate();
    }

    private Kind predicate() {
        Kind left = additive();
        String op = peek().text();
        if (peek().type() == 'o'
                && Set.of("=", "<>", "!=", "<", "<=", ">", ">=").contains(op)) {
            next();
            additive();
            return Kind.BOOLEAN;
        }
        if (accept("is")) {
            accept("not");
            expect("null", "IS must be followed by [NOT] NULL");
            return Kind.BOOLEAN;
        }
        boolean negated = accept("not");
        if (accept("in")) {
            expect("(", "IN needs a parenthesised list of values");
            do {
                additive();
            } while (accept(","));
            expect(")", "the IN list is not closed");
            return Kind.BOOLEAN;
        }
        if (accept("between")) {
            additive();
            expect("and", "BETWEEN needs AND");
            additive();
            return Kind.BOOLEAN;
        }
        if (accept("like")) {
            additive();
            return Kind.BOOLEAN;
        }
        if (negated) {
            throw refused(filter, "NOT here must be followed by IN, BETWEEN or LIKE");
        }
        return left;
    }

    private Kind additive() {
        Kind k = multiplicative();
        while (peek().type() == 'o' && Set.of("+", "-", "||").contains(peek().text())) {
            next();
            multiplicative();
            k = Kind.VALUE;
        }
        return k;
    }

    private Kind multiplicative() {
        Kind k = unary();
        while (peek().type() == 'o' && Set.of("*", "/", "%").contains(peek().text())) {
            next();
            unary();
            k = Kind.VALUE;
        }
        return k;
    }

    private Kind unary() {
        if (peek().type() == 'o' && peek().text().equals("-")) {
            next();
            unary();
            return Kind.VALUE;
        }
        return primary();
    }

    private Kind primary() {
        Token t = next();
        switch (t.type()) {
            case 'n', 's' -> {
                return Kind.VALUE;
            }
            case 'e' -> throw refused(filter, "it ends where a value was expected");
            case 'o' -> {
                if (t.text().equals("(")) {
                    if (peek().type() == 'i' && SUBQUERY_WORDS.contains(lower(peek()))) {
                        throw refused(filter, "subqueries are not allowed");
                    }
                    Kind k = or();
                    expect(")", "a parenthesis is not closed");
                    return k;
                }
                throw refused(filter, "unexpected '" + t.text() + "'");
            }
            default -> {
                return identifier(t);
            }
        }
    }

    private Kind identifier(Token t) {
        String word = lower(t);
        if (SUBQUERY_WORDS.contains(word)) {
            throw refused(filter, "subqueries and other statements are not allowed ('" + t.text() + "')");
        }
        switch (word) {
            case "true", "false" -> {
                return Kind.BOOLEAN;
            }
            case "null" -> {
                return Kind.VALUE;
            }
            case "current_date" -> {
                if (accept("(")) {
                    expect(")", "current_date takes no arguments");
                }
                return Kind.VALUE;
            }
            case "date", "timestamp" -> {
                if (peek().type() != 's') {
                    throw refused(filter, word.toUpperCase(Locale.ROOT) + " must be followed by a quoted literal");
                }
                next();
                return Kind.VALUE;
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
            if (!accept(")")) {
                do {
                    additive();
                } while (accept(","));
                expect(")", "the arguments of " + t.text() + " are not closed");
            }
            return Kind.VALUE;
        }
        ColumnSpec column = schema.column(word)
                .orElseThrow(() -> refused(
                        filter,
                        "'" + t.text() + "' is not a column of the dataset (columns: "
                                + String.join(", ", schema.columnNames()) + ")"));
        return column.type().equals("boolean") ? Kind.BOOLEAN : Kind.VALUE;
    }

    private void requireBoolean(Kind k, String op) {
        if (k != Kind.BOOLEAN) {
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
