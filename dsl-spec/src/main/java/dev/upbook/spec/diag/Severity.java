package dev.upbook.spec.diag;

/** How bad a diagnostic is. Only {@link #ERROR} stops the pipeline. */
public enum Severity {
    ERROR, WARNING, NOTE;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
