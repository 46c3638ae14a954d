package dev.upbook.report.run;

/**
 * Escaping for XML 1.0 and HTML text and double-quoted attribute values. Characters XML 1.0
 * cannot carry (most C0 controls, lone surrogates, U+FFFE/U+FFFF) become U+FFFD, so any journal
 * text yields a well-formed document.
 */
final class XmlText {
    private XmlText() {}

    static String text(String s) {
        return escape(s, false);
    }

    static String attribute(String s) {
        return escape(s, true);
    }

    private static String escape(String s, boolean attribute) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        s.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append(attribute ? "&quot;" : "\"");
                case '\'' -> sb.append(attribute ? "&#39;" : "'");
                case '\r' -> sb.append("&#13;");
                case '\n' -> sb.append(attribute ? "&#10;" : "\n");
                case '\t' -> sb.append(attribute ? "&#9;" : "\t");
                default -> sb.appendCodePoint(allowed(c) ? c : 0xFFFD);
            }
        });
        return sb.toString();
    }

    private static boolean allowed(int c) {
        return c >= 0x20 && c <= 0xD7FF || c >= 0xE000 && c <= 0xFFFD || c >= 0x10000 && c <= 0x10FFFF;
    }
}
