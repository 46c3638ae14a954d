package dev.upbook.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.upbook.lint.FileReport;
import dev.upbook.lint.LintReport;
import dev.upbook.spec.diag.Diagnostic;
import java.io.IOException;
import java.io.Writer;

/**
 * upbook's JSON report. The field names are a contract for scripts:
 * {@code files[].file}, {@code files[].diagnostics[].severity|code|path|line|column|message|hint},
 * {@code summary.files|errors|warnings|notes}. Paths are shown as the linter found them.
 */
final class JsonReportWriter implements ReportWriter {

    @Override
    public void write(LintReport report, ReportContext context, Writer out) throws IOException {
        ObjectNode root = JsonOutput.object();
        ArrayNode files = root.putArray("files");
        for (FileReport file : report.files()) {
            ObjectNode entry = files.addObject();
            entry.put("file", file.file().toString());
            ArrayNode diagnostics = entry.putArray("diagnostics");
            file.diagnostics().forEach(d -> diagnostics.add(diagnostic(d)));
        }
        root.set("summary", summary(Summary.of(report)));
        JsonOutput.write(root, out);
    }

    private static ObjectNode diagnostic(Diagnostic d) {
        ObjectNode node = JsonOutput.object();
        node.put("severity", d.severity().label());
        node.put("code", d.code().name());
        node.put("path", d.path());
        node.put("line", d.at().line());
        node.put("column", d.at().column());
        node.put("message", d.message());
        node.put("hint", d.hint());
        return node;
    }

    private static ObjectNode summary(Summary summary) {
        ObjectNode node = JsonOutput.object();
        node.put("files", summary.files());
        node.put("errors", summary.errors());
        node.put("warnings", summary.warnings());
        node.put("notes", summary.notes());
        return node;
    }
}
