package dev.upbook.steps;

/** Step type {@code file.extract}: Extracts a tar.gz or zip archive, refusing entries that escape the target. */
public final class FileExtractStep extends DeclaredStepType {
    public FileExtractStep() {
        super("file.extract", "Extracts a tar.gz or zip archive, refusing entries that escape the target.", STEP,
                "Done when every entry is present at the target with its size.",
                req("archive", TEXT, "The archive."),
                req("to", TEXT, "Directory to extract into."),
                opt("strip-components", INT, "0", "Leading path components removed from each entry."),
                opt("exclude", TEXTS, "[]", "Entries (after stripping) not extracted."),
                opt("protect", TEXTS, "[]", "Target paths never overwritten."));
    }
}
