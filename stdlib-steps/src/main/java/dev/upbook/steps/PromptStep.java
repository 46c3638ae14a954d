package dev.upbook.steps;

/** Step type {@code prompt}: Asks the operator a question and registers the answer. */
public final class PromptStep extends DeclaredStepType {
    public PromptStep() {
        super("prompt", "Asks the operator a question and registers the answer.", STEP,
                "Done once answered; the answer is journaled (masked when secret).",
                req("question", TEXT, "The question."),
                opt("choices", TEXTS, "[]", "Allowed answers."),
                opt("default", TEXT, "none", "Answer used with --yes."));
    }
}
