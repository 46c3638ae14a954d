package dev.upbook.steps;

import dev.upbook.spec.spi.Param;
import dev.upbook.spec.spi.Parameters;
import dev.upbook.spec.spi.StepContext;
import dev.upbook.spec.spi.StepDefinition;
import dev.upbook.spec.spi.StepResult;
import dev.upbook.spec.spi.StepType.Use;
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
 * are skipped. When every entry is already present with its size and content (SHA-256), nothing is written ("already up
 * to date").
 */
@StepDefinition(name = "file.extract", uses = Use.STEP,
        summary = "Extracts a tar.gz or zip archive, refusing entries that escape the target.",
        idempotency = "Done when every entry is present at the target with its size and content (SHA-256).",
        idempotent = true,
        registers = "`{files, directories, links, kept, bytes}`: what this run extracted (all 0 when already up to date) "
                + "and how many protected paths it kept.")
public final class FileExtractStep extends DeclaredStepType {

    /** The parameters under {@code with:}. */
    public record With(
            @Param(value = "The archive.", example = "\"mattermost-9.11.1-linux-amd64.tar.gz\"") String archive,
            @Param(value = "Directory to extract into.", example = "\"/opt/mattermost\"") String to,
            @Param(value = "Leading path components removed from each entry.", defaultValue = "0") long stripComponents,
            @Param("Entries (after stripping) not extracted.") List<String> exclude,
            @Param("Target paths never overwritten.") List<String> protect) {}

    public FileExtractStep() {
        super(FileExtractStepBinding.DECLARATION);
    }

    @Override
    public StepResult run(StepContext context) throws IOException {
        With p = FileExtractStepBinding.bind(context.parameters());
        Path archive = context.workingDirectory().resolve(p.archive()).toAbsolutePath().normalize();
        Path to = context.workingDirectory().resolve(p.to()).toAbsolutePath().normalize();
        long strip = p.stripComponents();
        if (strip < 0 || strip > 100) throw new Parameters.ParameterException("strip-components", "must be between 0 and 100, not " + strip);
        if (!Files.isRegularFile(archive)) return StepResult.failed("archive " + archive + " does not exist");
        Predicate<String> excluded = new FileTrees.Globs(p.exclude())::matches;
        Predicate<String> protectedPath = new FileTrees.Globs(p.protect())::matches;
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
        With p = FileExtractStepBinding.bind(parameters);
        return "file.extract: " + p.archive() + " into " + p.to() + (p.stripComponents() > 0 ? " (strip " + p.stripComponents() + ")" : "");
    }
}
