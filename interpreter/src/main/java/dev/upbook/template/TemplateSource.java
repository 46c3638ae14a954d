package dev.upbook.template;

/**
 * The text of one template, turning offsets into 0-based line and column ({@code '\n'} ends a
 * line; a {@code '\r'} before it counts as a character of the line).
 */
final class TemplateSource {
    private final String text;
    private final int[] lineStarts;

    TemplateSource(String text) {
        this.text = text;
        int lines = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') lines++;
        }
        lineStarts = new int[lines];
        int line = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') lineStarts[line++] = i + 1;
        }
    }

    /** Whether {@code text} may contain Jinja markup at all: the fast path skips parsing when not. */
    static boolean hasMarkup(String text) {
        int at = text.indexOf('{');
        while (at >= 0 && at + 1 < text.length()) {
            char next = text.charAt(at + 1);
            if (next == '{' || next == '%' || next == '#') return true;
            at = text.indexOf('{', at + 1);
        }
        return false;
    }

    String text() {
        return text;
    }

    int line(int offset) {
        int at = clamp(offset);
        int low = 0;
        int high = lineStarts.length - 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (lineStarts[mid] <= at) low = mid;
            else high = mid - 1;
        }
        return low;
    }

    int column(int offset) {
        return clamp(offset) - lineStarts[line(offset)];
    }

    private int clamp(int offset) {
        return Math.max(0, Math.min(offset, text.length()));
    }
}
