package dev.upbook.spec.processor;

import java.util.Arrays;
import java.util.Optional;

/**
 * The Java types a {@code With} component may have, each with the {@code Parameters} accessor the
 * generated binding calls. One row per type; {@code ParameterModel} adds the language type.
 */
enum ParameterKind {
    TEXT("java.lang.String", false),
    OPTIONAL_TEXT("java.util.Optional<java.lang.String>", true),
    BOOL("boolean", false),
    OPTIONAL_BOOL("java.util.Optional<java.lang.Boolean>", true),
    INTEGER("long", false),
    OPTIONAL_INTEGER("java.util.Optional<java.lang.Long>", true),
    DURATION("java.time.Duration", false),
    OPTIONAL_DURATION("java.util.Optional<java.time.Duration>", true),
    TEXTS("java.util.List<java.lang.String>", false),
    INTEGERS("java.util.List<java.lang.Long>", false),
    VALUES("java.util.List<java.lang.Object>", false),
    TEXT_MAP("java.util.Map<java.lang.String,java.lang.String>", false),
    VALUE_MAP("java.util.Map<java.lang.String,java.lang.Object>", false);

    final String javaType;
    final boolean optional;

    ParameterKind(String javaType, boolean optional) {
        this.javaType = javaType;
        this.optional = optional;
    }

    /** The kind of a component's type as javac prints it ({@code java.util.List<java.lang.String>}). */
    static Optional<ParameterKind> of(String typeName) {
        String normalized = typeName.replace(" ", "");
        return Arrays.stream(values()).filter(k -> k.javaType.equals(normalized)).findFirst();
    }

    boolean isCollection() {
        return this == TEXTS || this == INTEGERS || this == VALUES || this == TEXT_MAP || this == VALUE_MAP;
    }

    boolean isText() {
        return this == TEXT || this == OPTIONAL_TEXT;
    }

    boolean isBool() {
        return this == BOOL || this == OPTIONAL_BOOL;
    }

    static String supported() {
        return String.join(", ", Arrays.stream(values()).map(k -> k.javaType.replace("java.lang.", "").replace("java.util.", "")
                .replace("java.time.", "").replace(",", ", ")).toList());
    }
}
