package dev.upbook.steps;

import dev.upbook.spec.spi.Parameters;
import dev.upbook.spec.spi.StepContext;
import dev.upbook.spec.spi.StepResult;
import dev.upbook.steps.internal.FileTrees;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Step type {@code file.delete}: Deletes a file or directory.
 *
 * <p>A symbolic link is deleted itself, never what it points to, also inside a directory deleted
 * recursively. A non-empty directory needs {@code recursive: true}; an empty one is deleted without.
 * Paths already absent count as done ("already absent"), so a rerun succeeds. {@code register}
 * stores {@code {deleted, absent}}: how many given paths were deleted, how many were already absent.
 */
public final class FileDeleteStep extends DeclaredStepType {
    public FileDeleteStep() {
        super("file.delete", "Deletes a file or directory.", STEP,
                "Done when the path is absent.",
                req("path", TEXT_OR_TEXTS, "What to delete."),
                opt("recursive", BOOL, "false", "Delete directories with their content."));
    }

    @Override
    public boolean canRun(Use use) {
        return uses().contains(use);
    }

    @Override
    public StepResult run(StepContext context) throws IOException {
        Parameters p = context.parameters();
        boolean recursive = p.bool("recursive", false);
        List<Path> paths = new ArrayList<>();
        for (String s : p.texts("path")) {
            Path path = context.workingDirectory().resolve(s).toAbsolutePath().normalize();
            if (path.getParent() == null) return StepResult.failed("refusing to delete the root directory");
            paths.add(path);
        }
        if (paths.isEmpty()) throw new Parameters.ParameterException("path", "names nothing to delete");
        long deleted = 0;
        long absent = 0;
        List<String> lines = new ArrayList<>();
        for (Path path : paths) {
            if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                absent++;
                lines.add("already absent: " + path);
            } else if (recursive) {
                lines.add("deleted " + path + " (" + FileTrees.deleteRecursively(path) + " entries)");
                deleted++;
            } else {
                try {
                    Files.delete(path);
                } catch (DirectoryNotEmptyException e) {
                    return StepResult.failed(path + " is a directory that is not empty; set recursive: true to delete its content",
                            String.join("\n", lines));
                }
                lines.add("deleted " + path);
                deleted++;
            }
        }
        String message = deleted == 0 ? "already absent: " + (paths.size() == 1 ? paths.get(0) : paths.size() + " paths")
                : "deleted " + deleted + " of " + paths.size() + " paths" + (absent == 0 ? "" : " (" + absent + " already absent)");
        return StepResult.succeeded(message, String.join("\n", lines), Map.of("deleted", deleted, "absent", absent));
    }

    @Override
    public String describe(Parameters parameters) {
        return "file.delete: " + String.join(", ", parameters.texts("path")) + (parameters.bool("recursive", false) ? " (recursive)" : "");
    }
}
