package dev.upbook.report;

import dev.upbook.lint.FileReport;
import dev.upbook.lint.LintReport;
import dev.upbook.spec.diag.Diagnostic;
import java.io.IOException;
import java.io.Writer;

/**
 * GitHub Actions workflow commands, one per diagnostic:
 * {@code ::error file=F,line=L,col=C,title=CODE::message}. GitHub turns them into annotations
 * on the playbook lines. Escaping follows the Actions toolkit: in the message {@code %}, CR and
 * LF are percent-encoded; in property values also {@code :} and {@code ,}.
 */
final class GithubReportWriter implements ReportWriter {

    @Override
    public void write(LintReport report, ReportContext context, Writer out) throws IOException {
        for (FileReport file : report.files()) {
            for (Diagnostic d : file.diagnostics()) out.write(command(file, d, context) + "\n");
        }
    }

    private static String command(FileReport file, Diagnostic d, ReportContext context) {
        String message = d.hint().isEmpty() ? d.message() : d.message() + "\nhint: " + d.hint();
        return "::" + command(d) + " file=" + property(context.displayPath(ReportContext.sourceFile(file, d)))
                + ",line=" + d.at().line()
                + ",col=" + d.at().column()
                + ",title=" + property(d.code().name())
                + "::" + data(message);
    }

    private static String command(Diagnostic d) {
        return switch (d.severity()) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case NOTE -> "notice";
        };
    }

    static String data(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    static String property(String s) {
        return data(s).replace(":", "%3A").replace(",", "%2C");
    }
}
