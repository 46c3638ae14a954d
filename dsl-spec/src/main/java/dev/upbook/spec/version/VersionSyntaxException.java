package dev.upbook.spec.version;

/** A version or range that cannot be parsed; the message says what was expected. */
public final class VersionSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    public VersionSyntaxException(String message) {
        super(message);
    }
}
