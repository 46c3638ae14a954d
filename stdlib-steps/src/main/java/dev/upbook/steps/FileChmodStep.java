package dev.upbook.steps;

import dev.upbook.spec.spi.Param;
import dev.upbook.spec.spi.Parameters;
import dev.upbook.spec.spi.StepContext;
import dev.upbook.spec.spi.StepDefinition;
import dev.upbook.spec.spi.StepResult;
import dev.upbook.spec.spi.StepType.Use;
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
import java.util.Optional;

/**
 * Step type {@code file.chmod}: Sets permissions, optionally recursively (e.g. ug+rwX).
 *
 * <p>The mode is octal ({@code 0755}) or symbolic ({@code ug+rwX}, {@code u=rw,go=r}), like
 * chmod(1) but without setuid, setgid and sticky bits, and without the umask: {@code +r} grants to
 * all. {@code X} grants execute to directories and to files that are already executable by someone;
 * a mode in which a clause after the X changes execute bits ({@code a+rX,u+x}) is refused, since a
 * second run would find new execute bits and change the files again.
 * A path given that is a symbolic link is followed; links met while recursing are skipped, never
 * followed, so a link cannot carry the change outside the tree. Only paths whose mode differs are
 * changed; when none does: "already up to date".
 */
@StepDefinition(name = "file.chmod", uses = Use.STEP,
        summary = "Sets permissions, optionally recursively (e.g. ug+rwX).",
        idempotency = "Done when every path already has the mode.",
        idempotent = true,
        registers = "`{changed, unchanged}`: the numbers of paths changed and already right.")
public final class FileChmodStep extends DeclaredStepType {

    /** The parameters under {@code with:}. */
    public record With(
            @Param(value = "Files or directories.", required = true, acceptsSingle = true,
                    example = "[\"/srv/ixpmanager/storage\", \"/srv/ixpmanager/bootstrap/cache\"]") List<String> path,
            @Param(value = "Octal (0755) or symbolic (ug+rwX) mode.", example = "\"ug+rwX\"") String mode,
            @Param(value = "Apply below directories too.", defaultValue = "false") boolean recursive) {}

    public FileChmodStep() {
        super(FileChmodStepBinding.DECLARATION);
    }

    @Override
    public StepResult run(StepContext context) throws IOException {
        With p = FileChmodStepBinding.bind(context.parameters());
        String modeText = p.mode();
        ModeSpec mode = ModeSpec.parse(modeText).orElseThrow(() -> new Parameters.ParameterException("mode",
                "must be octal such as 0755 or symbolic such as ug+rwX or u=rw,go=r (no setuid, setgid or sticky bits), not '"
                        + modeText + "'"));
        Optional<String> unstable = secondRunChange(mode);
        if (unstable.isPresent()) {
            throw new Parameters.ParameterException("mode", "is '" + modeText + "', which a rerun would apply again: "
                    + unstable.get() + " (X tests execute bits that a later clause changes); move the clauses with X "
                    + "to the end, or use an octal mode");
        }
        boolean recursive = p.recursive();
        List<Path> paths = new ArrayList<>();
        for (String s : p.path()) {
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

    /**
     * How a second run would change a path again, if it would: with {@code a+rX,u+x} a file 0600 gets 0744, and then
     * 0755, since X now finds u+x. Refused before anything changes, so that a rerun finds its work done.
     */
    private static Optional<String> secondRunChange(ModeSpec mode) {
        for (int current = 0; current < 01000; current++) {
            for (boolean directory : new boolean[] {false, true}) {
                int once = mode.apply(current, directory);
                int twice = mode.apply(once, directory);
                if (twice != once) {
                    return Optional.of(String.format("a %s with mode %04o gets %04o, then %04o on a rerun",
                            directory ? "directory" : "file", current, once, twice));
                }
            }
        }
        return Optional.empty();
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
        With p = FileChmodStepBinding.bind(parameters);
        return "file.chmod: " + p.mode() + " on " + String.join(", ", p.path()) + (p.recursive() ? " (recursive)" : "");
    }
}
