package dev.upbook.run;

/**
 * A run cannot start or continue for a reason the operator must act on (bad input, unfinished
 * run, drift, lock). Carries the outcome the command exits with.
 */
public final class RunProblem extends RuntimeException {
    private final Outcome.Kind kind;

    public RunProblem(Outcome.Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Outcome.Kind kind() {
        return kind;
    }
}
