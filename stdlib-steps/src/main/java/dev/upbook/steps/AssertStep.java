package dev.upbook.steps;

import dev.upbook.spec.spi.CheckResult;
import dev.upbook.spec.spi.Parameters;
import dev.upbook.spec.spi.StepContext;
import dev.upbook.spec.spi.StepResult;

/**
 * Step type {@code assert}: Checks an expression over inputs and registered values. The executor
 * evaluates {@code that} (a parameter of type expression) before the call; it arrives as a Boolean,
 * so without a {@code message} the failure says "assertion failed": the expression's text does not
 * reach the step type.
 */
public final class AssertStep extends DeclaredStepType {
    private static final String DEFAULT_MESSAGE = "assertion failed";

    public AssertStep() {
        super("assert", "Checks an expression over inputs and registered values.", STEP_AND_CHECK,
                "Pure check; always safe to repeat.",
                req("that", new dev.upbook.spec.model.Type.Expression(), "A Jinja expression that must be true."),
                // The declared default stays as the generated JSON Schema (dsl-spec) has it; see the class comment.
                opt("message", TEXT, "the expression", "Shown when the expression is false."));
    }

    @Override
    public boolean canRun(Use use) {
        return uses().contains(use);
    }

    @Override
    public StepResult run(StepContext context) {
        CheckResult result = check(context);
        return result.passed() ? StepResult.succeeded(result.detail()) : StepResult.failed(result.detail());
    }

    @Override
    public CheckResult check(StepContext context) {
        Parameters p = context.parameters();
        if (!p.has("that")) throw new Parameters.ParameterException("that", "is required");
        if (p.bool("that", false)) return CheckResult.pass("assertion holds");
        return CheckResult.fail(context.mask(p.text("message", DEFAULT_MESSAGE)));
    }

    @Override
    public String describe(Parameters parameters) {
        return "assert: " + parameters.text("message", "the expression holds");
    }
}
