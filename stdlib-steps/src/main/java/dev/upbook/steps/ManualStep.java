package dev.upbook.steps;

import dev.upbook.spec.spi.Param;
import dev.upbook.spec.spi.Parameters;
import dev.upbook.spec.spi.StepContext;
import dev.upbook.spec.spi.StepDefinition;
import dev.upbook.spec.spi.StepResult;
import dev.upbook.spec.spi.StepType.Use;
import dev.upbook.steps.internal.Texts;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Step type {@code manual}: An instruction the operator carries out and confirms.
 *
 * <p>The operator is shown the instruction and asked "Done? [y/N]"; only {@code y} or {@code yes}
 * confirms. A pre-given {@code answer} or {@code --yes} confirms without asking; a pre-given "no"
 * does not. Without a terminal to ask and without either, the step fails.
 */
@StepDefinition(name = "manual", uses = Use.STEP,
        summary = "An instruction the operator carries out and confirms.",
        idempotency = "Done once the operator confirmed it; the confirmation is journaled. Interrupted before that, it "
                + "asks again: the operator knows whether the instruction was carried out.",
        idempotent = true,
        registers = "The answer text: the pre-given `answer`, `yes` with `--yes`, or what the operator typed.")
public final class ManualStep extends DeclaredStepType {
    private static final Set<String> YES = Set.of("y", "yes");
    private static final Set<String> NO = Set.of("n", "no");

    /** The parameters under {@code with:}. */
    public record With(
            @Param(value = "What the operator must do, in words.",
                    example = "\"Review the Compatibility section of the CHANGELOG for v{{ edge.to }}.\"") String instruction,
            @Param("A pre-given answer for non-interactive runs.") Optional<String> answer) {}

    public ManualStep() {
        super(ManualStepBinding.DECLARATION);
    }

    @Override
    public StepResult run(StepContext context) {
        With p = ManualStepBinding.bind(context.parameters());
        Optional<String> given = p.answer();
        if (given.isPresent()) {
            if (NO.contains(normalized(given.get()))) return StepResult.failed("not confirmed (the pre-given answer is no)");
            return StepResult.succeeded("pre-given answer", "", given.get());
        }
        if (context.assumeYes()) return StepResult.succeeded("confirmed by --yes", "", "yes");
        Optional<String> answer = context.ask(p.instruction() + "\nDone? [y/N]");
        if (answer.isEmpty()) return StepResult.failed("needs confirmation: run with --yes or give an answer");
        if (!YES.contains(normalized(answer.get()))) return StepResult.failed("not confirmed");
        return StepResult.succeeded("confirmed by the operator", "", answer.get().strip());
    }

    private static String normalized(String answer) {
        return answer.strip().toLowerCase(Locale.ROOT);
    }

    @Override
    public String describe(Parameters parameters) {
        With p = ManualStepBinding.bind(parameters);
        String how = p.answer().isPresent() ? " (pre-given answer)" : " (asks the operator to confirm)";
        return "manual: " + Texts.oneLine(p.instruction()) + how;
    }
}
