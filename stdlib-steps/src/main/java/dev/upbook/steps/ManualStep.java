package dev.upbook.steps;

import dev.upbook.spec.spi.Parameters;
import dev.upbook.spec.spi.StepContext;
import dev.upbook.spec.spi.StepResult;
import dev.upbook.steps.internal.Texts;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Step type {@code manual}: An instruction the operator carries out and confirms. A pre-given
 * {@code answer} or {@code --yes} confirms without asking; a pre-given "no" does not. Registers the
 * answer text.
 */
public final class ManualStep extends DeclaredStepType {
    private static final Set<String> YES = Set.of("y", "yes");
    private static final Set<String> NO = Set.of("n", "no");

    public ManualStep() {
        super("manual", "An instruction the operator carries out and confirms.", STEP,
                "Done once the operator confirmed it; the confirmation is journaled.",
                req("instruction", TEXT, "What the operator must do, in words."),
                opt("answer", TEXT, "none", "A pre-given answer for non-interactive runs."));
    }

    @Override
    public boolean canRun(Use use) {
        return uses().contains(use);
    }

    @Override
    public StepResult run(StepContext context) {
        Parameters p = context.parameters();
        Optional<String> given = p.optionalText("answer");
        if (given.isPresent()) {
            if (NO.contains(normalized(given.get()))) return StepResult.failed("not confirmed (the pre-given answer is no)");
            return StepResult.succeeded("pre-given answer", "", given.get());
        }
        if (context.assumeYes()) return StepResult.succeeded("confirmed by --yes", "", "yes");
        Optional<String> answer = context.ask(p.text("instruction") + "\nDone? [y/N]");
        if (answer.isEmpty()) return StepResult.failed("needs confirmation: run with --yes or give an answer");
        if (!YES.contains(normalized(answer.get()))) return StepResult.failed("not confirmed");
        return StepResult.succeeded("confirmed by the operator", "", answer.get().strip());
    }

    private static String normalized(String answer) {
        return answer.strip().toLowerCase(Locale.ROOT);
    }

    @Override
    public String describe(Parameters parameters) {
        String how = parameters.has("answer") ? " (pre-given answer)" : " (asks the operator to confirm)";
        return "manual: " + Texts.oneLine(parameters.text("instruction", "")) + how;
    }
}
