package io.lakelab.platform.grant;

import java.util.List;

/**
 * A row filter as {@link RowFilterValidator} parsed it: the one syntax tree of the filter grammar.
 * Engines get the filter's text (they parse it again with their own SQL parsers); the platform
 * evaluates this tree itself to preview how many rows a filter keeps ({@link RowFilterEvaluator}).
 */
sealed interface RowFilter {

    /** Whether the node is a condition (true, false or unknown per row) rather than a value. */
    default boolean condition() {
        return false;
    }

    /** A literal: null, a Boolean, a Long (integer literal), a BigDecimal, a String or a date/time. */
    record Literal(Object value) implements RowFilter {
        @Override
        public boolean condition() {
            return value instanceof Boolean;
        }
    }

    /** A column of the dataset, by its (lower-case) name; {@code bool} when its type is boolean. */
    record Column(String name, boolean bool) implements RowFilter {
        @Override
        public boolean condition() {
            return bool;
        }
    }

    /** {@code current_date}. */
    record CurrentDate() implements RowFilter {}

    /** {@code AND}, {@code OR}. */
    record Logical(boolean and, RowFilter left, RowFilter right) implements RowFilter {
        @Override
        public boolean condition() {
            return true;
        }
    }

    record Not(RowFilter operand) implements RowFilter {
        @Override
        public boolean condition() {
            return true;
        }
    }

    /** {@code = <> != < <= > >=}. */
    record Comparison(String operator, RowFilter left, RowFilter right) implements RowFilter {
        @Override
        public boolean condition() {
            return true;
        }
    }

    record IsNull(RowFilter operand, boolean negated) implements RowFilter {
        @Override
        public boolean condition() {
            return true;
        }
    }

    record In(RowFilter operand, List<RowFilter> values, boolean negated) implements RowFilter {
        public In {
            values = List.copyOf(values);
        }

        @Override
        public boolean condition() {
            return true;
        }
    }

    record Between(RowFilter operand, RowFilter low, RowFilter high, boolean negated) implements RowFilter {
        @Override
        public boolean condition() {
            return true;
        }
    }

    /** {@code LIKE} with {@code %} and {@code _}; the grammar has no escape character. */
    record Like(RowFilter operand, RowFilter pattern, boolean negated) implements RowFilter {
        @Override
        public boolean condition() {
            return true;
        }
    }

    /** {@code + - * / % ||}. */
    record Arithmetic(String operator, RowFilter left, RowFilter right) implements RowFilter {}

    /** Unary minus. */
    record Negation(RowFilter operand) implements RowFilter {}

    /** One of {@link RowFilterValidator#FUNCTIONS}, by its lower-case name. */
    record Call(String function, List<RowFilter> arguments) implements RowFilter {
        public Call {
            arguments = List.copyOf(arguments);
        }
    }
}
