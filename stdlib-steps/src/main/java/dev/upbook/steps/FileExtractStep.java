package dev.upbook.steps;

import dev.upbook.spec.spi.Parameters;
import dev.upbook.spec.spi.StepContext;
import dev.upbook.spec.spi.StepResult;
import dev.upbook.steps.internal.FileTrees;
import dev.upbook.steps.internal.SafeExtraction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Step type {@code file.extract}: Extracts a tar.gz or zip archive, refusing entries that escape the target.
 *
 * <p>The format is told by the archive's first bytes. Every entry name is checked before anything is
 * written: an absolute path, a {@code ..} component, or a symbolic link pointing outside the target
 * makes the step fail with nothing extracted; links already on disk are followed when checking, so
 * an entry cannot be written through a link to outside either. {@code exclude} globs apply to the
 * names after stripping ({@code setup/**}, {@code *.md}); {@code protect} paths are written only
 * when absent. Modes keep their permission bits only (no setuid/setgid/sticky). Devices and fifos
 * are skipped. When every entry is already present with its size, nothing is written ("already up
 * to date"). {@code register} stores {@code {files, directories, links, kept, bytes}}.
 */
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

    @Override
    public boolean canRun(Use use) {
        return uses().contains(use);
    }

    @Override
    public StepResult run(StepContext context) throws IOException {
        Parameters p = context.parameters();
        Path archive = context.workingDirectory().resolve(p.text("archive")).toAbsolutePath().normalize();
        Path to = context.workingDirectory().resolve(p.text("to")).toAbsolutePath().normalize();
        long strip = p.integer("strip-components", 0);
        if (strip < 0 || strip > 100) throw new Parameters.ParameterException("strip-components", "must be between 0 and 100, not " + strip);
        if (!Files.isRegularFile(archive)) return StepResult.failed("archive " + archive + " does not exist");
        Predicate<String> excluded = new FileTrees.Globs(p.texts("exclude"))::matches;
        Predicate<String> protectedPath = new FileTrees.Globs(p.texts("protect"))::matches;
        SafeExtraction extraction = new SafeExtraction(archive, (int) strip, excluded);
        List<SafeExtraction.Planned> planned;
        try {
            planned = extraction.plan();
        } catch (FileTrees.EscapeException e) {
            return StepResult.failed("refused " + archive.getFileName() + ", nothing extracted: " + e.getMessage());
        }
        if (Files.isDirectory(to) && SafeExtraction.missing(to, planned, protectedPath).isEmpty()) {
            return StepResult.succeeded("already up to date: all " + planned.size() + " entries present in " + to, "",
                    Map.of("files", 0L, "directories", 0L, "links", 0L, "kept", 0L, "bytes", 0L));
        }
        SafeExtraction.Outcome done;
        try {
            done = extraction.extract(to, protectedPath);
        } catch (FileTrees.EscapeException e) {
            return StepResult.failed("refused an entry of " + archive.getFileName() + " (entries before it were extracted): " + e.getMessage());
        }
        String kept = done.kept() == 0 ? "" : ", kept " + done.kept() + " protected";
        return StepResult.succeeded("extracted " + done.files() + " files, " + done.directories() + " directories, "
                + done.links() + " links into " + to + kept, "",
                Map.of("files", (long) done.files(), "directories", (long) done.directories(), "links", (long) done.links(),
                        "kept", (long) done.kept(), "bytes", done.bytes()));
    }

    @Override
    public String describe(Parameters parameters) {
        long strip = parameters.integer("strip-components", 0);
        return "file.extract: " + parameters.text("archive", "(no archive)") + " into " + parameters.text("to", "(no target)")
                + (strip > 0 ? " (strip " + strip + ")" : "");
    }
}
