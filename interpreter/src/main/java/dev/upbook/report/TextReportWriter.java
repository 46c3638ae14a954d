package dev.upbook.report;

import dev.upbook.lint.FileReport;
import dev.upbook.lint.LintReport;
import dev.upbook.spec.diag.Diagnostic;
import java.io.IOException;
import java.io.Writer;

/**
 * For people: each diagnostic in its compiler-style form ({@link Diagnostic#format()}, with its hint
 * line), then the summary line.
 */
final class TextReportWriter implements ReportWriter {

    @Override
    public void write(LintReport report, ReportContext context, Writer out) throws IOException {
        String nl = System.lineSeparator();
        for (FileReport file : report.files()) {
            for (Diagnostic d : file.diagnostics()) out.write(d.format() + nl);
        }
        out.write(Summary.of(report).line() + nl);
    }
}
