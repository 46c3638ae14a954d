package dev.upbook.steps;

/** Step type {@code manual}: An instruction the operator carries out and confirms. */
public final class ManualStep extends DeclaredStepType {
    public ManualStep() {
        super("manual", "An instruction the operator carries out and confirms.", STEP,
                "Done once the operator confirmed it; the confirmation is journaled.",
                req("instruction", TEXT, "What the operator must do, in words."),
                opt("answer", TEXT, "none", "A pre-given answer for non-interactive runs."));
    }
}
