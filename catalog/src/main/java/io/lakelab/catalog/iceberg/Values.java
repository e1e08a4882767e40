package io.lakelab.catalog.iceberg;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.UUID;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * Converts text cells to the Java values Iceberg's generic records hold, and checks values read from
 * Parquet have the class their column's type needs. Problems come back as {@link BadValue} with a
 * message meant for the person who prepared the file.
 */
final class Values {
    private Values() {}

    static final class BadValue extends Exception {
        BadValue(String message) {
            super(message, null, false, false);
        }
    }

    static Object parse(String text, Type type) throws BadValue {
        String s = text.strip();
        try {
            return switch (type.typeId()) {
                case STRING -> text;
                case INTEGER -> Integer.parseInt(s);
                case LONG -> Long.parseLong(s);
                case FLOAT -> Float.parseFloat(s);
                case DOUBLE -> Double.parseDouble(s);
                case BOOLEAN -> parseBoolean(s);
                case DATE -> LocalDate.parse(s);
                case TIME -> LocalTime.parse(s);
                case TIMESTAMP -> parseTimestamp(s, (Types.TimestampType) type);
                case DECIMAL -> parseDecimal(s, (Types.DecimalType) type);
                case UUID -> UUID.fromString(s);
                default -> throw new BadValue("type " + type + " cannot be loaded from CSV; use Parquet");
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new BadValue("'" + text + "' is not a valid " + type + expectedForm(type));
        } catch (IllegalArgumentException e) {
            throw new BadValue("'" + text + "' is not a valid " + type);
        }
    }

    /** Null when {@code value} fits {@code type}, else what is wrong. */
    static String mismatch(Object value, Type type) {
        Class<?> expected = switch (type.typeId()) {
            case STRING -> CharSequence.class;
            case INTEGER -> Integer.class;
            case LONG -> Long.class;
            case FLOAT -> Float.class;
            case DOUBLE -> Double.class;
            case BOOLEAN -> Boolean.class;
            case DATE -> LocalDate.class;
            case TIME -> LocalTime.class;
            case TIMESTAMP ->
                ((Types.TimestampType) type).shouldAdjustToUTC() ? OffsetDateTime.class : LocalDateTime.class;
            case DECIMAL -> BigDecimal.class;
            case UUID -> UUID.class;
            case BINARY, FIXED -> ByteBuffer.class;
            default -> Object.class;
        };
        if (expected.isInstance(value)) {
            if (value instanceof BigDecimal d && d.scale() != ((Types.DecimalType) type).scale()) {
                return "decimal " + d.toPlainString() + " has scale " + d.scale() + " but the column is " + type;
            }
            return null;
        }
        return "the file holds " + value.getClass().getSimpleName() + " values but the column is " + type;
    }

    private static Boolean parseBoolean(String s) throws BadValue {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new BadValue("'" + s + "' is not a valid boolean (write true or false)");
        };
    }

    private static Object parseTimestamp(String s, Types.TimestampType type) {
        // accept the common "2025-01-31 08:00:00" spelling as well as ISO-8601's 'T'
        String iso = s.length() > 10 && s.charAt(10) == ' ' ? s.substring(0, 10) + 'T' + s.substring(11) : s;
        return type.shouldAdjustToUTC() ? OffsetDateTime.parse(iso) : LocalDateTime.parse(iso);
    }

    private static BigDecimal parseDecimal(String s, Types.DecimalType type) throws BadValue {
        BigDecimal d = new BigDecimal(s);
        if (d.scale() > type.scale()) {
            throw new BadValue(
                    "'" + s + "' has more than " + type.scale() + " decimal places (column is " + type + ")");
        }
        d = d.setScale(type.scale());
        if (d.precision() > type.precision()) {
            throw new BadValue("'" + s + "' has more than " + type.precision() + " digits (column is " + type + ")");
        }
        return d;
    }

    private static String expectedForm(Type type) {
        return switch (type.typeId()) {
            case DATE -> " (write dates as yyyy-MM-dd, e.g. 2025-01-31)";
            case TIMESTAMP -> " (write timestamps as yyyy-MM-ddTHH:mm:ss)";
            case INTEGER, LONG -> " (write whole numbers without separators)";
            case FLOAT, DOUBLE, DECIMAL -> " (write numbers with a '.' decimal point and no separators)";
            default -> "";
        };
    }
}
