package dev.upbook.steps;

/** Step type {@code file.assert}: Checks a file or directory: exists or absent, readable or writable by a user, free space. */
public final class FileAssertStep extends DeclaredStepType {
    public FileAssertStep() {
        super("file.assert", "Checks a file or directory: exists or absent, readable or writable by a user, free space.", STEP_AND_CHECK,
                "Pure check; always safe to repeat.",
                req("path", TEXT, "The file or directory."),
                opt("exists", BOOL, "true", "Whether the path must exist (false: must be absent)."),
                opt("kind", oneOf("file", "directory", "any"), "any", "What the path must be."),
                opt("readable-by", TEXT, "none", "A user who must be able to read it."),
                opt("writable-by", TEXT, "none", "A user who must be able to write it."),
                opt("free-space", TEXT, "none", "Minimum free space on its file system, e.g. 2GiB."));
    }
}
