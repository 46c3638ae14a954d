package dev.upbook.spec.ast;

import dev.upbook.spec.SourceRef;
import java.util.Optional;

/**
 * A typed input of the playbook. Secrets never have a default; they come from {@code env} or
 * {@code file} (or {@code --var}) and are masked wherever they would be printed or stored.
 */
public record Input(
        SourceRef at,
        String name,
        InputType type,
        Optional<Value> defaultValue,
        String description,
        boolean secret,
        Optional<String> env,
        Optional<String> file,
        boolean required) {

    /** The value types an input can have. */
    public enum InputType {
        STRING, INT, BOOL, PATH, URL;

        public String keyword() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
