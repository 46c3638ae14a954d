package dev.upbook.steps;

import dev.upbook.spec.spi.Param;
import dev.upbook.spec.spi.Parameters;
import dev.upbook.spec.spi.StepDefinition;
import dev.upbook.spec.spi.StepType.Use;
import dev.upbook.spec.spi.StepContext;
import dev.upbook.spec.spi.StepResult;
import dev.upbook.steps.internal.FileTrees;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Step type {@code file.copy}: Copies a release tree over an installation, keeping the hierarchy, with excludes and protected files.
 *
 * <p>Directories, files (content and permission bits) and symbolic links (as links, never followed)
 * are copied from {@code source} to the same relative place below {@code to}. A file whose content
 * (SHA-256) and mode already match is left untouched; others are written atomically (temporary file
 * and rename), so a running application sees the old file or the new one. {@code exclude} globs are
 * relative to the source ({@code setup}, {@code scripts/**}, {@code *.md}); {@code protect} paths are
 * relative to the target and never overwritten or deleted when they exist there (e.g.
 * {@code include/ost-config.php}). With {@code delete-extra}, target paths absent from the source
 * are deleted, except protected and excluded ones (like rsync --delete). A directory of the target
 * that is a symbolic link to a directory (e.g. {@code attachments -> /srv/data}) is kept as it is
 * and filled through the link, like rsync --keep-dirlinks (delete-extra does not reach into it). When nothing differs:
 * "already up to date".
 */
@StepDefinition(name = "file.copy", uses = Use.STEP,
        summary = "Copies a release tree over an installation, keeping the hierarchy, with excludes and protected files.",
        idempotency = "Done when every source file is present at the target with the same checksum and mode; those are left untouched.",
        idempotent = true,
        registers = "`{copied, unchanged, kept, deleted}`: counts of paths written (files and links written, modes set), "
                + "already equal, protected and deleted.")
public final class FileCopyStep extends DeclaredStepType {

    /** The parameters under {@code with:}. */
    public record With(
            @Param(value = "The directory to copy from.", example = "\"release/upload\"") String source,
            @Param(value = "The directory to copy into.", example = "\"/var/www/helpdesk\"") String to,
            @Param("Glob patterns (relative to source) not copied, e.g. scripts/**.") List<String> exclude,
            @Param("Paths (relative to the target) never overwritten, e.g. include/ost-config.php.") List<String> protect,
            @Param(value = "Also delete target files absent from the source (sync).", defaultValue = "false") boolean deleteExtra) {}

    public FileCopyStep() {
        super(FileCopyStepBinding.DECLARATION);
    }

    @Override
    public StepResult run(StepContext context) throws IOException {
        With p = FileCopyStepBinding.bind(context.parameters());
        Path source = context.workingDirectory().resolve(p.source()).toAbsolutePath().normalize();
        Path to = context.workingDirectory().resolve(p.to()).toAbsolutePath().normalize();
        if (!Files.isDirectory(source)) return StepResult.failed("source " + source + " is not a directory");
        Path realSource = source.toRealPath();
        if (Files.isDirectory(to) && (to.toRealPath().startsWith(realSource) || realSource.startsWith(to.toRealPath()))) {
            return StepResult.failed("source " + source + " and target " + to + " overlap; copy between separate trees");
        }
        Copy copy = new Copy(realSource, to, new FileTrees.Globs(p.exclude()), new FileTrees.Globs(p.protect()));
        Files.createDirectories(to);
        copy.copyTree();
        if (p.deleteExtra()) copy.deleteExtra();
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("copied", copy.copied);
        value.put("unchanged", copy.unchanged);
        value.put("kept", copy.kept);
        value.put("deleted", copy.deleted);
        String kept = copy.kept == 0 ? "" : ", kept " + copy.kept + " protected";
        if (copy.copied == 0 && copy.deleted == 0) {
            return StepResult.succeeded("already up to date: " + copy.unchanged + " paths in " + to + " match " + source + kept, "", value);
        }
        return StepResult.succeeded("copied " + copy.copied + " paths from " + source + " to " + to + " (" + copy.unchanged
                + " unchanged" + kept + (copy.deleted == 0 ? "" : ", deleted " + copy.deleted) + ")",
                String.join("\n", copy.changes.subList(0, Math.min(50, copy.changes.size()))), value);
    }

    /** One copy: the walk of the source, then optionally the walk of the target for extras. */
    private static final class Copy {
        final Path source;
        final Path to;
        final FileTrees.Globs exclude;
        final FileTrees.Globs protect;
        final Set<String> copiedPaths = new HashSet<>();
        final List<String> changes = new ArrayList<>();
        long copied;
        long unchanged;
        long kept;
        long deleted;

        Copy(Path source, Path to, FileTrees.Globs exclude, FileTrees.Globs protect) {
            this.source = source;
            this.to = to;
            this.exclude = exclude;
            this.protect = protect;
        }

        void copyTree() throws IOException {
            Files.walkFileTree(source, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    String rel = FileTrees.relative(source, dir);
                    if (!rel.isEmpty() && exclude.matches(rel)) return FileVisitResult.SKIP_SUBTREE;
                    copiedPaths.add(rel);
                    if (!rel.isEmpty()) directory(rel, dir);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    String rel = FileTrees.relative(source, file);
                    if (exclude.matches(rel)) return FileVisitResult.CONTINUE;
                    copiedPaths.add(rel);
                    if (attrs.isSymbolicLink()) link(rel, file);
                    else if (attrs.isRegularFile()) file(rel, file);
                    return FileVisitResult.CONTINUE;
                }
            });
        }

        private boolean keep(String rel, Path target) {
            if (protect.matches(rel) && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                kept++;
                return true;
            }
            return false;
        }

        private void directory(String rel, Path dir) throws IOException {
            Path target = to.resolve(rel);
            if (keep(rel, target)) return;
            int mode = FileTrees.mode(dir);
            if (Files.isSymbolicLink(target) && Files.isDirectory(target)) {
                unchanged++;
                return;
            }
            if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                if (FileTrees.mode(target) == mode) {
                    unchanged++;
                    return;
                }
            } else {
                if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) Files.delete(target);
                Files.createDirectory(target);
            }
            Files.setPosixFilePermissions(target, FileTrees.permissions(mode));
            changed(rel);
        }

        private void file(String rel, Path file) throws IOException {
            Path target = to.resolve(rel);
            if (keep(rel, target)) return;
            refuseDirectory(rel, target);
            int mode = FileTrees.mode(file);
            if (FileTrees.hasContent(target, Files.size(file), FileTrees.sha256(file))) {
                if (FileTrees.mode(target) == mode) {
                    unchanged++;
                    return;
                }
                Files.setPosixFilePermissions(target, FileTrees.permissions(mode));
            } else {
                try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                    FileTrees.writeAtomically(in, target, mode);
                }
            }
            changed(rel);
        }

        private void link(String rel, Path link) throws IOException {
            Path target = to.resolve(rel);
            if (keep(rel, target)) return;
            refuseDirectory(rel, target);
            String linkTarget = Files.readSymbolicLink(link).toString();
            if (Files.isSymbolicLink(target) && Files.readSymbolicLink(target).toString().equals(linkTarget)) {
                unchanged++;
                return;
            }
            FileTrees.symlinkAtomically(target, linkTarget);
            changed(rel);
        }

        private static void refuseDirectory(String rel, Path target) throws IOException {
            if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException(target + " is a directory, but " + rel + " in the source is not; remove it first");
            }
        }

        private void changed(String rel) {
            copied++;
            changes.add("copied " + rel);
        }

        void deleteExtra() throws IOException {
            List<Path> extra = new ArrayList<>();
            Files.walkFileTree(to, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    String rel = FileTrees.relative(to, dir);
                    if (rel.isEmpty() || copiedPaths.contains(rel)) return FileVisitResult.CONTINUE;
                    if (!protect.matches(rel) && !exclude.matches(rel)) extra.add(dir);
                    return FileVisitResult.SKIP_SUBTREE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String rel = FileTrees.relative(to, file);
                    if (!copiedPaths.contains(rel) && !protect.matches(rel) && !exclude.matches(rel)) extra.add(file);
                    return FileVisitResult.CONTINUE;
                }
            });
            for (Path path : extra) {
                FileTrees.deleteRecursively(path);
                deleted++;
                changes.add("deleted " + FileTrees.relative(to, path));
            }
        }
    }

    @Override
    public String describe(Parameters parameters) {
        With p = FileCopyStepBinding.bind(parameters);
        return "file.copy: " + p.source() + " over " + p.to()
                + (p.exclude().isEmpty() ? "" : ", excluding " + String.join(", ", p.exclude()))
                + (p.protect().isEmpty() ? "" : ", keeping " + String.join(", ", p.protect()))
                + (p.deleteExtra() ? ", deleting extra files" : "");
    }
}
