package dev.upbook.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.upbook.lint.FileReport;
import dev.upbook.lint.LintReport;
import dev.upbook.spec.diag.Code;
import dev.upbook.spec.diag.Diagnostic;
import dev.upbook.spec.diag.Severity;
import java.io.IOException;
import java.io.Writer;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * SARIF 2.1.0 (OASIS) with one run. Each diagnostic code that occurs becomes a rule (id = the
 * code's name, described by {@link Code#summary()} and {@link Code#hint()}, with the fields GitHub
 * code scanning requires); each diagnostic a
 * result pointing at its file (relative to the working directory when possible) and position.
 * Columns count Unicode code points, as SnakeYAML marks do, and the run says so.
 */
final class SarifReportWriter implements ReportWriter {
    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    static final String VERSION = "2.1.0";

    @Override
    public void write(LintReport report, ReportContext context, Writer out) throws IOException {
        List<Code> rules = rulesUsed(report);
        ObjectNode root = JsonOutput.object();
        root.put("$schema", SCHEMA);
        root.put("version", VERSION);
        ObjectNode run = root.putArray("runs").addObject();
        run.set("tool", tool(context, rules));
        ArrayNode results = run.putArray("results");
        for (FileReport file : report.files()) {
            for (Diagnostic d : file.diagnostics()) results.add(result(file, d, rules, context));
        }
        run.put("columnKind", "unicodeCodePoints");
        JsonOutput.write(root, out);
    }

    /** The codes that occur, in the order of {@link Code}, so that rule indexes are stable. */
    private static List<Code> rulesUsed(LintReport report) {
        Set<Code> used = EnumSet.noneOf(Code.class);
        report.all().forEach(d -> used.add(d.code()));
        return List.copyOf(used);
    }

    private static ObjectNode tool(ReportContext context, List<Code> rules) {
        ObjectNode tool = JsonOutput.object();
        ObjectNode driver = tool.putObject("driver");
        driver.put("name", "upbook");
        driver.put("version", context.toolVersion());
        ArrayNode array = driver.putArray("rules");
        rules.forEach(code -> array.add(rule(code)));
        return tool;
    }

    private static ObjectNode rule(Code code) {
        ObjectNode rule = JsonOutput.object();
        rule.put("id", code.name());
        rule.put("name", friendlyName(code));
        rule.putObject("shortDescription").put("text", code.summary());
        // GitHub code scanning requires a full description
        rule.putObject("fullDescription").put("text", code.summary() + " " + code.hint());
        rule.putObject("help").put("text", code.hint());
        rule.putObject("defaultConfiguration").put("level", level(code.defaultSeverity()));
        return rule;
    }

    /** SARIF's conventional Pascal-case rule name: UNKNOWN_KEY becomes UnknownKey. */
    static String friendlyName(Code code) {
        StringBuilder sb = new StringBuilder();
        for (String word : code.name().split("_")) {
            if (!word.isEmpty()) sb.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
        }
        return sb.toString();
    }

    private static ObjectNode result(FileReport file, Diagnostic d, List<Code> rules, ReportContext context) {
        ObjectNode result = JsonOutput.object();
        result.put("ruleId", d.code().name());
        result.put("ruleIndex", rules.indexOf(d.code()));
        result.put("level", level(d.severity()));
        result.putObject("message").put("text", messageText(d));
        ObjectNode location = result.putArray("locations").addObject();
        ObjectNode physical = location.putObject("physicalLocation");
        physical.putObject("artifactLocation").put("uri", context.uri(ReportContext.sourceFile(file, d)));
        ObjectNode region = physical.putObject("region");
        region.put("startLine", d.at().line());
        region.put("startColumn", d.at().column());
        if (!d.path().isEmpty()) location.putArray("logicalLocations").addObject().put("fullyQualifiedName", d.path());
        return result;
    }

    private static String messageText(Diagnostic d) {
        return d.hint().isEmpty() ? d.message() : d.message() + "\nhint: " + d.hint();
    }

    static String level(Severity severity) {
        return switch (severity) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case NOTE -> "note";
        };
    }
}
