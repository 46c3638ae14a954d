package dev.upbook.spec.ast;

import dev.upbook.spec.SourceRef;
import java.util.Objects;

/** A string from the playbook together with where it was written. */
public record Text(String value, SourceRef at) {
    public Text {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(at, "at");
    }

    @Override
    public String toString() {
        return value;
    }
}
