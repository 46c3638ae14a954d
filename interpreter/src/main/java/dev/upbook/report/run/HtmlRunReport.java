package dev.upbook.report.run;

import java.io.IOException;
import java.io.Writer;

/**
 * The HTML report: one self-contained file (inline CSS, no script, no external reference), with
 * the review table at the top (states coloured), the timeline of step durations as inline SVG
 * ({@link TimelineSvg}), then the path taken, steps, operator decisions and captured values.
 * Every text from the journal is HTML-escaped.
 */
final class HtmlRunReport implements RunReportWriter {
    private static final int OUTPUT_EXCERPT = 600;

    private static final String CSS = """
            body { font: 14px/1.45 system-ui, sans-serif; margin: 24px; color: #1d2330; background: #fff; }
            h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 28px 0 8px; }
            .meta { color: #4a5262; margin: 0 0 12px; }
            table { border-collapse: collapse; width: 100%; margin: 4px 0; }
            th, td { border: 1px solid #d6dae2; padding: 4px 8px; text-align: left; vertical-align: top; }
            th { background: #eef1f6; }
            .state { font-weight: 600; border-radius: 3px; padding: 1px 6px; white-space: nowrap; }
            .passed, .signed-off, .succeeded, .complete { background: #d8f3dc; color: #1b5e20; }
            .failed, .rejected, .abandoned { background: #fbdada; color: #8e1b1b; }
            .pending, .awaiting-decision, .needs-review, .stopped { background: #fff1c2; color: #6b4e00; }
            .skipped, .removed, .recovered { background: #e6e8ec; color: #4a5262; }
            .running { background: #d6e6fb; color: #0d3c78; }
            svg.timeline { border: 1px solid #d6dae2; background: #fafbfc; }
            svg .label { text-anchor: end; font-size: 12px; fill: #1d2330; }
            svg .axis { text-anchor: middle; font-size: 11px; fill: #4a5262; }
            svg .tick { stroke: #d6dae2; }
            svg .bar.succeeded { fill: #2e7d32; } svg .bar.failed { fill: #c62828; } svg .bar.pending { fill: #f9a825; }
            svg .bar.running { fill: #1565c0; } svg .bar.skipped, svg .bar.removed { fill: #9e9e9e; }
            pre { background: #f4f5f7; padding: 6px; white-space: pre-wrap; margin: 4px 0; }
            .empty { color: #4a5262; }
            """;

    @Override
    public void write(RunReport report, Writer out) throws IOException {
        RunReport.Run run = report.run();
        StringBuilder h = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        h.append("<title>").append(e("Upgrade report: " + run.productName() + " " + run.from() + " → " + run.to())).append("</title>\n");
        h.append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        header(run, h);
        review(report, h);
        h.append("<h2>Timeline</h2>\n").append(TimelineSvg.render(report));
        path(report, h);
        steps(report, h);
        decisions(report, h);
        captures(report, h);
        h.append("</body>\n</html>\n");
        out.write(h.toString());
    }

    private static void header(RunReport.Run run, StringBuilder h) {
        h.append("<h1>").append(e(run.productName())).append(' ').append(e(run.from())).append(" → ").append(e(run.to()))
                .append(" <span class=\"state ").append(e(run.status())).append("\">").append(e(run.status())).append("</span></h1>\n");
        h.append("<p class=\"meta\">Run #").append(run.id()).append(" on installation <b>").append(e(run.installation()))
                .append("</b> · playbook ").append(e(run.playbook())).append(" · started ").append(e(run.started().toString()))
                .append(" by ").append(e(run.owner()));
        run.ended().ifPresent(end -> h.append(" · ended ").append(e(end.toString())).append(" (")
                .append(e(Texts.duration(run.duration()))).append(')'));
        h.append("</p>\n");
        if (!run.message().isBlank()) h.append("<p>").append(e(run.message())).append("</p>\n");
    }

    private static void review(RunReport report, StringBuilder h) {
        h.append("<h2>Review</h2>\n");
        if (report.review().isEmpty()) {
            h.append("<p class=\"empty\">No review items were recorded.</p>\n");
            return;
        }
        h.append("<table class=\"review\">\n<tr><th>Item</th><th>Title</th><th>Severity</th><th>State</th><th>Evidence</th>"
                + "<th>Signed by</th></tr>\n");
        for (RunReport.ReviewItem r : report.review()) {
            String evidence = Texts.evidenceAndDetail(r, "; ");
            String signer = Texts.signer(r) + (r.note().isBlank() ? "" : " (" + r.note() + ")");
            h.append("<tr><td>").append(e(r.id())).append("</td><td>").append(e(r.title())).append("</td><td>")
                    .append(e(r.severity())).append("</td><td>").append(state(r.state())).append("</td><td>").append(e(evidence))
                    .append("</td><td>").append(e(signer)).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void path(RunReport report, StringBuilder h) {
        h.append("<h2>Path taken</h2>\n<ol class=\"hops\">\n");
        for (RunReport.Hop hop : report.hops()) {
            h.append("<li>").append(e(hop.from())).append(" → ").append(e(hop.to()));
            if (!hop.title().isBlank() && !hop.title().equals(hop.id())) h.append(": ").append(e(hop.title()));
            if (hop.irreversible()) h.append(" <b>(irreversible)</b>");
            h.append("</li>\n");
        }
        h.append("</ol>\n");
    }

    private static void steps(RunReport report, StringBuilder h) {
        h.append("<h2>Steps</h2>\n<table class=\"steps\">\n<tr><th>#</th><th>Step</th><th>State</th><th>Attempts</th>"
                + "<th>Passes</th><th>Duration</th><th>Message</th></tr>\n");
        for (RunReport.Step s : report.steps()) {
            h.append("<tr><td>").append(s.seq() + 1).append("</td><td>").append(e(s.id()));
            if (!s.title().isBlank()) h.append("<br>").append(e(s.title()));
            h.append("</td><td>").append(state(s.state())).append("</td><td>").append(s.attempts()).append("</td><td>")
                    .append(s.passes()).append("</td><td>").append(e(Texts.duration(s.duration()))).append("</td><td>")
                    .append(e(s.message().strip()));
            if (s.state().equals("failed") && !s.output().isBlank()) {
                h.append("<pre>").append(e(Texts.excerpt(s.output(), OUTPUT_EXCERPT))).append("</pre>");
            }
            h.append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void decisions(RunReport report, StringBuilder h) {
        h.append("<h2>Operator decisions</h2>\n");
        if (report.decisions().isEmpty()) {
            h.append("<p class=\"empty\">None.</p>\n");
            return;
        }
        h.append("<table class=\"decisions\">\n<tr><th>When</th><th>Decision</th><th>About</th><th>By</th><th>Reason</th></tr>\n");
        for (RunReport.Decision d : report.decisions()) {
            h.append("<tr><td>").append(e(d.at().toString())).append("</td><td>").append(e(d.kind())).append("</td><td>")
                    .append(e(d.step().orElse(""))).append("</td><td>").append(e(d.by())).append("</td><td>").append(e(d.reason()))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void captures(RunReport report, StringBuilder h) {
        h.append("<h2>Captured before the upgrade</h2>\n");
        if (report.captures().isEmpty()) {
            h.append("<p class=\"empty\">Nothing was captured.</p>\n");
            return;
        }
        h.append("<table class=\"captures\">\n<tr><th>Capture</th><th>Title</th><th>Value</th><th>Detail</th><th>At</th></tr>\n");
        for (RunReport.Capture c : report.captures()) {
            h.append("<tr><td>").append(e(c.id())).append("</td><td>").append(e(c.title())).append("</td><td>").append(e(c.valueJson()))
                    .append("</td><td>").append(e(c.detail())).append("</td><td>").append(e(c.at().toString())).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static String state(String state) {
        return "<span class=\"state " + e(state) + "\">" + e(state) + "</span>";
    }

    private static String e(String s) {
        return XmlText.attribute(s);
    }
}
