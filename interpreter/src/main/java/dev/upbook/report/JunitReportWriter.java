package dev.upbook.report;

import dev.upbook.lint.FileReport;
import dev.upbook.lint.LintReport;
import dev.upbook.spec.diag.Diagnostic;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * JUnit XML as CI servers read it: one {@code testsuite} per playbook file holding one
 * {@code testcase} named after the file. Each error diagnostic is a {@code failure} of that test
 * case; a file without errors is a passing test case. Warnings and notes go to the test case's
 * {@code system-out} so that they are visible without failing the build.
 */
final class JunitReportWriter implements ReportWriter {
    static final String CLASS_NAME = "upbook.lint";

    @Override
    public void write(LintReport report, ReportContext context, Writer out) throws IOException {
        long failed = report.files().stream().filter(FileReport::hasErrors).count();
        out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.write("<testsuites name=\"upbook lint\" tests=\"" + report.files().size() + "\" failures=\"" + failed
                + "\" errors=\"0\">\n");
        for (FileReport file : report.files()) suite(file, context, out);
        out.write("</testsuites>\n");
    }

    private static void suite(FileReport file, ReportContext context, Writer out) throws IOException {
        String name = Xml.attribute(context.displayPath(file.file().toString()));
        List<Diagnostic> errors = file.diagnostics().stream().filter(Diagnostic::isError).toList();
        List<Diagnostic> others = file.diagnostics().stream().filter(d -> !d.isError()).toList();
        out.write("  <testsuite name=\"" + name + "\" tests=\"1\" failures=\"" + (errors.isEmpty() ? 0 : 1)
                + "\" errors=\"0\" skipped=\"0\">\n");
        if (errors.isEmpty() && others.isEmpty()) {
            out.write("    <testcase classname=\"" + CLASS_NAME + "\" name=\"" + name + "\"/>\n");
        } else {
            out.write("    <testcase classname=\"" + CLASS_NAME + "\" name=\"" + name + "\">\n");
            for (Diagnostic d : errors) {
                out.write("      <failure type=\"" + d.code().name() + "\" message=\"" + Xml.attribute(d.message()) + "\">"
                        + Xml.text(text(d)) + "</failure>\n");
            }
            if (!others.isEmpty()) {
                StringBuilder sb = new StringBuilder();
                others.forEach(d -> sb.append(text(d)).append('\n'));
                out.write("      <system-out>" + Xml.text(sb.toString()) + "</system-out>\n");
            }
            out.write("    </testcase>\n");
        }
        out.write("  </testsuite>\n");
    }

    /** The compiler-style text form, with '\n' line ends whatever the platform. */
    private static String text(Diagnostic d) {
        return d.format().replace(System.lineSeparator(), "\n");
    }
}
