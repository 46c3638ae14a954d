package dev.upbook.spec.version;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The few JavaScript string semantics that the node-semver port depends on, so that it reads
 * input exactly as node does: what counts as white space, {@code String.prototype.trim},
 * {@code split} with a literal separator, and {@code +digits + 1} as printed by a template
 * literal.
 */
final class JsText {

    /**
     * The members of JavaScript's {@code \s} (ECMAScript WhiteSpace and LineTerminator), written
     * for use inside a Java character class. Java's own {@code \s} lacks the Unicode spaces, and
     * {@link String#strip()} differs in other ways.
     */
    static final String WHITE_SPACE_CLASS_BODY =
            "\\t\\n\\x0B\\f\\r\\x20\\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}"
                    + "\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}";

    private static final Pattern WHITE_SPACE_RUN = Pattern.compile("[" + WHITE_SPACE_CLASS_BODY + "]+");

    /** JavaScript prints integers from 1e21 upwards in exponent notation. */
    private static final BigInteger EXPONENT_FORM_FROM = BigInteger.TEN.pow(21);

    private JsText() {
    }

    static boolean isWhiteSpace(char c) {
        return switch (c) {
            case '\t', '\n', '\u000B', '\f', '\r', ' ', '\u00A0', '\u1680', '\u2028', '\u2029', '\u202F',
                    '\u205F', '\u3000', '\uFEFF' -> true;
            default -> c >= '\u2000' && c <= '\u200A';
        };
    }

    /** {@code String.prototype.trim()}. */
    static String trim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isWhiteSpace(s.charAt(start))) start++;
        while (end > start && isWhiteSpace(s.charAt(end - 1))) end--;
        return s.substring(start, end);
    }

    /** {@code s.replace(/\s+/g, ' ')}. */
    static String collapseWhiteSpace(String s) {
        return WHITE_SPACE_RUN.matcher(s).replaceAll(" ");
    }

    /** {@code s.split(/\s+/)}: keeps leading and trailing empty parts, as JavaScript does. */
    static List<String> splitOnWhiteSpace(String s) {
        return List.of(WHITE_SPACE_RUN.split(s, -1));
    }

    /** {@code s.split(separator)} with a literal separator, keeping every empty part. */
    static List<String> splitLiteral(String s, String separator) {
        List<String> parts = new ArrayList<>();
        int from = 0;
        int at;
        while ((at = s.indexOf(separator, from)) >= 0) {
            parts.add(s.substring(from, at));
            from = at + separator.length();
        }
        parts.add(s.substring(from));
        return parts;
    }

    /**
     * {@code `${+digits + 1}`}: the decimal digits of a number plus one, as node prints them. Below
     * 1e21 that is the plain integer (exact here; node may round values above 2^53, but those are
     * rejected as versions either way); from 1e21 on node writes exponent form such as
     * {@code 1e+21}, which no version pattern accepts, and so does this method.
     */
    static String plusOne(String digits) {
        BigInteger next = new BigInteger(digits).add(BigInteger.ONE);
        if (next.compareTo(EXPONENT_FORM_FROM) < 0) {
            return next.toString();
        }
        String plain = next.toString();
        String mantissa = stripTrailingZeros(plain.substring(0, Math.min(17, plain.length())));
        String fraction = mantissa.length() > 1 ? "." + mantissa.substring(1) : "";
        return mantissa.charAt(0) + fraction + "e+" + (plain.length() - 1);
    }

    private static String stripTrailingZeros(String digits) {
        int end = digits.length();
        while (end > 1 && digits.charAt(end - 1) == '0') end--;
        return digits.substring(0, end);
    }
}
