package dev.upbook.resolve;

import dev.upbook.spec.version.Version;
import dev.upbook.spec.version.VersionRange;
import dev.upbook.spec.version.VersionScheme;
import dev.upbook.spec.version.VersionSyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * A minimal scheme for tests: dotted numbers ({@code 1}, {@code 6.1.0}; missing components are 0)
 * with an optional {@code -tag} that marks a pre-release. Ranges: {@code *}, comparators
 * ({@code >= > <= < =} or a bare version) joined by spaces (AND) and {@code ||} (OR).
 */
public final class TestScheme implements VersionScheme {
    public static final TestScheme INSTANCE = new TestScheme();
    private static final java.util.regex.Pattern DOTTED = java.util.regex.Pattern.compile("[0-9]+(\\.[0-9]+)*");

    /** A parsed test version. */
    public record V(String text, long[] parts, String tag) implements Version {
        @Override
        public String normalized() {
            StringBuilder sb = new StringBuilder();
            int last = parts.length;
            while (last > 1 && parts[last - 1] == 0) last--;
            for (int i = 0; i < last; i++) sb.append(i == 0 ? "" : ".").append(parts[i]);
            return tag.isEmpty() ? sb.toString() : sb + "-" + tag;
        }

        @Override
        public long component(int index) {
            return index < parts.length ? parts[index] : 0;
        }

        @Override
        public boolean isPrerelease() {
            return !tag.isEmpty();
        }

        @Override
        public int compareTo(Version o) {
            V other = (V) o;
            for (int i = 0; i < Math.max(parts.length, other.parts.length); i++) {
                int c = Long.compare(component(i), other.component(i));
                if (c != 0) return c;
            }
            if (tag.isEmpty() != other.tag.isEmpty()) return tag.isEmpty() ? 1 : -1;
            return tag.compareTo(other.tag);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof V && compareTo((V) o) == 0;
        }

        @Override
        public int hashCode() {
            return normalized().hashCode();
        }

        @Override
        public String toString() {
            return text;
        }
    }

    @Override
    public String name() {
        return "test";
    }

    public static V v(String text) {
        try {
            return INSTANCE.parse(text);
        } catch (VersionSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public V parse(String text) throws VersionSyntaxException {
        String t = text.trim();
        String tag = "";
        int dash = t.indexOf('-');
        if (dash >= 0) {
            tag = t.substring(dash + 1);
            t = t.substring(0, dash);
            if (tag.isEmpty()) throw new VersionSyntaxException("empty pre-release tag in '" + text + "'");
        }
        if (!DOTTED.matcher(t).matches()) throw new VersionSyntaxException("expected dotted numbers, got '" + text + "'");
        return new V(text.trim(), Arrays.stream(t.split("\\.")).mapToLong(Long::parseLong).toArray(), tag);
    }

    @Override
    public VersionRange parseRange(String text) throws VersionSyntaxException {
        List<Predicate<Version>> alternatives = new ArrayList<>();
        for (String alternative : text.split("\\|\\|")) {
            Predicate<Version> all = v -> true;
            String[] comparators = alternative.trim().split("\\s+");
            for (String c : comparators) all = all.and(comparator(c, text));
            alternatives.add(all);
        }
        Predicate<Version> any = alternatives.stream().reduce(v -> false, Predicate::or);
        return new VersionRange() {
            @Override
            public String text() {
                return text;
            }

            @Override
            public boolean contains(Version version) {
                return any.test(version);
            }

            @Override
            public String toString() {
                return text;
            }
        };
    }

    private Predicate<Version> comparator(String c, String whole) throws VersionSyntaxException {
        if (c.equals("*")) return v -> true;
        if (c.isEmpty()) throw new VersionSyntaxException("empty comparator in '" + whole + "'");
        String op = c.startsWith(">=") || c.startsWith("<=") ? c.substring(0, 2)
                : c.startsWith(">") || c.startsWith("<") || c.startsWith("=") ? c.substring(0, 1) : "";
        V bound = parse(c.substring(op.length()));
        switch (op) {
            case ">=": return v -> v.compareTo(bound) >= 0;
            case ">": return v -> v.compareTo(bound) > 0;
            case "<=": return v -> v.compareTo(bound) <= 0;
            case "<": return v -> v.compareTo(bound) < 0;
            default: return v -> v.compareTo(bound) == 0;
        }
    }
}
