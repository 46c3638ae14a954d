package dev.upbook.steps;

/** Step type {@code http.check}: Requests a URL and checks status, body and headers. */
public final class HttpCheckStep extends DeclaredStepType {
    public HttpCheckStep() {
        super("http.check", "Requests a URL and checks status, body and headers.", STEP_AND_CHECK,
                "Pure check; always safe to repeat.",
                req("url", TEXT, "The URL."),
                opt("status", INT, "200", "Expected status code."),
                opt("body", TEXT, "none", "A regular expression the body must match."),
                opt("headers", TEXT_MAP, "{}", "Headers that must be present with these values (regex)."));
    }
}
