package dev.upbook.cli;

import dev.upbook.spec.model.Type;

/**
 * A placeholder value of a parameter type, as YAML flow text, for the example step that
 * {@code upbook explain TYPE} prints: {@code "<url>"}, {@code ["<argv>"]}, {@code 30s}.
 */
final class ExampleValues {
    private ExampleValues() {}

    /**
     * {@code Type} is sealed but offers no visitor, and pattern switch is not Java 17: one test per
     * kind. Strings are double-quoted so that YAML never reads them as booleans ({@code on}).
     */
    static String of(Type type, String name) {
        if (type instanceof Type.Int i) return String.valueOf(Math.max(i.min(), Math.min(1, i.max())));
        if (type instanceof Type.Bool) return "true";
        if (type instanceof Type.Duration) return "30s";
        if (type instanceof Type.Id) return "example";
        if (type instanceof Type.Version) return quoted("1.0.0");
        if (type instanceof Type.Range) return quoted(">=1.0.0");
        if (type instanceof Type.Expression) return quoted("true");
        if (type instanceof Type.Enum e) return quoted(e.values().get(0));
        if (type instanceof Type.ListOf l) return "[" + of(l.item(), name) + "]";
        if (type instanceof Type.MapOf m) return "{ key: " + of(m.value(), name) + " }";
        if (type instanceof Type.OneOf o) return of(o.options().get(0), name);
        if (type instanceof Type.Ref) return "{}";
        return quoted("<" + name + ">");
    }

    private static String quoted(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
