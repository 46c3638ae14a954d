package dev.upbook.report.run;

import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The JUnit XML report (the Surefire/Ant format CI systems read), so a failed review shows as a
 * failed test. Suite {@code review}: one test case per review item; failed or rejected items are
 * failures ({@code type} is the severity, {@code blocking} or {@code advisory}; the body holds the
 * evidence), pending items are skipped ("awaiting sign-off" for manual ones), skipped items (their
 * {@code when} was false) are skipped, passed and signed-off items pass. Suite {@code steps}: one
 * test case per step; failed steps are failures, steps that did not run to the end (pending,
 * running, skipped, removed) are skipped. Class name: {@code INSTALLATION/run-ID}; {@code time}
 * in seconds.
 */
final class JunitRunReport implements RunReportWriter {

    private record Case(String name, Duration time, String outcome, String message, String type, String body) {}

    @Override
    public void write(RunReport report, Writer out) throws IOException {
        RunReport.Run run = report.run();
        String classname = run.installation() + "/run-" + run.id();
        List<Case> review = report.review().stream().map(JunitRunReport::reviewCase).toList();
        List<Case> steps = report.steps().stream().map(JunitRunReport::stepCase).toList();
        List<Case> all = new ArrayList<>(review);
        all.addAll(steps);
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append("<testsuites name=\"").append(XmlText.attribute("upbook run #" + run.id() + " " + run.from() + " → " + run.to()
                + " (" + run.status() + ")")).append('"').append(counts(all)).append(">\n");
        suite(xml, "review", classname, run, review);
        suite(xml, "steps", classname, run, steps);
        xml.append("</testsuites>\n");
        out.write(xml.toString());
    }

    private static Case reviewCase(RunReport.ReviewItem r) {
        String name = r.id() + ": " + r.title();
        String evidence = Texts.evidenceAndDetail(r, "\n");
        if (r.failed()) {
            String message = r.state().equals("rejected")
                    ? "rejected" + r.decidedBy().map(by -> " by " + by).orElse("") + (r.note().isBlank() ? "" : ": " + r.note())
                    : "failed: " + Texts.firstLine(r.evidence().isBlank() ? r.detail() : r.evidence());
            return new Case(name, Duration.ZERO, "failure", message, r.severity(), evidence + "\nevidence: " + r.evidenceJson());
        }
        if (r.state().equals("pending")) {
            return new Case(name, Duration.ZERO, "skipped", r.kind().equals("manual") ? "awaiting sign-off" : "not evaluated yet",
                    "", "");
        }
        if (r.state().equals("skipped")) return new Case(name, Duration.ZERO, "skipped", "its condition was false", "", "");
        String out = r.state().equals("signed-off") ? "signed off by " + Texts.signer(r) + (r.note().isBlank() ? "" : ": " + r.note())
                : evidence;
        return new Case(name, Duration.ZERO, "pass", "", "", out);
    }

    private static Case stepCase(RunReport.Step s) {
        String name = s.id() + (s.title().isBlank() ? "" : ": " + s.title());
        Duration time = s.duration().orElse(Duration.ZERO);
        String detail = "attempts " + s.attempts() + ", passes " + s.passes() + (s.message().isBlank() ? "" : "\n" + s.message());
        return switch (s.state()) {
            case "succeeded" -> new Case(name, time, "pass", "", "", detail);
            case "failed" -> new Case(name, time, "failure", Texts.firstLine(s.message().isBlank() ? "failed" : s.message()),
                    "step", detail + (s.output().isBlank() ? "" : "\noutput (masked):\n" + s.output()));
            default -> new Case(name, time, "skipped", "did not run to the end: " + s.state(), "", "");
        };
    }

    private static void suite(StringBuilder xml, String name, String classname, RunReport.Run run, List<Case> cases) {
        xml.append("  <testsuite name=\"").append(name).append('"').append(counts(cases)).append(" timestamp=\"")
                .append(run.started().toString(), 0, 19).append("\">\n");
        for (Case c : cases) {
            xml.append("    <testcase classname=\"").append(XmlText.attribute(classname)).append("\" name=\"")
                    .append(XmlText.attribute(c.name())).append("\" time=\"").append(Texts.seconds(c.time())).append('"');
            switch (c.outcome()) {
                case "failure" -> xml.append(">\n      <failure message=\"").append(XmlText.attribute(c.message()))
                        .append("\" type=\"").append(XmlText.attribute(c.type())).append("\">").append(XmlText.text(c.body()))
                        .append("</failure>\n    </testcase>\n");
                case "skipped" -> xml.append(">\n      <skipped message=\"").append(XmlText.attribute(c.message()))
                        .append("\"/>\n    </testcase>\n");
                default -> {
                    if (c.body().isBlank()) {
                        xml.append("/>\n");
                    } else {
                        xml.append(">\n      <system-out>").append(XmlText.text(c.body())).append("</system-out>\n    </testcase>\n");
                    }
                }
            }
        }
        xml.append("  </testsuite>\n");
    }

    private static String counts(List<Case> cases) {
        long failures = cases.stream().filter(c -> c.outcome().equals("failure")).count();
        long skipped = cases.stream().filter(c -> c.outcome().equals("skipped")).count();
        Duration time = cases.stream().map(Case::time).reduce(Duration.ZERO, Duration::plus);
        return " tests=\"" + cases.size() + "\" failures=\"" + failures + "\" errors=\"0\" skipped=\"" + skipped + "\" time=\""
                + Texts.seconds(time) + "\"";
    }
}
