package dev.upbook.steps;

/** Step type {@code file.write}: Writes a file from a template (e.g. a maintenance index.html), atomically. */
public final class FileWriteStep extends DeclaredStepType {
    public FileWriteStep() {
        super("file.write", "Writes a file from a template (e.g. a maintenance index.html), atomically.", STEP,
                "Done when the file has exactly the rendered content.",
                req("path", TEXT, "The file to write."),
                req("content", TEXT, "The content (a template)."),
                opt("mode", TEXT, "0644", "Permissions of the file."));
    }
}
