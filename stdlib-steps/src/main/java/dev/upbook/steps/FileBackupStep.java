package dev.upbook.steps;

import dev.upbook.spec.spi.Param;
import dev.upbook.spec.spi.Parameters;
import dev.upbook.spec.spi.StepContext;
import dev.upbook.spec.spi.StepDefinition;
import dev.upbook.spec.spi.StepResult;
import dev.upbook.spec.spi.StepType.Use;
import dev.upbook.steps.internal.Archives;
import dev.upbook.steps.internal.BackupManifest;
import dev.upbook.steps.internal.FileTrees;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Step type {@code file.backup}: Archives files and directories (tar.gz or zip) with a checksum manifest, verified after writing.
 *
 * <p>Each source is stored under its own name ({@code /var/www/osticket} as {@code osticket/...}); a
 * source that is a symbolic link is followed, links below it are stored as links. The archive's
 * first entry, {@code .upbook-manifest}, lists every directory, file (SHA-256, size, mode) and link.
 * The archive is written to a temporary file beside {@code to}, read back and checked entry by entry
 * against the manifest, synced, and only then renamed to {@code to}. {@code exclude} globs match the
 * archive path ({@code osticket/setup}) or the path below a source ({@code setup/**}, {@code *.log}).
 *
 * <p>When {@code to} already exists and its manifest equals the sources' manifest (and the archive
 * verifies), nothing is written: "already up to date". An existing archive with another manifest is
 * never overwritten (it may be the only good copy): the step fails and says so.
 */
@StepDefinition(name = "file.backup", uses = Use.STEP,
        summary = "Archives files and directories (tar.gz or zip) with a checksum manifest, verified after writing.",
        idempotency = "Done when the archive exists and its manifest matches the sources.",
        idempotent = true,
        registers = "`{archive, format, files, bytes, sha256}`: the archive's path and format, the number of files and bytes "
                + "archived, and the SHA-256 of the archive file itself.")
public final class FileBackupStep extends DeclaredStepType {

    /** The parameters under {@code with:}. */
    public record With(
            @Param(value = "Files or directories to archive.", required = true, acceptsSingle = true,
                    example = "[\"/var/www/helpdesk\"]") List<String> source,
            @Param(value = "The archive to write.", example = "\"/var/backups/helpdesk-1.17.5.tar.gz\"") String to,
            @Param(value = "Archive format.", oneOf = {"tar.gz", "zip"}, defaultValue = "tar.gz") String format,
            @Param("Glob patterns left out.") List<String> exclude) {}

    public FileBackupStep() {
        super(FileBackupStepBinding.DECLARATION);
    }

    @Override
    public StepResult run(StepContext context) throws IOException {
        With p = FileBackupStepBinding.bind(context.parameters());
        Path to = context.workingDirectory().resolve(p.to()).toAbsolutePath().normalize();
        Archives.Format format = Archives.Format.ofText(p.format());
        Map<String, Path> sources = new LinkedHashMap<>();
        for (String s : p.source()) {
            Path source = context.workingDirectory().resolve(s).toAbsolutePath().normalize();
            if (!Files.exists(source)) return StepResult.failed("source " + source + " does not exist");
            String name = source.getFileName() == null ? "root" : source.getFileName().toString();
            if (name.equals(BackupManifest.ENTRY)) return StepResult.failed("a source may not be named " + name);
            Path other = sources.putIfAbsent(name, source);
            if (other != null) return StepResult.failed("sources " + other + " and " + source + " have the same name '" + name + "' in the archive");
        }
        if (sources.isEmpty()) throw new Parameters.ParameterException("source", "names no file or directory");
        context.progress("checksumming " + String.join(", ", sources.keySet()));
        BackupManifest manifest = BackupManifest.of(sources, new FileTrees.Globs(p.exclude()));
        if (Files.exists(to, LinkOption.NOFOLLOW_LINKS)) return existing(to, format, manifest);
        Files.createDirectories(to.getParent());
        Path temp = Files.createTempFile(to.getParent(), "." + to.getFileName() + ".", ".upbook-tmp");
        try {
            try (Archives.Writer writer = Archives.Writer.open(temp, format)) {
                manifest.write(writer, sources);
            }
            BackupManifest.verify(temp);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(temp, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        return StepResult.succeeded("wrote " + to + " (" + manifest.files() + " files, " + manifest.bytes() + " bytes, verified)",
                "", registered(to, format, manifest));
    }

    private StepResult existing(Path to, Archives.Format format, BackupManifest manifest) throws IOException {
        BackupManifest old;
        try {
            old = BackupManifest.verify(to);
        } catch (IOException e) {
            return StepResult.failed(to + " already exists and is not a valid backup: " + e.getMessage()
                    + ". Move it away or choose another 'to'");
        }
        if (!old.equals(manifest)) {
            List<String> differ = differences(old, manifest);
            return StepResult.failed(to + " already exists with other content (" + differ.size() + " paths differ, e.g. "
                    + String.join(", ", differ.subList(0, Math.min(3, differ.size()))) + "); it is not overwritten."
                    + " Move it away or choose another 'to'");
        }
        if (Archives.Format.detect(to) != format) {
            return StepResult.failed(to + " already holds these files, but as " + Archives.Format.detect(to).text() + ", not " + format.text());
        }
        return StepResult.succeeded("already up to date: " + to + " holds the same " + manifest.files() + " files", "",
                registered(to, format, manifest));
    }

    private static List<String> differences(BackupManifest a, BackupManifest b) {
        Map<String, BackupManifest.Item> left = a.byPath();
        Map<String, BackupManifest.Item> right = b.byPath();
        java.util.TreeSet<String> paths = new java.util.TreeSet<>(left.keySet());
        paths.addAll(right.keySet());
        return paths.stream().filter(path -> !java.util.Objects.equals(left.get(path), right.get(path))).toList();
    }

    private static Map<String, Object> registered(Path to, Archives.Format format, BackupManifest manifest) throws IOException {
        return Map.of("archive", to.toString(), "format", format.text(), "files", manifest.files(), "bytes", manifest.bytes(),
                "sha256", FileTrees.sha256(to));
    }

    @Override
    public String describe(Parameters parameters) {
        With p = FileBackupStepBinding.bind(parameters);
        return "file.backup: " + String.join(", ", p.source()) + " to " + p.to()
                + " (" + p.format() + (p.exclude().isEmpty() ? "" : ", excluding " + String.join(", ", p.exclude())) + ")";
    }
}
