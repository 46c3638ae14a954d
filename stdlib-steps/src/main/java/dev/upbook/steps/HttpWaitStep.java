package dev.upbook.steps;

/** Step type {@code http.wait}: Polls a URL until it answers as expected or the timeout passes. */
public final class HttpWaitStep extends DeclaredStepType {
    public HttpWaitStep() {
        super("http.wait", "Polls a URL until it answers as expected or the timeout passes.", STEP_AND_CHECK,
                "Pure check; always safe to repeat.",
                req("url", TEXT, "The URL."),
                opt("status", INT, "200", "Expected status code."),
                opt("within", DURATION, "2m", "Give up after this long."),
                opt("interval", DURATION, "2s", "Pause between attempts."));
    }
}
