package dev.upbook.report.run;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The timeline of step durations as inline SVG: one row per step that started, a bar from its
 * start to its end on a time axis from the run's start, coloured by state ({@code class="bar
 * STATE"}), the step id as a label and a {@code <title>} (shown on hover) with state and duration.
 * No namespace URL: inside HTML the parser puts {@code <svg>} in the SVG namespace itself.
 */
final class TimelineSvg {
    private static final int LABEL_WIDTH = 300;
    private static final int CHART_WIDTH = 600;
    private static final int ROW = 22;
    private static final int TOP = 24;
    private static final int TICKS = 4;

    private TimelineSvg() {}

    static String render(RunReport report) {
        List<RunReport.Step> started = report.steps().stream().filter(s -> s.started().isPresent()).toList();
        if (started.isEmpty()) return "<p class=\"empty\">No step has started.</p>\n";
        Instant origin = report.run().started();
        long spanMs = Math.max(1, started.stream().mapToLong(s -> offsetMs(origin, end(s))).max().orElse(1));
        int height = TOP + started.size() * ROW + 8;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg class=\"timeline\" role=\"img\" width=\"").append(LABEL_WIDTH + CHART_WIDTH + 20).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(LABEL_WIDTH + CHART_WIDTH + 20).append(' ').append(height)
                .append("\">\n<title>Step durations from the run's start</title>\n");
        axis(svg, spanMs, height);
        int y = TOP;
        for (RunReport.Step s : started) {
            bar(svg, s, origin, spanMs, y);
            y += ROW;
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static void axis(StringBuilder svg, long spanMs, int height) {
        for (int i = 0; i <= TICKS; i++) {
            double x = LABEL_WIDTH + CHART_WIDTH * i / (double) TICKS;
            svg.append(String.format(Locale.ROOT, "<line class=\"tick\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>", x, TOP - 6, x,
                    height - 4));
            svg.append(String.format(Locale.ROOT, "<text class=\"axis\" x=\"%.1f\" y=\"%d\">%s</text>%n", x, TOP - 10,
                    XmlText.text(Texts.duration(Duration.ofMillis(spanMs * i / TICKS)))));
        }
    }

    private static void bar(StringBuilder svg, RunReport.Step s, Instant origin, long spanMs, int y) {
        double x = LABEL_WIDTH + CHART_WIDTH * offsetMs(origin, s.started().get()) / (double) spanMs;
        double width = Math.max(2, CHART_WIDTH * s.duration().map(Duration::toMillis).orElse(0L) / (double) spanMs);
        String label = s.id().length() > 40 ? "…" + s.id().substring(s.id().length() - 39) : s.id();
        String hover = s.id() + (s.title().isBlank() ? "" : " — " + s.title()) + ": " + s.state()
                + (s.duration().isPresent() ? ", " + Texts.duration(s.duration()) : ", still open")
                + (s.attempts() > 1 ? ", " + s.attempts() + " attempts" : "");
        svg.append("<g class=\"step\">");
        svg.append(String.format(Locale.ROOT, "<text class=\"label\" x=\"%d\" y=\"%d\">%s</text>", LABEL_WIDTH - 8, y + 15,
                XmlText.text(label)));
        svg.append(String.format(Locale.ROOT, "<rect class=\"bar %s\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" rx=\"2\">",
                XmlText.attribute(s.state()), x, y + 3, width, ROW - 6));
        svg.append("<title>").append(XmlText.text(hover)).append("</title></rect></g>\n");
    }

    private static Instant end(RunReport.Step s) {
        return s.ended().filter(e -> !e.isBefore(s.started().get())).orElse(s.started().get());
    }

    private static long offsetMs(Instant origin, Instant t) {
        return Math.max(0, Duration.between(origin, t).toMillis());
    }
}
