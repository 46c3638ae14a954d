package dev.upbook.report.run;

import java.io.IOException;
import java.io.Writer;

/**
 * The Markdown report: a title line with product, installation, versions and status; the review
 * table first; then the path taken, every step, the captured values and the operator decisions.
 * Data is escaped for table cells (pipes, line breaks) and against raw HTML ({@code <}, {@code &}).
 */
final class MarkdownRunReport implements RunReportWriter {
    private static final int OUTPUT_EXCERPT = 400;

    @Override
    public void write(RunReport report, Writer out) throws IOException {
        StringBuilder md = new StringBuilder();
        header(report.run(), md);
        review(report, md);
        path(report, md);
        steps(report, md);
        captures(report, md);
        decisions(report, md);
        out.write(md.toString());
    }

    private static void header(RunReport.Run run, StringBuilder md) {
        md.append("# Upgrade report: ").append(inline(run.productName())).append(' ').append(inline(run.from())).append(" → ")
                .append(inline(run.to())).append(" on ").append(inline(run.installation())).append(": ").append(run.status())
                .append("\n\n");
        md.append("- Run: #").append(run.id()).append(", status **").append(run.status()).append("**\n");
        md.append("- Installation: ").append(inline(run.installation())).append('\n');
        md.append("- Playbook: ").append(inline(run.playbook())).append(" (plan ")
                .append(run.planHash(), 0, Math.min(12, run.planHash().length())).append(")\n");
        md.append("- Started: ").append(run.started()).append(" by ").append(inline(run.owner())).append('\n');
        run.ended().ifPresent(e -> md.append("- Ended: ").append(e).append(" (").append(Texts.duration(run.duration()))
                .append(")\n"));
        if (!run.message().isBlank()) md.append("- Message: ").append(inline(run.message())).append('\n');
    }

    private static void review(RunReport report, StringBuilder md) {
        md.append("\n## Review\n\n");
        if (report.review().isEmpty()) {
            md.append("No review items were recorded.\n");
            return;
        }
        md.append("| Item | Title | Severity | State | Evidence | Signed by |\n|---|---|---|---|---|---|\n");
        for (RunReport.ReviewItem r : report.review()) {
            String evidence = Texts.evidenceAndDetail(r, "; ");
            String signer = Texts.signer(r) + (r.note().isBlank() ? "" : " (" + r.note() + ")");
            row(md, r.id(), r.title(), r.severity(), "**" + r.state() + "**", evidence, signer);
        }
    }

    private static void path(RunReport report, StringBuilder md) {
        md.append("\n## Path taken\n\n");
        if (report.hops().isEmpty()) md.append("No hops (already at the target).\n");
        int n = 1;
        for (RunReport.Hop h : report.hops()) {
            md.append(n++).append(". ").append(inline(h.from())).append(" → ").append(inline(h.to()));
            if (!h.title().isBlank() && !h.title().equals(h.id())) md.append(": ").append(inline(h.title()));
            if (h.irreversible()) md.append(" (irreversible)");
            md.append('\n');
        }
    }

    private static void steps(RunReport report, StringBuilder md) {
        md.append("\n## Steps\n\n| # | Step | State | Attempts | Passes | Duration | Message |\n|---|---|---|---|---|---|---|\n");
        for (RunReport.Step s : report.steps()) {
            String step = s.title().isBlank() ? s.id() : s.id() + " — " + s.title();
            row(md, String.valueOf(s.seq() + 1), step, s.state(), String.valueOf(s.attempts()), String.valueOf(s.passes()),
                    Texts.duration(s.duration()), Texts.firstLine(s.message()));
        }
        for (RunReport.Step s : report.steps()) {
            if (!s.state().equals("failed") || s.output().isBlank()) continue;
            md.append("\nOutput of ").append(inline(s.id())).append(" (excerpt, masked):\n\n");
            for (String line : Texts.excerpt(s.output(), OUTPUT_EXCERPT).split("\n", -1)) {
                md.append("    ").append(line).append('\n');
            }
        }
    }

    private static void captures(RunReport report, StringBuilder md) {
        md.append("\n## Captured before the upgrade\n\n");
        if (report.captures().isEmpty()) {
            md.append("Nothing was captured.\n");
            return;
        }
        md.append("| Capture | Title | Value | Detail | At |\n|---|---|---|---|---|\n");
        for (RunReport.Capture c : report.captures()) row(md, c.id(), c.title(), c.valueJson(), c.detail(), c.at().toString());
    }

    private static void decisions(RunReport report, StringBuilder md) {
        md.append("\n## Operator decisions\n\n");
        if (report.decisions().isEmpty()) {
            md.append("None.\n");
            return;
        }
        md.append("| When | Decision | About | By | Reason |\n|---|---|---|---|---|\n");
        for (RunReport.Decision d : report.decisions()) {
            row(md, d.at().toString(), d.kind(), d.step().orElse(""), d.by(), d.reason());
        }
    }

    private static void row(StringBuilder md, String... cells) {
        md.append('|');
        for (String cell : cells) md.append(' ').append(cell(cell)).append(" |");
        md.append('\n');
    }

    /** A table cell: one line, pipes escaped, no raw HTML. Formatting added by this class ({@code **}) is kept. */
    private static String cell(String s) {
        return inline(s).replace("|", "\\|");
    }

    /** One line of text with no raw HTML. */
    private static String inline(String s) {
        return s.strip().replace("&", "&amp;").replace("<", "&lt;").replace("\r", "").replace("\n", " ");
    }
}
