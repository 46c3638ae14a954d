package dev.upbook.report.run;

import java.io.IOException;
import java.io.Writer;

/** Renders a {@link RunReport} in one format. */
public interface RunReportWriter {

    void write(RunReport report, Writer out) throws IOException;

    static RunReportWriter markdown() {
        return new MarkdownRunReport();
    }

    static RunReportWriter json() {
        return new JsonRunReport();
    }

    static RunReportWriter junit() {
        return new JunitRunReport();
    }

    static RunReportWriter html() {
        return new HtmlRunReport();
    }
}
