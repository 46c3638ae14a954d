package dev.upbook.spec.model;

import java.util.Objects;

/**
 * One key of an object in the language: its type, whether it is required, its default and
 * its meaning. The reference tables, the JSON Schema and the loader's key checks all read this.
 * {@code example} (YAML flow text, may be null) is what example steps show for it.
 */
public record KeySpec(String name, Type type, boolean required, String defaultValue, String description, String example) {
    public KeySpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        if (required && defaultValue != null) {
            throw new IllegalArgumentException("key '" + name + "' is required and cannot have a default");
        }
    }

    public KeySpec(String name, Type type, boolean required, String defaultValue, String description) {
        this(name, type, required, defaultValue, description, null);
    }

    /** The example value of this key as YAML flow text: its declared example, or a placeholder of its type. */
    public String exampleValue() {
        return example != null ? example : ExampleValues.of(type, name);
    }

    public static KeySpec required(String name, Type type, String description) {
        return new KeySpec(name, type, true, null, description);
    }

    public static KeySpec optional(String name, Type type, String defaultValue, String description) {
        return new KeySpec(name, type, false, defaultValue, description);
    }
}
