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
 * ini files for {@code config.env}: {@code [section]} headers, {@code key = value} lines, bare
 * flags ({@code skip-networking}), {@code ;} and {@code #} comments. A key {@code section.key} is
 * split at the first dot (so php.ini's {@code Session.session.save_path} is {@code session.save_path}
 * in {@code [Session]}); a key without a dot lives before the first section. A value in double
 * quotes is compared without them and stays quoted. Lines that are not set are kept byte for byte.
 */
public final class IniConfigs {
    private static final Pattern SECTION = Pattern.compile("\\s*\\[([^\\]]*)\\]\\s*(?:[;#].*)?");
    private static final Pattern ENTRY = Pattern.compile("(\\s*)([^=;#\\[\\s][^=]*?)(\\s*=\\s*)(.*?)(\\s*)");
    private static final Pattern BARE = Pattern.compile("\\s*[^=;#\\[\\s][^=]*");

    private IniConfigs() {}

    private record Entry(int line, String section, String key, String indent, String equals, String value, String trailing) {}

    /** Applies {@code set} to {@code text} (the content of {@code file}), adding the changes to {@code changes}. */
    public static String apply(Path file, String text, Map<String, String> set, List<Change> changes) throws ConfigFileException {
        List<String> lines = ConfigLines.split(text);
        List<String> sections = new ArrayList<>();
        List<Entry> entries = parse(file, lines, sections);
        String eol = ConfigLines.eol(text);
        String equals = entries.stream().filter(e -> e.equals() != null).map(Entry::equals).findFirst().orElse(" = ");
        List<String> newSections = new ArrayList<>();
        for (Map.Entry<String, String> s : set.entrySet()) {
            if (s.getValue().contains("\n") || s.getValue().contains("\r")) {
                throw new IllegalArgumentException("the value of " + s.getKey() + " holds a line break, which an ini file cannot hold");
            }
            int dot = s.getKey().indexOf('.');
            String section = dot < 0 ? "" : s.getKey().substring(0, dot);
            String key = s.getKey().substring(dot + 1);
            String value = s.getValue();
            List<Entry> found = entries.stream().filter(e -> e.section().equals(section) && e.key().equals(key)).toList();
            if (found.isEmpty()) {
                insert(lines, entries, sections, newSections, section, key + equals + value + eol, eol);
                changes.add(new Change(s.getKey(), null, value));
                continue;
            }
            boolean changed = false;
            for (Entry e : found) {
                if (value.equals(unquoted(e.value()))) continue;
                boolean quoted = e.value() != null && !e.value().equals(unquoted(e.value())) && !value.contains("\"");
                String written = quoted ? "\"" + value + "\"" : value;
                lines.set(e.line(), e.indent() + e.key() + (e.equals() == null ? equals : e.equals()) + written + e.trailing()
                        + ConfigLines.ending(lines.get(e.line())));
                changed = true;
            }
            if (changed) changes.add(new Change(s.getKey(), unquoted(found.get(found.size() - 1).value()), value));
        }
        StringBuilder out = new StringBuilder();
        lines.forEach(out::append);
        if (!newSections.isEmpty() && out.length() > 0) {
            if (out.charAt(out.length() - 1) != '\n') out.append(eol);
            if (!out.toString().endsWith(eol + eol) && !out.toString().equals(eol)) out.append(eol);
        }
        for (int i = 0; i < newSections.size(); i++) out.append(i == 0 ? "" : eol).append(newSections.get(i));
        return out.toString();
    }

    /** Puts a new line after the section's last entry (or its header); a section not in the file is appended. */
    private static void insert(List<String> lines, List<Entry> entries, List<String> sections, List<String> newSections,
                               String section, String line, String eol) {
        int at = -1;
        for (Entry e : entries) if (e.section().equals(section)) at = Math.max(at, e.line());
        if (at < 0 && sections.contains(section)) at = headerLine(lines, section);
        if (at < 0 && !section.isEmpty()) {
            appendToNewSection(newSections, section, line, eol);
            return;
        }
        if (at >= 0 && ConfigLines.ending(lines.get(at)).isEmpty()) lines.set(at, lines.get(at) + eol);
        lines.add(at + 1, line);
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            if (e.line() > at) entries.set(i, new Entry(e.line() + 1, e.section(), e.key(), e.indent(), e.equals(), e.value(), e.trailing()));
        }
        // Marks the new line as the section's last entry, so that the next new key goes after it.
        entries.add(new Entry(at + 1, section, "\0inserted", "", null, null, ""));
    }

    private static void appendToNewSection(List<String> newSections, String section, String line, String eol) {
        String header = "[" + section + "]" + eol;
        for (int i = 0; i < newSections.size(); i++) {
            if (newSections.get(i).startsWith(header)) {
                newSections.set(i, newSections.get(i) + line);
                return;
            }
        }
        newSections.add(header + line);
    }

    private static int headerLine(List<String> lines, String section) {
        int found = -1;
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = SECTION.matcher(ConfigLines.content(lines.get(i)));
            if (m.matches() && m.group(1).strip().equals(section)) found = i;
        }
        return found;
    }

    private static List<Entry> parse(Path file, List<String> lines, List<String> sections) throws ConfigFileException {
        List<Entry> out = new ArrayList<>();
        String section = "";
        for (int i = 0; i < lines.size(); i++) {
            String line = ConfigLines.content(lines.get(i));
            String stripped = line.strip();
            if (stripped.isEmpty() || stripped.startsWith(";") || stripped.startsWith("#")) continue;
            Matcher header = SECTION.matcher(line);
            if (header.matches()) {
                section = header.group(1).strip();
                sections.add(section);
                continue;
            }
            Matcher entry = ENTRY.matcher(line);
            if (entry.matches()) {
                out.add(new Entry(i, section, entry.group(2), entry.group(1), entry.group(3), entry.group(4), entry.group(5)));
            } else if (BARE.matcher(line).matches()) {
                String indent = line.substring(0, line.length() - line.stripLeading().length());
                out.add(new Entry(i, section, stripped, indent, null, null, ""));
            } else {
                throw new ConfigFileException(file + ":" + (i + 1) + ": expected [section], key = value, a comment or a blank line, not '"
                        + EnvConfigs.abbreviate(stripped) + "'");
            }
        }
        return out;
    }

    private static String unquoted(String value) {
        if (value == null) return null;
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
    }
}
