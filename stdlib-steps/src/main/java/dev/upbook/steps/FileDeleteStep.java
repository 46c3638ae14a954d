package dev.upbook.steps;

import dev.upbook.spec.spi.Param;
import dev.upbook.spec.spi.Parameters;
import dev.upbook.spec.spi.StepContext;
import dev.upbook.spec.spi.StepDefinition;
import dev.upbook.spec.spi.StepResult;
import dev.upbook.spec.spi.StepType.Use;
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
 * Paths already absent count as done ("already absent"), so a rerun succeeds.
 */
@StepDefinition(name = "file.delete", uses = Use.STEP,
        summary = "Deletes a file or directory.",
        idempotency = "Done when the path is absent.",
        idempotent = true,
        registers = "`{deleted, absent}`: how many given paths were deleted, how many were already absent.")
public final class FileDeleteStep extends DeclaredStepType {

    /** The parameters under {@code with:}. */
    public record With(
            @Param(value = "What to delete.", required = true, acceptsSingle = true, example = "\"/var/www/helpdesk/setup\"")
            List<String> path,
            @Param(value = "Delete directories with their content.", defaultValue = "false") boolean recursive) {}

    public FileDeleteStep() {
        super(FileDeleteStepBinding.DECLARATION);
    }

    @Override
    public StepResult run(StepContext context) throws IOException {
        With p = FileDeleteStepBinding.bind(context.parameters());
        boolean recursive = p.recursive();
        List<Path> paths = new ArrayList<>();
        for (String s : p.path()) {
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
        With p = FileDeleteStepBinding.bind(parameters);
        return "file.delete: " + String.join(", ", p.path()) + (p.recursive() ? " (recursive)" : "");
    }
}
