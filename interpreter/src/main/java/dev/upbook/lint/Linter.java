package dev.upbook.lint;

import dev.upbook.plugin.PluginPath;
import dev.upbook.spec.spi.StepTypes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** {@code upbook lint}: compiles every playbook file under the given paths and collects the reports. */
public final class Linter {
    private final PlaybookCompiler compiler;

    public Linter(StepTypes types) {
        this.compiler = new PlaybookCompiler(types);
    }

    public static Linter standard() {
        return new Linter(PluginPath.stepTypes());
    }

    /** Whether a file name marks a playbook: {@code playbook.yaml} or {@code *.playbook.yaml} (or .yml). */
    public static boolean isPlaybookFile(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        return name.equals("playbook.yaml") || name.equals("playbook.yml")
                || name.endsWith(".playbook.yaml") || name.endsWith(".playbook.yml");
    }

    /**
     * Lints files (any name) and directories (recursively, playbook files only, in path order).
     *
     * @throws NoSuchFileException when a path does not exist
     */
    public LintReport lint(List<Path> paths) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            if (!Files.exists(path)) throw new NoSuchFileException(path.toString());
            if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    walk.filter(Files::isRegularFile).filter(Linter::isPlaybookFile)
                            .filter(p -> !isBuildOutput(path, p)).sorted().forEach(files::add);
                }
            } else {
                files.add(path);
            }
        }
        List<FileReport> reports = new ArrayList<>();
        for (Path file : files) {
            reports.add(new FileReport(file, compiler.compile(file).diagnostics()));
        }
        return new LintReport(reports);
    }

    /** Playbooks copied into {@code target/} by the build are not sources. */
    private static boolean isBuildOutput(Path root, Path file) {
        for (Path part : root.relativize(file)) {
            if (part.toString().equals("target")) return true;
        }
        return false;
    }
}
