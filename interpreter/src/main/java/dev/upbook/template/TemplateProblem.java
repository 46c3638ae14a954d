package dev.upbook.template;

import java.util.Objects;

/**
 * One thing wrong with a template, found at lint time.
 *
 * <p>{@code line} and {@code column} are 0-based offsets inside the template text (line 0,
 * column 5 is the sixth character of the first line); the caller adds the position of the YAML
 * scalar that holds the template.
 */
public record TemplateProblem(Kind kind, String message, int line, int column) {

    /** What kind of problem; maps one-to-one onto a diagnostic code. */
    public enum Kind {
        /** The template or expression cannot be parsed, or uses a construct upbook does not offer. */
        SYNTAX,
        /** A name that is neither a namespace of the scope, a key of one, nor a template-local variable. */
        UNKNOWN_VARIABLE,
        /** {@code inputs.X} where X is not a declared input. */
        UNKNOWN_INPUT
    }

    public TemplateProblem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
        if (line < 0) throw new IllegalArgumentException("line must be >= 0, got " + line);
        if (column < 0) throw new IllegalArgumentException("column must be >= 0, got " + column);
    }

    @Override
    public String toString() {
        return line + ":" + column + ": " + kind + ": " + message;
    }
}
