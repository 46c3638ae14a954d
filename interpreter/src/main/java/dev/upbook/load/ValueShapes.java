package dev.upbook.load;

import dev.upbook.spec.Durations;
import dev.upbook.spec.ast.Value;
import dev.upbook.spec.model.Type;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether a value has the shape a {@link Type} asks for. Shared by the loader (playbook keys) and
 * the validator (step parameters), so both speak the same type language.
 */
public final class ValueShapes {
    /** Ids: lower-case words joined by '-' or '_'. */
    public static final Pattern ID = Pattern.compile("[a-z][a-z0-9_-]*");
    private static final Pattern INTEGER = Pattern.compile("[-+]?\\d+");
    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

    private ValueShapes() {}

    /**
     * Why {@code value} does not fit {@code type} at its top level (list items and mapping values
     * are checked by the caller with their own paths), or null when it fits.
     */
    public static String problem(Value value, Type type) {
        if (type instanceof Type.Any) return null;
        if (type instanceof Type.OneOf) {
            for (Type option : ((Type.OneOf) type).options()) {
                if (problem(value, option) == null) return null;
            }
            return "expected " + type.describe() + ", got " + describe(value);
        }
        if (type instanceof Type.ListOf) {
            return value instanceof Value.Sequence ? null : "expected a " + type.describe() + ", got " + describe(value);
        }
        if (type instanceof Type.MapOf || type instanceof Type.Ref) {
            return value instanceof Value.Mapping ? null : "expected " + article(type) + ", got " + describe(value);
        }
        if (!(value instanceof Value.Scalar) || ((Value.Scalar) value).isNull()) {
            return "expected " + article(type) + ", got " + describe(value);
        }
        return scalarProblem(((Value.Scalar) value).text().trim(), type);
    }

    private static String scalarProblem(String text, Type type) {
        if (type instanceof Type.Int) {
            long min = ((Type.Int) type).min(), max = ((Type.Int) type).max();
            try {
                long n = Long.parseLong(text);
                return n < min || n > max ? "expected an integer from " + min + " to " + max + ", got " + text : null;
            } catch (NumberFormatException e) {
                return "expected an integer, got '" + text + "'";
            }
        }
        if (type instanceof Type.Bool) {
            String lower = text.toLowerCase(Locale.ROOT);
            return lower.equals("true") || lower.equals("false") ? null : "expected true or false, got '" + text + "'";
        }
        if (type instanceof Type.Duration) {
            return Durations.parse(text).isPresent() ? null : "expected a duration like 30s, 10m or 1h30m, got '" + text + "'";
        }
        if (type instanceof Type.Id) {
            return ID.matcher(text).matches() ? null
                    : "'" + text + "' is not a valid id (lower-case letters, digits, '-' and '_', starting with a letter)";
        }
        if (type instanceof Type.Enum) {
            List<String> values = ((Type.Enum) type).values();
            return values.contains(text) ? null : "'" + text + "' is not one of " + String.join(", ", values);
        }
        if (text.isEmpty() && !(type instanceof Type.Str) && !(type instanceof Type.Secret)) return "expected " + article(type) + ", got an empty string";
        return null;
    }

    static String article(Type type) {
        String d = type.describe();
        return (d.matches("^[aeiou].*") ? "an " : "a ") + d;
    }

    /** A short description of a value's shape for messages. */
    public static String describe(Value value) {
        if (value instanceof Value.Mapping) return "a mapping";
        if (value instanceof Value.Sequence) return "a list";
        Value.Scalar s = (Value.Scalar) value;
        if (s.isNull()) return "nothing (null)";
        if (s.plain() && INTEGER.matcher(s.text()).matches()) return "the number " + s.text();
        if (s.plain() && NUMBER.matcher(s.text()).matches()) return "the number " + s.text();
        if (s.plain() && (s.text().equals("true") || s.text().equals("false"))) return "the boolean " + s.text();
        String t = s.text();
        return "the string '" + (t.length() <= 40 ? t : t.substring(0, 37) + "...") + "'";
    }
}
