package dev.upbook.report;

import dev.upbook.lint.LintReport;
import dev.upbook.spec.diag.Diagnostic;
import dev.upbook.spec.diag.Severity;
import java.util.ArrayList;
import java.util.List;

/** The counts of a lint run and their one-line form: {@code 2 errors, 1 warning in 3 files}. */
public record Summary(int files, int errors, int warnings, int notes) {

    public static Summary of(LintReport report) {
        List<Diagnostic> all = report.all();
        return new Summary(report.files().size(), count(all, Severity.ERROR), count(all, Severity.WARNING),
                count(all, Severity.NOTE));
    }

    /** {@code 2 errors, 1 warning in 3 files}, or {@code 3 files checked, no problems}. */
    public String line() {
        List<String> parts = new ArrayList<>();
        if (errors > 0) parts.add(plural(errors, "error"));
        if (warnings > 0) parts.add(plural(warnings, "warning"));
        if (notes > 0) parts.add(plural(notes, "note"));
        if (parts.isEmpty()) return plural(files, "file") + " checked, no problems";
        return String.join(", ", parts) + " in " + plural(files, "file");
    }

    private static int count(List<Diagnostic> all, Severity severity) {
        return (int) all.stream().filter(d -> d.severity() == severity).count();
    }

    static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
