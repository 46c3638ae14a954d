package dev.upbook.steps;

import dev.upbook.spec.spi.Parameters;
import dev.upbook.spec.spi.StepContext;
import dev.upbook.spec.spi.StepResult;
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
 * present the move already happened ("already moved"), so a rerun succeeds. {@code register} stores
 * {@code {moved, to}}: whether this run moved anything, and the target.
 */
public final class FileMoveStep extends DeclaredStepType {
    public FileMoveStep() {
        super("file.move", "Moves or renames a file or directory.", STEP,
                "Done when the source is absent and the target present.",
                req("source", TEXT, "What to move."),
                req("to", TEXT, "Where to."),
                opt("missing-ok", BOOL, "false", "Succeed when the source does not exist."),
                opt("overwrite", BOOL, "false", "Replace an existing target."));
    }

    @Override
    public boolean canRun(Use use) {
        return uses().contains(use);
    }

    @Override
    public StepResult run(StepContext context) throws IOException {
        Parameters p = context.parameters();
        Path source = context.workingDirectory().resolve(p.text("source")).toAbsolutePath().normalize();
        Path to = context.workingDirectory().resolve(p.text("to")).toAbsolutePath().normalize();
        boolean sourceExists = Files.exists(source, LinkOption.NOFOLLOW_LINKS);
        boolean targetExists = Files.exists(to, LinkOption.NOFOLLOW_LINKS);
        java.util.Map<String, Object> notMoved = java.util.Map.of("moved", false, "to", to.toString());
        if (!sourceExists) {
            if (targetExists) return StepResult.succeeded("already moved: " + source + " is absent and " + to + " present", "", notMoved);
            if (p.bool("missing-ok", false)) return StepResult.succeeded(source + " does not exist; nothing to move (missing-ok)", "", notMoved);
            return StepResult.failed(source + " does not exist, nor does " + to + "; set missing-ok: true if that is expected");
        }
        if (source.equals(to)) return StepResult.failed("source and target are the same path: " + to);
        if (to.startsWith(source)) return StepResult.failed("cannot move " + source + " into itself (" + to + ")");
        if (targetExists) {
            if (!p.bool("overwrite", false)) {
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
        return "file.move: " + parameters.text("source", "(no source)") + " to " + parameters.text("to", "(no target)")
                + (parameters.bool("overwrite", false) ? " (overwriting)" : "");
    }
}
