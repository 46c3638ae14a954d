package dev.upbook.steps;

/** Step type {@code file.copy}: Copies a release tree over an installation, keeping the hierarchy, with excludes and protected files. */
public final class FileCopyStep extends DeclaredStepType {
    public FileCopyStep() {
        super("file.copy", "Copies a release tree over an installation, keeping the hierarchy, with excludes and protected files.", STEP,
                "Done when every source file is present at the target with the same checksum.",
                req("source", TEXT, "The directory to copy from."),
                req("to", TEXT, "The directory to copy into."),
                opt("exclude", TEXTS, "[]", "Glob patterns (relative to source) not copied, e.g. scripts/**."),
                opt("protect", TEXTS, "[]", "Paths (relative to the target) never overwritten, e.g. include/ost-config.php."),
                opt("delete-extra", BOOL, "false", "Also delete target files absent from the source (sync)."));
    }
}
