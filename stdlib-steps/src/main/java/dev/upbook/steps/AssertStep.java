package dev.upbook.steps;

/** Step type {@code assert}: Checks an expression over inputs and registered values. */
public final class AssertStep extends DeclaredStepType {
    public AssertStep() {
        super("assert", "Checks an expression over inputs and registered values.", STEP_AND_CHECK,
                "Pure check; always safe to repeat.",
                req("that", new dev.upbook.spec.model.Type.Expression(), "A Jinja expression that must be true."),
                opt("message", TEXT, "the expression", "Shown when the expression is false."));
    }
}
