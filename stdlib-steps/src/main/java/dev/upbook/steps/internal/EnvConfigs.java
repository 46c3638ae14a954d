package dev.upbook.steps.internal;

import dev.upbook.steps.internal.ConfigFiles.Change;
import dev.upbook.steps.internal.ConfigFiles.ConfigFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code .env} files for {@code config.env}: {@code KEY=value} lines (optionally {@code export
 * KEY=value}), {@code #} comments and blank lines. Values are plain (a {@code #} after a space
 * starts a comment), single-quoted (literal) or double-quoted ({@code \"}, {@code \\}, {@code \n}
 * escapes; may span lines). Lines that are not set are kept byte for byte.
 */
public final class EnvConfigs {
    private static final Pattern ASSIGNMENT = Pattern.compile("(\\s*(?:export\\s+)?)([A-Za-z_][A-Za-z0-9_.-]*)(\\s*=[ \\t]*)(.*)", Pattern.DOTALL);
    private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:@%+,=-]*");

    private EnvConfigs() {}

    /** One assignment: the line(s) it spans in {@code lines}, its parts and its value. */
    private record Assignment(int line, int lastLine, String prefix, String key, String equals, char quote, String value, String suffix) {}

    /** Checks a key given in {@code set}; an error text when it is not a valid name. */
    public static String invalidKey(String key) {
        return KEY.matcher(key).matches() ? null : "'" + key + "' is not a .env key (letters, digits, _ . -, not starting with a digit)";
    }

    /**
     * Applies {@code set} to {@code text} (the content of {@code file}): every assignment of a key
     * gets the new value, a key not there is appended. Adds the changes to {@code changes}.
     */
    public static String apply(Path file, String text, Map<String, String> set, List<Change> changes) throws ConfigFileException {
        List<String> lines = ConfigLines.split(text);
        List<Assignment> assignments = parse(file, lines);
        String eol = ConfigLines.eol(text);
        List<String> appended = new ArrayList<>();
        for (Map.Entry<String, String> e : set.entrySet()) {
            String key = e.getKey();
            String value = e.getValue();
            List<Assignment> found = assignments.stream().filter(a -> a.key().equals(key)).toList();
            if (found.isEmpty()) {
                appended.add(key + "=" + render(value, '\0') + eol);
                changes.add(new Change(key, null, value));
                continue;
            }
            String before = found.get(found.size() - 1).value();
            for (Assignment a : found) {
                if (a.value().equals(value)) continue;
                String line = a.prefix() + a.key() + a.equals() + render(value, a.quote()) + a.suffix();
                lines.set(a.line(), line);
                for (int i = a.line() + 1; i <= a.lastLine(); i++) lines.set(i, "");
            }
            if (found.stream().anyMatch(a -> !a.value().equals(value))) {
                changes.add(new Change(key, before, value));
            }
        }
        StringBuilder out = new StringBuilder();
        lines.forEach(out::append);
        if (!appended.isEmpty() && out.length() > 0 && out.charAt(out.length() - 1) != '\n') out.append(eol);
        appended.forEach(out::append);
        return out.toString();
    }

    private static List<Assignment> parse(Path file, List<String> lines) throws ConfigFileException {
        List<Assignment> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = ConfigLines.content(lines.get(i));
            String stripped = line.strip();
            if (stripped.isEmpty() || stripped.startsWith("#")) continue;
            Matcher m = ASSIGNMENT.matcher(line);
            if (!m.matches()) {
                throw new ConfigFileException(file + ":" + (i + 1) + ": expected KEY=value, a # comment or a blank line, not '"
                        + abbreviate(stripped) + "'");
            }
            String rest = m.group(4);
            char quote = rest.startsWith("\"") || rest.startsWith("'") ? rest.charAt(0) : '\0';
            int start = i;
            if (quote == '\0') {
                int comment = commentStart(rest);
                String value = (comment < 0 ? rest : rest.substring(0, comment)).stripTrailing();
                String suffix = rest.substring(value.length()) + ConfigLines.ending(lines.get(i));
                out.add(new Assignment(i, i, m.group(1), m.group(2), m.group(3), quote, value, suffix));
                continue;
            }
            StringBuilder raw = new StringBuilder(rest.substring(1));
            int close = closing(raw, quote);
            while (close < 0 && i + 1 < lines.size()) {
                raw.append(ConfigLines.ending(lines.get(i))).append(ConfigLines.content(lines.get(++i)));
                close = closing(raw, quote);
            }
            if (close < 0) {
                throw new ConfigFileException(file + ":" + (start + 1) + ":" + (m.end(3) + 1) + ": the value of " + m.group(2)
                        + " opens a " + (quote == '"' ? "double" : "single") + " quote that is never closed");
            }
            String inner = raw.substring(0, close);
            String value = quote == '"' ? unescape(inner) : inner;
            String suffix = raw.substring(close + 1) + ConfigLines.ending(lines.get(i));
            out.add(new Assignment(start, i, m.group(1), m.group(2), m.group(3), quote, value, suffix));
        }
        return out;
    }

    /** Where a comment starts in an unquoted value: a # at the start or after white space. */
    private static int commentStart(String rest) {
        for (int i = 0; i < rest.length(); i++) {
            if (rest.charAt(i) == '#' && (i == 0 || Character.isWhitespace(rest.charAt(i - 1)))) return i;
        }
        return -1;
    }

    private static int closing(CharSequence raw, char quote) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (quote == '"' && c == '\\') i++;
            else if (c == quote) return i;
        }
        return -1;
    }

    private static String unescape(String inner) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c != '\\' || i + 1 == inner.length()) {
                sb.append(c);
                continue;
            }
            char next = inner.charAt(++i);
            switch (next) {
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case '"', '\\' -> sb.append(next);
                default -> sb.append('\\').append(next);
            }
        }
        return sb.toString();
    }

    /** The value as written: in the quotes it had when they can hold it, else plain when safe, else quoted. */
    private static String render(String value, char quote) {
        if (quote == '\'' && !value.contains("'") && !value.contains("\n")) return "'" + value + "'";
        if (quote == '"') return doubleQuoted(value);
        if (PLAIN.matcher(value).matches()) return value;
        if (!value.contains("'") && !value.contains("\n")) return "'" + value + "'";
        return doubleQuoted(value);
    }

    private static String doubleQuoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r") + "\"";
    }

    static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
