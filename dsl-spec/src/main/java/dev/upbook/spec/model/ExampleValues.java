package dev.upbook.spec.model;

import java.util.List;

/**
 * A placeholder value of a parameter type, as YAML flow text, for the example step that
 * {@code upbook explain TYPE} prints: {@code "<url>"}, {@code ["<argv>"]}, {@code 30s}.
 */
public final class ExampleValues {
    private ExampleValues() {}

    /**
     * {@code Type} is sealed but offers no visitor, and pattern switch is not Java 17: one test per
     * kind. Strings are double-quoted so that YAML never reads them as booleans ({@code on}).
     */
    public static String of(Type type, String name) {
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

    /**
     * An example step (or, for a check-only type, a precondition) that passes lint once its
     * placeholders are filled: the required parameters and the first of each exactly-one-of group.
     * Lines are indented as items of a {@code steps:} or {@code preconditions:} list.
     */
    public static String step(String typeName, boolean usableAsStep, List<KeySpec> parameters, List<List<String>> exactlyOneOf) {
        List<String> firstOfGroups = exactlyOneOf.stream().map(g -> g.get(0)).toList();
        List<KeySpec> shown = parameters.stream().filter(p -> p.required() || firstOfGroups.contains(p.name())).toList();
        String id = typeName.replace('.', '-');
        StringBuilder sb = new StringBuilder();
        String indent;
        if (usableAsStep) {
            sb.append("  - id: ").append(id).append('\n').append("    type: ").append(typeName).append('\n');
            indent = "    ";
        } else {
            sb.append("  - id: ").append(id).append("\n    check:\n      type: ").append(typeName).append('\n');
            indent = "      ";
        }
        if (!shown.isEmpty()) sb.append(indent).append("with:\n");
        for (KeySpec p : shown) sb.append(indent).append("  ").append(p.name()).append(": ").append(p.exampleValue()).append('\n');
        return sb.toString();
    }
}
