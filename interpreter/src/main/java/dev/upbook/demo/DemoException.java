package dev.upbook.demo;

/** A demo that cannot go on: a sandbox description that is wrong, a builder that failed, a missing program. */
public final class DemoException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DemoException(String message) {
        super(message);
    }
}
