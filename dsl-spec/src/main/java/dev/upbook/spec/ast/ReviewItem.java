package dev.upbook.spec.ast;

import dev.upbook.spec.SourceRef;
import java.util.Optional;

/** A post-upgrade review item: an automated check or a manual instruction (a template) an operator signs off. */
public record ReviewItem(
        SourceRef at, Text id, String title, Optional<Action> check, Optional<Value.Scalar> manual,
        ReviewSeverity severity, Optional<Text> when) {

    /** Whether a failed item keeps the run from being complete. */
    public enum ReviewSeverity {
        BLOCKING, ADVISORY;

        public String keyword() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
