package dev.upbook.spec.ast;

import dev.upbook.spec.SourceRef;
import java.util.Locale;
import java.util.Optional;

/**
 * What a review check's value is compared with ({@code expect:}): a value (a template) or a
 * captured value, by {@code equal}, {@code at-least}, {@code at-most} or {@code within} a tolerance.
 */
public record Expectation(SourceRef at, Optional<Value.Scalar> value, Optional<Text> captured, Compare compare,
        Optional<String> tolerance) {

    public enum Compare {
        EQUAL, AT_LEAST, AT_MOST, WITHIN;

        public String keyword() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }
}
