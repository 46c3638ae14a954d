package dev.upbook.spec.ast;

import dev.upbook.spec.SourceRef;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A free-form YAML value with positions (step parameters, input defaults). Scalars keep their
 * text; whether it is a number or a boolean is decided by the parameter that reads it.
 */
public sealed interface Value permits Value.Scalar, Value.Sequence, Value.Mapping {

    SourceRef at();

    /** A short name of the value's shape for messages: "a string", "a list", "a mapping". */
    String shape();

    /** A plain-Java view (String, List, Map) used by templates and JSON output. */
    Object toPlain();

    /**
     * A scalar. {@code style} is how it was written (quoted scalars are always strings); {@code isNull}
     * marks {@code ~}, {@code null} or an empty value. {@code at} is where the scalar starts (the
     * quote or the block indicator), {@code contentAt} where its first character of content stands.
     */
    record Scalar(String text, Style style, boolean isNull, SourceRef at, SourceRef contentAt) implements Value {
        /** A scalar whose content starts where it starts (tests, generated values). */
        public Scalar(String text, boolean plain, boolean isNull, SourceRef at) {
            this(text, plain ? Style.PLAIN : Style.DOUBLE_QUOTED, isNull, at, at);
        }

        /** Plain scalars are typed by their parameter; quoted ones are strings. */
        public boolean plain() {
            return style == Style.PLAIN;
        }

        public String shape() {
            return isNull ? "null" : "a scalar";
        }

        public Object toPlain() {
            return isNull ? null : text;
        }
    }

    /** How a scalar was written in YAML. */
    enum Style {
        PLAIN, SINGLE_QUOTED, DOUBLE_QUOTED,
        /** {@code |}: lines are kept, so offsets inside the text map to source lines. */
        LITERAL,
        /** {@code >}: lines are folded. */
        FOLDED
    }

    record Sequence(List<Value> items, SourceRef at) implements Value {
        public Sequence {
            items = List.copyOf(items);
        }

        public String shape() {
            return "a list";
        }

        public Object toPlain() {
            return items.stream().map(Value::toPlain).collect(Collectors.toList());
        }
    }

    /** A mapping; {@code keys} holds the position of each key, in document order. */
    record Mapping(Map<String, Value> entries, Map<String, SourceRef> keys, SourceRef at) implements Value {
        public Mapping {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
            keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
        }

        public String shape() {
            return "a mapping";
        }

        public Object toPlain() {
            Map<String, Object> m = new LinkedHashMap<>();
            entries.forEach((k, v) -> m.put(k, v.toPlain()));
            return m;
        }

        public static Mapping empty(SourceRef at) {
            return new Mapping(Map.of(), Map.of(), at);
        }
    }
}
