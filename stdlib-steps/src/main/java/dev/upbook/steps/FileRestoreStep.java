package dev.upbook.steps;

/** Step type {@code file.restore}: Restores an archive written by file.backup, verifying its manifest. */
public final class FileRestoreStep extends DeclaredStepType {
    public FileRestoreStep() {
        super("file.restore", "Restores an archive written by file.backup, verifying its manifest.", STEP,
                "Done when every file of the manifest is present with its checksum.",
                req("archive", TEXT, "The archive."),
                req("to", TEXT, "Directory to restore into."));
    }
}
