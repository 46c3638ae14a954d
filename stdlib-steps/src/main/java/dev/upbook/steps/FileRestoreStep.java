package dev.upbook.steps;

import dev.upbook.spec.spi.Param;
import dev.upbook.spec.spi.Parameters;
import dev.upbook.spec.spi.StepContext;
import dev.upbook.spec.spi.StepDefinition;
import dev.upbook.spec.spi.StepResult;
import dev.upbook.spec.spi.StepType.Use;
import dev.upbook.steps.internal.BackupManifest;
import dev.upbook.steps.internal.FileTrees;
import dev.upbook.steps.internal.SafeExtraction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Step type {@code file.restore}: Restores an archive written by file.backup, verifying its manifest.
 *
 * <p>The whole archive is first checked against its manifest (every checksum); a damaged archive
 * fails the step before anything is written. Then entries land below {@code to} as in
 * {@code file.extract} (no escaping paths or links; files written atomically with their modes);
 * files already there with the recorded checksum and mode are left untouched. Files below
 * {@code to} that the archive does not hold are left alone. Afterwards every manifest item is checked
 * on disk. When all are already present, nothing is written ("already up to date").
 */
@StepDefinition(name = "file.restore", uses = Use.STEP,
        summary = "Restores an archive written by file.backup, verifying its manifest.",
        idempotency = "Done when every file of the manifest is present with its checksum.",
        idempotent = true,
        registers = "`{to, files, bytes, written}`: the target directory, the files and bytes of the manifest, "
                + "and how many files this run actually wrote.")
public final class FileRestoreStep extends DeclaredStepType {

    /** The parameters under {@code with:}. */
    public record With(
            @Param(value = "The archive.", example = "\"/var/backups/mattermost/config-9.10.2.tar.gz\"") String archive,
            @Param(value = "Directory to restore into.", example = "\"/opt/mattermost/config\"") String to) {}

    public FileRestoreStep() {
        super(FileRestoreStepBinding.DECLARATION);
    }

    @Override
    public StepResult run(StepContext context) throws IOException {
        With p = FileRestoreStepBinding.bind(context.parameters());
        Path archive = context.workingDirectory().resolve(p.archive()).toAbsolutePath().normalize();
        Path to = context.workingDirectory().resolve(p.to()).toAbsolutePath().normalize();
        if (!Files.isRegularFile(archive)) return StepResult.failed("archive " + archive + " does not exist");
        BackupManifest manifest;
        try {
            manifest = BackupManifest.verify(archive);
        } catch (IOException e) {
            return StepResult.failed("nothing restored: " + e.getMessage());
        }
        if (Files.isDirectory(to) && manifest.missingAt(to).isEmpty()) {
            return StepResult.succeeded("already up to date: all " + manifest.files() + " files of " + archive.getFileName()
                    + " present in " + to, "", registered(to, manifest, 0));
        }
        SafeExtraction extraction = new SafeExtraction(archive, 0, BackupManifest.ENTRY::equals);
        SafeExtraction.Outcome done;
        try {
            extraction.plan();
            done = extraction.extract(to, manifest.alreadyAt(to));
        } catch (FileTrees.EscapeException e) {
            return StepResult.failed("refused " + archive.getFileName() + ": " + e.getMessage());
        }
        List<String> missing = manifest.missingAt(to);
        if (!missing.isEmpty()) {
            return StepResult.failed("restored, but " + missing.size() + " paths do not match the manifest (changed meanwhile?): "
                    + String.join(", ", missing.subList(0, Math.min(5, missing.size()))));
        }
        return StepResult.succeeded("restored " + done.files() + " files (" + done.kept() + " already present) from "
                + archive.getFileName() + " into " + to + ", verified", "", registered(to, manifest, done.files()));
    }

    private static Map<String, Object> registered(Path to, BackupManifest manifest, long written) {
        return Map.of("to", to.toString(), "files", manifest.files(), "bytes", manifest.bytes(), "written", written);
    }

    @Override
    public String describe(Parameters parameters) {
        With p = FileRestoreStepBinding.bind(parameters);
        return "file.restore: " + p.archive() + " into " + p.to();
    }
}
