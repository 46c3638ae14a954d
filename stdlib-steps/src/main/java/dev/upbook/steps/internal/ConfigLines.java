package dev.upbook.steps.internal;

import java.util.ArrayList;
import java.util.List;

/** Lines of a config file with their own line endings, so that untouched lines are written back byte for byte. */
final class ConfigLines {
    private ConfigLines() {}

    /** The lines of {@code text}, each with its line ending (the last may have none). */
    static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                out.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) out.add(text.substring(start));
        return out;
    }

    /** The line without its ending. */
    static String content(String line) {
        return line.substring(0, line.length() - ending(line).length());
    }

    /** The line's ending: CRLF, LF or nothing. */
    static String ending(String line) {
        if (line.endsWith("\r\n")) return "\r\n";
        return line.endsWith("\n") ? "\n" : "";
    }

    /** The ending new lines get: CRLF when the file uses it, else LF. */
    static String eol(String text) {
        return text.contains("\r\n") ? "\r\n" : "\n";
    }
}
