package dev.upbook.report.run;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** Small text helpers the writers share. */
final class Texts {
    private Texts() {}

    /** {@code 850 ms}, {@code 12.3 s}, {@code 4 min 5 s}, {@code 1 h 2 min}. */
    static String duration(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) return ms + " ms";
        if (ms < 60_000) return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        long s = d.toSeconds();
        if (s < 3600) return s / 60 + " min " + s % 60 + " s";
        return s / 3600 + " h " + s % 3600 / 60 + " min";
    }

    static String duration(Optional<Duration> d) {
        return d.map(Texts::duration).orElse("");
    }

    /** Seconds with millisecond precision, as JUnit XML's {@code time} attribute wants it. */
    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.3f", d.toMillis() / 1000.0);
    }

    static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl) + " …";
    }

    /** At most {@code max} characters, with an ellipsis when cut. */
    static String excerpt(String s, int max) {
        String t = s.strip();
        return t.length() <= max ? t : t.substring(0, max) + " …";
    }

    /** A review item's evidence in words and its detail, the detail left out when the evidence already says it. */
    static String evidenceAndDetail(RunReport.ReviewItem item, String separator) {
        String evidence = item.evidence().strip();
        String detail = item.detail().strip();
        if (evidence.isEmpty()) return detail;
        return detail.isEmpty() || evidence.contains(detail) ? evidence : evidence + separator + detail;
    }

    /** Who decided a review item: the signer, or empty. */
    static String signer(RunReport.ReviewItem item) {
        return item.decidedBy().map(by -> by + item.decided().map(at -> " at " + at).orElse("")).orElse("");
    }
}
