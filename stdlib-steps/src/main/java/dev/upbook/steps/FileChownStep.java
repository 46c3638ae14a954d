package dev.upbook.steps;

/** Step type {@code file.chown}: Sets owner and group, optionally recursively. */
public final class FileChownStep extends DeclaredStepType {
    public FileChownStep() {
        super("file.chown", "Sets owner and group, optionally recursively.", STEP,
                "Done when every path already has the owner and group.",
                req("path", TEXT_OR_TEXTS, "Files or directories."),
                req("owner", TEXT, "User name."),
                opt("group", TEXT, "the user's group", "Group name."),
                opt("recursive", BOOL, "false", "Apply below directories too."));
    }
}
