package dev.upbook.lint;

import dev.upbook.spec.diag.Diagnostic;
import dev.upbook.spec.diag.Severity;
import java.util.List;

/** The result of linting one or more files. */
public record LintReport(List<FileReport> files) {
    public LintReport {
        files = List.copyOf(files);
    }

    public List<Diagnostic> all() {
        return files.stream().flatMap(f -> f.diagnostics().stream()).toList();
    }

    public int errors() {
        return count(Severity.ERROR);
    }

    public int warnings() {
        return count(Severity.WARNING);
    }

    public boolean hasErrors() {
        return errors() > 0;
    }

    private int count(Severity severity) {
        return (int) all().stream().filter(d -> d.severity() == severity).count();
    }
}
