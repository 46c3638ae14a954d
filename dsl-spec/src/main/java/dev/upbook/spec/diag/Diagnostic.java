package dev.upbook.spec.diag;

import dev.upbook.spec.SourceRef;
import java.util.Objects;

/**
 * One finding about a playbook: what is wrong, where, and what to do about it.
 *
 * @param path the location in the document's structure, e.g. {@code edges[2].steps[0].with}
 * @param hint the next action for the author, or an empty string
 */
public record Diagnostic(Severity severity, Code code, String path, SourceRef at, String message, String hint)
        implements Comparable<Diagnostic> {

    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(message, "message");
        path = path == null ? "" : path;
        hint = hint == null ? "" : hint;
    }

    public static Diagnostic error(Code code, String path, SourceRef at, String message, String hint) {
        return new Diagnostic(code.defaultSeverity(), code, path, at, message, hint);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** The compiler-style text form: {@code file:line:col: error[CODE]: message}. */
    public String format() {
        StringBuilder sb = new StringBuilder()
                .append(at).append(": ").append(severity.label())
                .append('[').append(code.name()).append("]: ").append(message);
        if (!path.isEmpty()) sb.append(" (at ").append(path).append(')');
        if (!hint.isEmpty()) sb.append(System.lineSeparator()).append("  hint: ").append(hint);
        return sb.toString();
    }

    @Override
    public int compareTo(Diagnostic o) {
        int c = at.compareTo(o.at);
        return c != 0 ? c : code.compareTo(o.code);
    }
}
