package dev.upbook.spec.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Turns a class's Javadoc into Markdown paragraphs for the reference: inline tags become code
 * spans ({@code {@code x}} → {@code `x`}), {@code <p>} separates paragraphs, {@code <li>} items
 * become "- " lines, block tags ({@code @param}, {@code @see}) are dropped. Paragraphs are joined
 * into single lines, so the output does not depend on how the comment was wrapped.
 */
final class JavadocMarkdown {
    private final Function<String, String> constants;

    /** {@code constants} resolves {@code {@value #NAME}} to the constant's value (or returns null). */
    JavadocMarkdown(Function<String, String> constants) {
        this.constants = constants;
    }

    /** The paragraphs of {@code javadoc}, each one line, list items as "- " lines. */
    List<String> paragraphs(String javadoc) {
        if (javadoc == null) return List.of();
        String body = stripBlockTags(javadoc);
        String text = html(inlineTags(body));
        List<String> paragraphs = new ArrayList<>();
        for (String block : text.split("\n\\s*\n")) {
            StringBuilder paragraph = new StringBuilder();
            for (String line : block.strip().split("\n")) {
                String l = line.strip();
                if (l.isEmpty()) continue;
                if (l.startsWith("- ")) {
                    if (paragraph.length() > 0) paragraph.append('\n');
                    paragraph.append(l.replaceAll("\\s+", " "));
                } else {
                    if (paragraph.length() > 0) paragraph.append(paragraph.charAt(paragraph.length() - 1) == '\n' ? "" : " ");
                    paragraph.append(l.replaceAll("\\s+", " "));
                }
            }
            if (paragraph.length() > 0) paragraphs.add(paragraph.toString());
        }
        return paragraphs;
    }

    private static String stripBlockTags(String javadoc) {
        StringBuilder sb = new StringBuilder();
        for (String line : javadoc.split("\n", -1)) {
            if (line.strip().startsWith("@")) break;
            sb.append(line).append('\n');
        }
        return sb.toString();
    }

    /** Replaces {@code {@tag content}} (with nested braces) by its Markdown. */
    private String inlineTags(String text) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int start = text.indexOf("{@", i);
            if (start < 0) {
                out.append(text, i, text.length());
                break;
            }
            out.append(text, i, start);
            int end = matchingBrace(text, start);
            if (end < 0) {
                out.append(text, start, text.length());
                break;
            }
            out.append(tag(text.substring(start + 2, end)));
            i = end + 1;
        }
        return out.toString();
    }

    private static int matchingBrace(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') depth++;
            else if (c == '}' && --depth == 0) return i;
        }
        return -1;
    }

    private String tag(String tag) {
        int space = tag.indexOf(' ');
        String name = space < 0 ? tag : tag.substring(0, space);
        String content = space < 0 ? "" : tag.substring(space + 1).strip();
        switch (name) {
            case "code":
                return code(content.replaceAll("\\s*\n\\s*", " "));
            case "literal":
                return content;
            case "link":
            case "linkplain": {
                int close = content.indexOf('(') >= 0 && content.indexOf('(') < labelSearchStart(content) ? content.indexOf(')') : -1;
                int labelAt = content.indexOf(' ', Math.max(0, close));
                if (labelAt > 0) return content.substring(labelAt + 1).strip();
                String target = content.contains("#") ? content.substring(content.indexOf('#') + 1) : content;
                target = target.replaceAll("\\(.*\\)", "");
                return code(target.substring(target.lastIndexOf('.') + 1));
            }
            case "value": {
                String constant = content.startsWith("#") ? content.substring(1) : content;
                String value = constants.apply(constant);
                return value != null ? value : code(constant);
            }
            default:
                return content;
        }
    }

    /** Where the first space could start a label: after the reference's parameter list when it has one. */
    private static int labelSearchStart(String content) {
        int space = content.indexOf(' ');
        return space < 0 ? content.length() : space;
    }

    /** A code span; HTML inside it is escaped so that {@link #html} leaves it alone. */
    private static String code(String content) {
        String fence = content.contains("`") ? "``" : "`";
        String padded = content.startsWith("`") || content.endsWith("`") ? " " + content + " " : content;
        return fence + padded.replace("<", "\u0001lt;").replace(">", "\u0001gt;") + fence;
    }

    private static String html(String text) {
        return text
                .replaceAll("(?i)\\s*<p>\\s*", "\n\n")
                .replaceAll("(?i)\\s*</?(ul|ol)>", "\n\n")
                .replaceAll("(?i)<li>\\s*", "\n- ")
                .replaceAll("(?i)</li>|</p>", "")
                .replaceAll("(?i)</?(em|i)>", "*")
                .replaceAll("(?i)</?(strong|b)>", "**")
                .replaceAll("<[^>]+>", "")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
                .replace("\u0001lt;", "<").replace("\u0001gt;", ">");
    }
}
