package dev.upbook.steps;

/** Step type {@code file.backup}: Archives files and directories (tar.gz or zip) with a checksum manifest, verified after writing. */
public final class FileBackupStep extends DeclaredStepType {
    public FileBackupStep() {
        super("file.backup", "Archives files and directories (tar.gz or zip) with a checksum manifest, verified after writing.", STEP,
                "Done when the archive exists and its manifest matches the sources.",
                req("source", TEXT_OR_TEXTS, "Files or directories to archive."),
                req("to", TEXT, "The archive to write."),
                opt("format", oneOf("tar.gz", "zip"), "tar.gz", "Archive format."),
                opt("exclude", TEXTS, "[]", "Glob patterns left out."));
    }
}
