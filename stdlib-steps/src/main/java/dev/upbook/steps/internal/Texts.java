package dev.upbook.steps.internal;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Small text helpers shared by the step types' messages and dry-run descriptions. */
public final class Texts {
    private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

    private Texts() {}

    /** An argv as an operator would type it: words that need it in single quotes. For display only. */
    public static String argv(List<String> argv) {
        return argv.stream().map(Texts::quote).collect(Collectors.joining(" "));
    }

    static String quote(String word) {
        if (PLAIN_WORD.matcher(word).matches()) return word;
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** {@code 12ms} below ten seconds, {@code 12.3s} above. */
    public static String elapsed(Duration d) {
        long millis = d.toMillis();
        if (millis < 10_000) return millis + "ms";
        return String.format(java.util.Locale.ROOT, "%.1fs", millis / 1000.0);
    }

    /** {@code text} on one line: line breaks become " / ", for dry-run descriptions. */
    public static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " / ");
    }

    /** At most {@code max} characters of {@code text}, with an ellipsis when cut. */
    public static String firstChars(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "…";
    }

    /** The last non-blank line of {@code text}, at most {@code max} characters; empty when none. */
    public static String lastLine(String text, int max) {
        String[] lines = text.strip().split("\\R");
        String last = lines[lines.length - 1].strip();
        return last.length() <= max ? last : "…" + last.substring(last.length() - max);
    }
}
