package dev.upbook.spec.ast;

import dev.upbook.spec.SourceRef;
import java.util.Optional;

/** Something that must hold before the first step runs; {@code message} (a template) tells the operator what to do. */
public record Precondition(SourceRef at, Text id, String title, Action check, Optional<Value.Scalar> message, Optional<Text> when) {

    /** The message text, or an empty string. */
    public String messageText() {
        return message.map(Value.Scalar::text).orElse("");
    }
}
