package dev.upbook.spec.version;

import java.util.regex.Pattern;

/**
 * The regular expressions of node-semver 7.8.5 ({@code internal/re.js}), built from the same
 * source fragments and hardened the same way ({@code makeSafeRegex}: bounded {@code \s}, {@code \d}
 * and identifier repetitions), then translated to Java syntax: JavaScript's {@code \s} becomes an
 * explicit class of the same characters and {@code $} becomes {@code \z} (Java's {@code $} would
 * also match before a final line terminator). Only the patterns the port uses are built.
 */
final class SemverPatterns {

    private static final int MAX_LENGTH = SemverScheme.MAX_LENGTH;
    private static final int MAX_SAFE_BUILD_LENGTH = MAX_LENGTH - 6;

    private static final String LETTERDASHNUMBER = "[a-zA-Z0-9-]";

    private static final String NUMERICIDENTIFIER = "0|[1-9]\\d*";
    private static final String NUMERICIDENTIFIERLOOSE = "\\d+";
    private static final String NONNUMERICIDENTIFIER = "\\d*[a-zA-Z-]" + LETTERDASHNUMBER + "*";

    private static final String MAINVERSION = "(" + NUMERICIDENTIFIER + ")\\."
            + "(" + NUMERICIDENTIFIER + ")\\."
            + "(" + NUMERICIDENTIFIER + ")";
    private static final String MAINVERSIONLOOSE = "(" + NUMERICIDENTIFIERLOOSE + ")\\."
            + "(" + NUMERICIDENTIFIERLOOSE + ")\\."
            + "(" + NUMERICIDENTIFIERLOOSE + ")";

    private static final String PRERELEASEIDENTIFIER =
            "(?:" + NONNUMERICIDENTIFIER + "|" + NUMERICIDENTIFIER + ")";
    private static final String PRERELEASEIDENTIFIERLOOSE =
            "(?:" + NONNUMERICIDENTIFIER + "|" + NUMERICIDENTIFIERLOOSE + ")";

    private static final String PRERELEASE =
            "(?:-(" + PRERELEASEIDENTIFIER + "(?:\\." + PRERELEASEIDENTIFIER + ")*))";
    private static final String PRERELEASELOOSE =
            "(?:-?(" + PRERELEASEIDENTIFIERLOOSE + "(?:\\." + PRERELEASEIDENTIFIERLOOSE + ")*))";

    private static final String BUILDIDENTIFIER = LETTERDASHNUMBER + "+";
    private static final String BUILD = "(?:\\+(" + BUILDIDENTIFIER + "(?:\\." + BUILDIDENTIFIER + ")*))";

    private static final String FULLPLAIN = "v?" + MAINVERSION + PRERELEASE + "?" + BUILD + "?";
    private static final String LOOSEPLAIN = "[v=\\s]*" + MAINVERSIONLOOSE + PRERELEASELOOSE + "?" + BUILD + "?";

    private static final String GTLT = "((?:<|>)?=?)";

    private static final String XRANGEIDENTIFIERLOOSE = NUMERICIDENTIFIERLOOSE + "|x|X|\\*";
    private static final String XRANGEIDENTIFIER = NUMERICIDENTIFIER + "|x|X|\\*";

    private static final String XRANGEPLAIN = "[v=\\s]*(" + XRANGEIDENTIFIER + ")"
            + "(?:\\.(" + XRANGEIDENTIFIER + ")"
            + "(?:\\.(" + XRANGEIDENTIFIER + ")"
            + "(?:" + PRERELEASE + ")?" + BUILD + "?"
            + ")?)?";
    private static final String XRANGEPLAINLOOSE = "[v=\\s]*(" + XRANGEIDENTIFIERLOOSE + ")"
            + "(?:\\.(" + XRANGEIDENTIFIERLOOSE + ")"
            + "(?:\\.(" + XRANGEIDENTIFIERLOOSE + ")"
            + "(?:" + PRERELEASELOOSE + ")?" + BUILD + "?"
            + ")?)?";

    private static final String LONETILDE = "(?:~>?)";
    private static final String LONECARET = "(?:\\^)";

    /** {@code ^v?1.2.3(-pre)?(+build)?$}: groups major, minor, patch, prerelease, build. */
    static final Pattern FULL = safe("^" + FULLPLAIN + "$");
    /** Like {@link #FULL} but with {@code v}, {@code =} and white space before, and an optional hyphen. */
    static final Pattern LOOSE = safe("^" + LOOSEPLAIN + "$");

    /** Groups: operator, major, minor, patch, prerelease. */
    static final Pattern XRANGE = safe("^" + GTLT + "\\s*" + XRANGEPLAIN + "$");
    static final Pattern XRANGELOOSE = safe("^" + GTLT + "\\s*" + XRANGEPLAINLOOSE + "$");

    static final Pattern TILDETRIM = safe("(\\s*)" + LONETILDE + "\\s+");
    static final String TILDE_TRIM_REPLACE = "$1~";
    /** Groups: major, minor, patch, prerelease. */
    static final Pattern TILDE = safe("^" + LONETILDE + XRANGEPLAIN + "$");
    static final Pattern TILDELOOSE = safe("^" + LONETILDE + XRANGEPLAINLOOSE + "$");

    static final Pattern CARETTRIM = safe("(\\s*)" + LONECARET + "\\s+");
    static final String CARET_TRIM_REPLACE = "$1^";
    /** Groups: major, minor, patch, prerelease. */
    static final Pattern CARET = safe("^" + LONECARET + XRANGEPLAIN + "$");
    static final Pattern CARETLOOSE = safe("^" + LONECARET + XRANGEPLAINLOOSE + "$");

    /** Groups: operator, version; or the empty string (any version). */
    static final Pattern COMPARATOR = safe("^" + GTLT + "\\s*(" + FULLPLAIN + ")$|^$");
    static final Pattern COMPARATORLOOSE = safe("^" + GTLT + "\\s*(" + LOOSEPLAIN + ")$|^$");

    static final Pattern COMPARATORTRIM =
            safe("(\\s*)" + GTLT + "\\s*(" + LOOSEPLAIN + "|" + XRANGEPLAIN + ")");
    static final String COMPARATOR_TRIM_REPLACE = "$1$2$3";

    /**
     * Groups 1-6: from, its major, minor, patch, prerelease, build; 7-12: the same for to.
     */
    static final Pattern HYPHENRANGE =
            safe("^\\s*(" + XRANGEPLAIN + ")\\s+-\\s+(" + XRANGEPLAIN + ")\\s*$");
    static final Pattern HYPHENRANGELOOSE =
            safe("^\\s*(" + XRANGEPLAINLOOSE + ")\\s+-\\s+(" + XRANGEPLAINLOOSE + ")\\s*$");

    static final Pattern BUILD_ANYWHERE = safe(BUILD);
    /** The unbounded build stripper that {@code Range.parseRange} applies to the whole set first. */
    static final Pattern BUILD_STRIP = Pattern.compile(toJava(BUILD));

    static final Pattern STAR = safe("(<|>)?=?\\s*\\*");
    static final Pattern GTE0 = safe("^\\s*>=\\s*0\\.0\\.0\\s*$");
    static final Pattern GTE0PRE = safe("^\\s*>=\\s*0\\.0\\.0-0\\s*$");

    static final Pattern ALL_DIGITS = Pattern.compile("[0-9]+");

    private SemverPatterns() {
    }

    private static Pattern safe(String jsSource) {
        return Pattern.compile(toJava(makeSafe(jsSource)));
    }

    /** node-semver's {@code makeSafeRegex}: bound the repetitions of white space, digits and identifiers. */
    private static String makeSafe(String value) {
        String[][] replacements = {
            {"\\s", "1"},
            {"\\d", String.valueOf(MAX_LENGTH)},
            {LETTERDASHNUMBER, String.valueOf(MAX_SAFE_BUILD_LENGTH)},
        };
        for (String[] r : replacements) {
            value = value.replace(r[0] + "*", r[0] + "{0," + r[1] + "}")
                    .replace(r[0] + "+", r[0] + "{1," + r[1] + "}");
        }
        return value;
    }

    /** Rewrites JavaScript regex syntax used by node-semver into Java syntax with the same meaning. */
    private static String toJava(String js) {
        StringBuilder out = new StringBuilder(js.length() + 64);
        boolean inClass = false;
        for (int i = 0; i < js.length(); i++) {
            char c = js.charAt(i);
            if (c == '\\' && i + 1 < js.length()) {
                char next = js.charAt(++i);
                if (next == 's') {
                    out.append(inClass ? JsText.WHITE_SPACE_CLASS_BODY : "[" + JsText.WHITE_SPACE_CLASS_BODY + "]");
                } else {
                    out.append(c).append(next);
                }
            } else if (c == '[' && !inClass) {
                inClass = true;
                out.append(c);
            } else if (c == ']' && inClass) {
                inClass = false;
                out.append(c);
            } else if (c == '$' && !inClass) {
                out.append("\\z");
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
