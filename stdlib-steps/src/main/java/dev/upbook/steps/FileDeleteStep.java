package dev.upbook.steps;

/** Step type {@code file.delete}: Deletes a file or directory. */
public final class FileDeleteStep extends DeclaredStepType {
    public FileDeleteStep() {
        super("file.delete", "Deletes a file or directory.", STEP,
                "Done when the path is absent.",
                req("path", TEXT_OR_TEXTS, "What to delete."),
                opt("recursive", BOOL, "false", "Delete directories with their content."));
    }
}
