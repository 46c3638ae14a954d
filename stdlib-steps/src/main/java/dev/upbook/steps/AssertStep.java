package dev.upbook.steps;

import dev.upbook.spec.spi.CheckResult;
import dev.upbook.spec.spi.Param;
import dev.upbook.spec.spi.Parameters;
import dev.upbook.spec.spi.StepContext;
import dev.upbook.spec.spi.StepDefinition;
import dev.upbook.spec.spi.StepResult;
import dev.upbook.spec.spi.StepType.Use;
import java.util.Optional;

/**
 * Step type {@code assert}: Checks an expression over inputs and registered values.
 *
 * <p>{@code that} is an expression: upbook evaluates it before the step runs, and the step sees
 * only true or false. So without a {@code message} a failure says "assertion failed", not the
 * expression's text.
 */
@StepDefinition(name = "assert", uses = {Use.STEP, Use.CHECK},
        summary = "Checks an expression over inputs and registered values.",
        idempotency = "Pure check; always safe to repeat.",
        idempotent = true)
public final class AssertStep extends DeclaredStepType {
    private static final String DEFAULT_MESSAGE = "assertion failed";

    /** The parameters under {@code with:}. */
    public record With(
            @Param(value = "A Jinja expression that must be true.", expression = true,
                    example = "\"run.to == '1.18.1'\"") boolean that,
            // The shown default stays as the generated JSON Schema (dsl-spec) has it; see the class comment.
            @Param(value = "Shown when the expression is false.", whenAbsent = "\"assertion failed\"") Optional<String> message) {}

    public AssertStep() {
        super(AssertStepBinding.DECLARATION);
    }

    @Override
    public StepResult run(StepContext context) {
        CheckResult result = check(context);
        return result.passed() ? StepResult.succeeded(result.detail()) : StepResult.failed(result.detail());
    }

    @Override
    public CheckResult check(StepContext context) {
        With p = AssertStepBinding.bind(context.parameters());
        if (p.that()) return CheckResult.pass("assertion holds");
        return CheckResult.fail(context.mask(p.message().orElse(DEFAULT_MESSAGE)));
    }

    @Override
    public String describe(Parameters parameters) {
        return "assert: " + AssertStepBinding.bind(parameters).message().orElse("the expression holds");
    }
}
