package dev.upbook.steps;

import dev.upbook.spec.spi.Param;
import dev.upbook.spec.spi.Parameters;
import dev.upbook.spec.spi.StepContext;
import dev.upbook.spec.spi.StepDefinition;
import dev.upbook.spec.spi.StepResult;
import dev.upbook.spec.spi.StepType.Use;
import dev.upbook.steps.internal.FileTrees;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Step type {@code file.move}: Moves or renames a file or directory.
 *
 * <p>{@code to} is the new path itself, not a directory to move into. Within one file system this is
 * a single atomic rename; across file systems the tree is copied (links as links, modes and times
 * kept) and then the source deleted. A symbolic link as source is moved as a link. An existing
 * {@code to} is replaced only with {@code overwrite: true}. When the source is absent and the target
 * present the move already happened ("already moved"), so a rerun succeeds.
 */
@StepDefinition(name = "file.move", uses = Use.STEP,
        summary = "Moves or renames a file or directory.",
        idempotency = "Done when the source is absent and the target present.",
        registers = "`{moved, to}`: whether this run moved anything, and the target.")
public final class FileMoveStep extends DeclaredStepType {

    /** The parameters under {@code with:}. */
    public record With(
            @Param(value = "What to move.", example = "\"/var/www/helpdesk/config.php\"") String source,
            @Param(value = "Where to.", example = "\"/var/www/helpdesk/ostconfig.php\"") String to,
            @Param(value = "Succeed when the source does not exist.", defaultValue = "false") boolean missingOk,
            @Param(value = "Replace an existing target.", defaultValue = "false") boolean overwrite) {}

    public FileMoveStep() {
        super(FileMoveStepBinding.DECLARATION);
    }

    @Override
    public StepResult run(StepContext context) throws IOException {
        With p = FileMoveStepBinding.bind(context.parameters());
        Path source = context.workingDirectory().resolve(p.source()).toAbsolutePath().normalize();
        Path to = context.workingDirectory().resolve(p.to()).toAbsolutePath().normalize();
        boolean sourceExists = Files.exists(source, LinkOption.NOFOLLOW_LINKS);
        boolean targetExists = Files.exists(to, LinkOption.NOFOLLOW_LINKS);
        java.util.Map<String, Object> notMoved = java.util.Map.of("moved", false, "to", to.toString());
        if (!sourceExists) {
            if (targetExists) return StepResult.succeeded("already moved: " + source + " is absent and " + to + " present", "", notMoved);
            if (p.missingOk()) return StepResult.succeeded(source + " does not exist; nothing to move (missing-ok)", "", notMoved);
            return StepResult.failed(source + " does not exist, nor does " + to + "; set missing-ok: true if that is expected");
        }
        if (source.equals(to)) return StepResult.failed("source and target are the same path: " + to);
        if (to.startsWith(source)) return StepResult.failed("cannot move " + source + " into itself (" + to + ")");
        if (targetExists) {
            if (!p.overwrite()) {
                return StepResult.failed(to + " already exists; set overwrite: true to replace it, or delete it first");
            }
            FileTrees.deleteRecursively(to);
        }
        Files.createDirectories(to.getParent());
        try {
            Files.move(source, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            copyTree(source, to);
            FileTrees.deleteRecursively(source);
            return StepResult.succeeded("moved " + source + " to " + to + " (copied across file systems)", "",
                    java.util.Map.of("moved", true, "to", to.toString()));
        }
        return StepResult.succeeded("moved " + source + " to " + to + (targetExists ? " (replaced the old one)" : ""), "",
                java.util.Map.of("moved", true, "to", to.toString()));
    }

    private static void copyTree(Path source, Path to) throws IOException {
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.copy(dir, to.resolve(source.relativize(dir).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(source.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES,
                        LinkOption.NOFOLLOW_LINKS);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    @Override
    public String describe(Parameters parameters) {
        With p = FileMoveStepBinding.bind(parameters);
        return "file.move: " + p.source() + " to " + p.to() + (p.overwrite() ? " (overwriting)" : "");
    }
}
