package dev.upbook.steps;

/** Step type {@code file.move}: Moves or renames a file or directory. */
public final class FileMoveStep extends DeclaredStepType {
    public FileMoveStep() {
        super("file.move", "Moves or renames a file or directory.", STEP,
                "Done when the source is absent and the target present.",
                req("source", TEXT, "What to move."),
                req("to", TEXT, "Where to."),
                opt("missing-ok", BOOL, "false", "Succeed when the source does not exist."),
                opt("overwrite", BOOL, "false", "Replace an existing target."));
    }
}
