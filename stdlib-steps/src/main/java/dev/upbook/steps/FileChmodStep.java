package dev.upbook.steps;

/** Step type {@code file.chmod}: Sets permissions, optionally recursively (e.g. ug+rwX). */
public final class FileChmodStep extends DeclaredStepType {
    public FileChmodStep() {
        super("file.chmod", "Sets permissions, optionally recursively (e.g. ug+rwX).", STEP,
                "Done when every path already has the mode.",
                req("path", TEXT_OR_TEXTS, "Files or directories."),
                req("mode", TEXT, "Octal (0755) or symbolic (ug+rwX) mode."),
                opt("recursive", BOOL, "false", "Apply below directories too."));
    }
}
