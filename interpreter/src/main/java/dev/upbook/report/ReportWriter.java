package dev.upbook.report;

import dev.upbook.lint.LintReport;
import java.io.IOException;
import java.io.Writer;

/** Writes a {@link LintReport} in one output format. Implementations are stateless. */
public interface ReportWriter {

    /**
     * Writes the whole report to {@code out}; does not close it.
     *
     * @param context where the tool runs (relative paths) and what it is (name, version)
     */
    void write(LintReport report, ReportContext context, Writer out) throws IOException;
}
