package dev.upbook.steps;

import dev.upbook.spec.spi.Param;
import dev.upbook.spec.spi.Parameters;
import dev.upbook.spec.spi.StepContext;
import dev.upbook.spec.spi.StepDefinition;
import dev.upbook.spec.spi.StepResult;
import dev.upbook.spec.spi.StepType.Use;
import dev.upbook.steps.internal.Texts;
import java.util.List;
import java.util.Optional;

/**
 * Step type {@code prompt}: asks the operator a question and registers the answer.
 *
 * <p>With {@code --yes} the {@code default} answers; interactively an empty answer takes the default, and
 * an answer outside {@code choices} is asked again, up to {@value #MAX_TRIES} times. Choices match
 * ignoring case and register as written in the playbook.
 */
@StepDefinition(name = "prompt", uses = Use.STEP,
        summary = "Asks the operator a question and registers the answer.",
        idempotency = "Done once answered; the answer is journaled (masked when secret).",
        registers = "The answer, a string (the choice as written in the playbook when `choices` are given).")
public final class PromptStep extends DeclaredStepType {
    private static final int MAX_TRIES = 3;

    /** The parameters under {@code with:}. */
    public record With(
            @Param(value = "The question.", example = "\"Is the help desk's cron job disabled?\"") String question,
            @Param("Allowed answers.") List<String> choices,
            @Param(name = "default", value = "Answer used with --yes.") Optional<String> defaultAnswer) {}

    public PromptStep() {
        super(PromptStepBinding.DECLARATION);
    }

    @Override
    public StepResult run(StepContext context) {
        With p = PromptStepBinding.bind(context.parameters());
        Optional<String> fallback = p.defaultAnswer();
        if (context.assumeYes()) {
            return fallback.map(d -> StepResult.succeeded("answered with the default (--yes)", "", d))
                    .orElseGet(() -> StepResult.failed("no default answer for --yes"));
        }
        List<String> choices = p.choices();
        String question = question(p.question(), choices, fallback);
        for (int tries = 0; tries < MAX_TRIES; tries++) {
            Optional<String> asked = context.ask(question);
            if (asked.isEmpty()) return StepResult.failed("needs an answer: run interactively, or with --yes to use the default");
            String answer = asked.get().strip();
            if (answer.isEmpty() && fallback.isPresent()) answer = fallback.get();
            Optional<String> accepted = choices.isEmpty() ? Optional.of(answer) : choice(choices, answer);
            if (accepted.isPresent()) {
                String message = choices.isEmpty() ? "answered" : "answered '" + accepted.get() + "'";
                return StepResult.succeeded(message, "", accepted.get());
            }
            context.progress("'" + answer + "' is not one of " + String.join(", ", choices));
        }
        return StepResult.failed("no valid answer after " + MAX_TRIES + " tries (choices: " + String.join(", ", choices) + ")");
    }

    private static String question(String question, List<String> choices, Optional<String> fallback) {
        StringBuilder sb = new StringBuilder(question);
        if (!choices.isEmpty()) sb.append(" [").append(String.join("/", choices)).append(']');
        fallback.ifPresent(d -> sb.append(" (default: ").append(d).append(')'));
        return sb.toString();
    }

    private static Optional<String> choice(List<String> choices, String answer) {
        return choices.stream().filter(c -> c.equalsIgnoreCase(answer)).findFirst();
    }

    @Override
    public String describe(Parameters parameters) {
        With p = PromptStepBinding.bind(parameters);
        return "prompt: " + Texts.oneLine(question(p.question(), p.choices(), p.defaultAnswer()));
    }
}
