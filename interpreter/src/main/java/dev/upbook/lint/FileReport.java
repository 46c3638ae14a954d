package dev.upbook.lint;

import dev.upbook.spec.diag.Diagnostic;
import java.nio.file.Path;
import java.util.List;

/** The diagnostics of one linted file, sorted by position. */
public record FileReport(Path file, List<Diagnostic> diagnostics) {
    public FileReport {
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
}
