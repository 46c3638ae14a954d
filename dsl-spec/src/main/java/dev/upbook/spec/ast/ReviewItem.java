package dev.upbook.spec.ast;

import dev.upbook.spec.SourceRef;
import java.util.Optional;

/**
 * A post-upgrade review item: an automated check (optionally compared with a value or a captured
 * value), the target-version check, or a manual instruction (a template) an operator signs off.
 */
public record ReviewItem(
        SourceRef at, Text id, String title, Optional<Action> check, Optional<Value.Scalar> manual,
        ReviewSeverity severity, Optional<Text> when, boolean targetVersion, Optional<Expectation> expect) {

    public ReviewItem(SourceRef at, Text id, String title, Optional<Action> check, Optional<Value.Scalar> manual,
            ReviewSeverity severity, Optional<Text> when) {
        this(at, id, title, check, manual, severity, when, false, Optional.empty());
    }

    /** Automated: a check or the target-version check; otherwise manual. */
    public boolean automated() {
        return check.isPresent() || targetVersion;
    }

    /** Whether a failed item keeps the run from being complete. */
    public enum ReviewSeverity {
        BLOCKING, ADVISORY;

        public String keyword() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
