package dev.upbook.steps;

import dev.upbook.spec.spi.Parameters;
import dev.upbook.spec.spi.StepContext;
import dev.upbook.spec.spi.StepResult;
import dev.upbook.steps.internal.FileTrees;
import dev.upbook.steps.internal.ModeSpec;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Step type {@code file.chmod}: Sets permissions, optionally recursively (e.g. ug+rwX).
 *
 * <p>The mode is octal ({@code 0755}) or symbolic ({@code ug+rwX}, {@code u=rw,go=r}); see
 * {@link ModeSpec}. A path given that is a symbolic link is followed; links met while recursing are
 * skipped, never followed, so a link cannot carry the change outside the tree. Only paths whose
 * mode differs are changed; when none does: "already up to date". {@code register} stores
 * {@code {changed, unchanged}} (numbers of paths).
 */
public final class FileChmodStep extends DeclaredStepType {
    public FileChmodStep() {
        super("file.chmod", "Sets permissions, optionally recursively (e.g. ug+rwX).", STEP,
                "Done when every path already has the mode.",
                req("path", TEXT_OR_TEXTS, "Files or directories."),
                req("mode", TEXT, "Octal (0755) or symbolic (ug+rwX) mode."),
                opt("recursive", BOOL, "false", "Apply below directories too."));
    }

    @Override
    public boolean canRun(Use use) {
        return uses().contains(use);
    }

    @Override
    public StepResult run(StepContext context) throws IOException {
        Parameters p = context.parameters();
        String modeText = p.text("mode");
        ModeSpec mode = ModeSpec.parse(modeText).orElseThrow(() -> new Parameters.ParameterException("mode",
                "must be octal such as 0755 or symbolic such as ug+rwX or u=rw,go=r (no setuid, setgid or sticky bits), not '"
                        + modeText + "'"));
        boolean recursive = p.bool("recursive", false);
        List<Path> paths = new ArrayList<>();
        for (String s : p.texts("path")) {
            Path path = context.workingDirectory().resolve(s).toAbsolutePath().normalize();
            if (!Files.exists(path)) return StepResult.failed(path + " does not exist");
            paths.add(path.toRealPath());
        }
        long[] counts = {0, 0};
        for (Path path : paths) {
            if (!recursive) {
                apply(path, Files.isDirectory(path), mode, counts);
                continue;
            }
            Files.walkFileTree(path, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    apply(dir, true, mode, counts);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (!attrs.isSymbolicLink()) apply(file, false, mode, counts);
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        Map<String, Object> value = Map.of("changed", counts[0], "unchanged", counts[1]);
        if (counts[0] == 0) return StepResult.succeeded("already up to date: " + counts[1] + " paths have mode " + mode.text(), "", value);
        return StepResult.succeeded("mode " + mode.text() + " set on " + counts[0] + " paths (" + counts[1] + " already had it)", "", value);
    }

    private static void apply(Path path, boolean directory, ModeSpec mode, long[] counts) throws IOException {
        int current = FileTrees.mode(path);
        int wanted = mode.apply(current, directory);
        if (wanted == current) {
            counts[1]++;
        } else {
            Files.setPosixFilePermissions(path, FileTrees.permissions(wanted));
            counts[0]++;
        }
    }

    @Override
    public String describe(Parameters parameters) {
        return "file.chmod: " + parameters.text("mode", "(no mode)") + " on " + String.join(", ", parameters.texts("path"))
                + (parameters.bool("recursive", false) ? " (recursive)" : "");
    }
}
