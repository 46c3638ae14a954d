package dev.upbook.spec.version;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A port of node-semver 7.8.5's range reading ({@code classes/range.js}): the text is split on
 * {@code ||}, and each part is desugared step by step, by the same regular expressions and in the
 * same order, into primitive comparators. Hyphen ranges, X-ranges, partial versions, tildes and
 * carets all become {@code >=}/{@code <} pairs; the {@code -0} suffixes it adds keep pre-releases
 * out of (or, with includePrerelease, in) the bounds exactly as node does.
 *
 * <p>Unlike node there is no cache: the result depends only on the text and the options.
 */
final class SemverRangeParser {

    private final SemverOptions options;

    private SemverRangeParser(SemverOptions options) {
        this.options = options;
    }

    /** The comparator sets of {@code range}: a version is in the range when it passes every comparator of one set. */
    static List<List<SemverComparator>> parse(String range, SemverOptions options) throws VersionSyntaxException {
        return new SemverRangeParser(options).parseSets(range);
    }

    private List<List<SemverComparator>> parseSets(String range) throws VersionSyntaxException {
        String raw = JsText.collapseWhiteSpace(JsText.trim(range));
        List<List<SemverComparator>> sets = new ArrayList<>();
        for (String part : JsText.splitLiteral(raw, "||")) {
            List<SemverComparator> set = parseSet(JsText.trim(part));
            if (!set.isEmpty()) {
                sets.add(set);
            }
        }
        if (sets.isEmpty()) {
            throw new VersionSyntaxException("none of its parts is a valid comparator");
        }
        if (sets.size() > 1) {
            List<SemverComparator> first = sets.get(0);
            sets = sets.stream().filter(set -> !set.get(0).isNullSet()).toList();
            if (sets.isEmpty()) {
                sets = List.of(first);
            } else if (sets.size() > 1) {
                for (List<SemverComparator> set : sets) {
                    if (set.size() == 1 && set.get(0).isAny()) {
                        sets = List.of(set);
                        break;
                    }
                }
            }
        }
        return List.copyOf(sets);
    }

    private List<SemverComparator> parseSet(String range) throws VersionSyntaxException {
        range = SemverPatterns.BUILD_STRIP.matcher(range).replaceAll("");
        range = replaceFirst(options.loose() ? SemverPatterns.HYPHENRANGELOOSE : SemverPatterns.HYPHENRANGE,
                range, this::hyphenReplace);
        range = SemverPatterns.COMPARATORTRIM.matcher(range).replaceAll(SemverPatterns.COMPARATOR_TRIM_REPLACE);
        range = SemverPatterns.TILDETRIM.matcher(range).replaceAll(SemverPatterns.TILDE_TRIM_REPLACE);
        range = SemverPatterns.CARETTRIM.matcher(range).replaceAll(SemverPatterns.CARET_TRIM_REPLACE);

        List<String> desugared = new ArrayList<>();
        for (String comp : JsText.splitLiteral(range, " ")) {
            desugared.add(parseComparator(comp));
        }
        List<String> primitives = new ArrayList<>();
        for (String comp : JsText.splitOnWhiteSpace(String.join(" ", desugared))) {
            String primitive = replaceGte0(comp);
            if (!options.loose() || SemverPatterns.COMPARATORLOOSE.matcher(primitive).find()) {
                primitives.add(primitive);
            }
        }

        List<SemverComparator> comparators = new ArrayList<>();
        for (String primitive : primitives) {
            comparators.add(SemverComparator.parse(primitive, options));
        }
        Map<String, SemverComparator> byValue = new LinkedHashMap<>();
        for (SemverComparator comparator : comparators) {
            if (comparator.isNullSet()) {
                return List.of(comparator);
            }
            byValue.put(comparator.value(), comparator);
        }
        if (byValue.size() > 1) {
            byValue.remove("");
        }
        return List.copyOf(byValue.values());
    }

    /** Carets, tildes, X-ranges and stars of one space-free part, in node's order. */
    private String parseComparator(String comp) {
        comp = replaceFirst(SemverPatterns.BUILD_ANYWHERE, comp, m -> "");
        comp = mapWords(JsText.trim(comp), this::replaceCaret);
        comp = mapWords(JsText.trim(comp), this::replaceTilde);
        comp = mapWords(comp, this::replaceXRange);
        return replaceFirst(SemverPatterns.STAR, JsText.trim(comp), m -> "");
    }

    private static String mapWords(String comp, Function<String, String> replace) {
        List<String> out = new ArrayList<>();
        for (String word : JsText.splitOnWhiteSpace(comp)) {
            out.add(replace.apply(word));
        }
        return String.join(" ", out);
    }

    private String lowestPrerelease() {
        return options.includePrerelease() ? "-0" : "";
    }

    // ~, ~> --> * ; ~2, ~2.x --> >=2.0.0 <3.0.0-0 ; ~1.2 --> >=1.2.0 <1.3.0-0 ; ~1.2.3 --> >=1.2.3 <1.3.0-0
    private String replaceTilde(String comp) {
        String z = lowestPrerelease();
        return replaceFirst(options.loose() ? SemverPatterns.TILDELOOSE : SemverPatterns.TILDE, comp, g -> {
            String major = g.group(1);
            String minor = g.group(2);
            String patch = g.group(3);
            String pre = g.group(4);
            if (isX(major)) {
                return "";
            } else if (isX(minor)) {
                return ">=" + major + ".0.0" + z + " <" + JsText.plusOne(major) + ".0.0-0";
            } else if (isX(patch)) {
                return ">=" + major + "." + minor + ".0" + z + " <" + major + "." + JsText.plusOne(minor) + ".0-0";
            } else if (isSet(pre)) {
                return ">=" + major + "." + minor + "." + patch + "-" + pre
                        + " <" + major + "." + JsText.plusOne(minor) + ".0-0";
            }
            return ">=" + major + "." + minor + "." + patch + " <" + major + "." + JsText.plusOne(minor) + ".0-0";
        });
    }

    // ^ --> * ; ^2, ^2.x --> >=2.0.0 <3.0.0-0 ; ^1.2 --> >=1.2.0 <2.0.0-0 ; ^0.1.0 --> >=0.1.0 <0.2.0-0 ;
    // ^0.0.1 --> >=0.0.1 <0.0.2-0
    private String replaceCaret(String comp) {
        String z = lowestPrerelease();
        return replaceFirst(options.loose() ? SemverPatterns.CARETLOOSE : SemverPatterns.CARET, comp, g -> {
            String major = g.group(1);
            String minor = g.group(2);
            String patch = g.group(3);
            String pre = g.group(4);
            if (isX(major)) {
                return "";
            } else if (isX(minor)) {
                return ">=" + major + ".0.0" + z + " <" + JsText.plusOne(major) + ".0.0-0";
            } else if (isX(patch)) {
                String upper = major.equals("0")
                        ? major + "." + JsText.plusOne(minor) + ".0-0"
                        : JsText.plusOne(major) + ".0.0-0";
                return ">=" + major + "." + minor + ".0" + z + " <" + upper;
            }
            String lower = ">=" + major + "." + minor + "." + patch + (isSet(pre) ? "-" + pre : "");
            String upper;
            if (!major.equals("0")) {
                upper = JsText.plusOne(major) + ".0.0-0";
            } else if (!minor.equals("0")) {
                upper = major + "." + JsText.plusOne(minor) + ".0-0";
            } else {
                upper = major + "." + minor + "." + JsText.plusOne(patch) + "-0";
            }
            return lower + " <" + upper;
        });
    }

    private String replaceXRange(String comp) {
        String trimmed = JsText.trim(comp);
        return replaceFirst(options.loose() ? SemverPatterns.XRANGELOOSE : SemverPatterns.XRANGE, trimmed, g -> {
            String operator = g.group(1);
            String major = g.group(2);
            String minor = g.group(3);
            String patch = g.group(4);
            if (invalidXRangeOrder(major, minor, patch)) {
                return trimmed;
            }
            boolean xMajor = isX(major);
            boolean xMinor = xMajor || isX(minor);
            boolean xPatch = xMinor || isX(patch);
            if (operator.equals("=") && xPatch) {
                operator = "";
            }
            String pre = lowestPrerelease();
            if (xMajor) {
                // > or < any version: nothing is allowed; otherwise nothing is forbidden
                return operator.equals(">") || operator.equals("<") ? "<0.0.0-0" : "*";
            } else if (!operator.isEmpty() && xPatch) {
                if (xMinor) {
                    minor = "0";
                }
                patch = "0";
                if (operator.equals(">")) {
                    // >1 => >=2.0.0, >1.2 => >=1.3.0
                    operator = ">=";
                    if (xMinor) {
                        major = JsText.plusOne(major);
                    } else {
                        minor = JsText.plusOne(minor);
                    }
                } else if (operator.equals("<=")) {
                    // <=0.7.x is <0.8.0-0, <=7.x is <8.0.0-0
                    operator = "<";
                    if (xMinor) {
                        major = JsText.plusOne(major);
                    } else {
                        minor = JsText.plusOne(minor);
                    }
                }
                if (operator.equals("<")) {
                    pre = "-0";
                }
                return operator + major + "." + minor + "." + patch + pre;
            } else if (xMinor) {
                return ">=" + major + ".0.0" + pre + " <" + JsText.plusOne(major) + ".0.0-0";
            } else if (xPatch) {
                return ">=" + major + "." + minor + ".0" + pre + " <" + major + "." + JsText.plusOne(minor) + ".0-0";
            }
            return g.group();
        });
    }

    // 1.2 - 3.4.5 => >=1.2.0 <=3.4.5 ; 1.2.3 - 3.4 => >=1.2.3 <3.5.0-0 ; 1.2 - 3.4 => >=1.2.0 <3.5.0-0
    private String hyphenReplace(Matcher g) {
        boolean incPr = options.includePrerelease();
        String from = g.group(1);
        String fromMajor = g.group(2);
        String fromMinor = g.group(3);
        String fromPatch = g.group(4);
        String fromPre = g.group(5);
        String to = g.group(7);
        String toMajor = g.group(8);
        String toMinor = g.group(9);
        String toPatch = g.group(10);
        String toPre = g.group(11);

        if (isX(fromMajor)) {
            from = "";
        } else if (isX(fromMinor)) {
            from = ">=" + fromMajor + ".0.0" + (incPr ? "-0" : "");
        } else if (isX(fromPatch)) {
            from = ">=" + fromMajor + "." + fromMinor + ".0" + (incPr ? "-0" : "");
        } else if (isSet(fromPre)) {
            from = ">=" + from;
        } else {
            from = ">=" + from + (incPr ? "-0" : "");
        }

        if (isX(toMajor)) {
            to = "";
        } else if (isX(toMinor)) {
            to = "<" + JsText.plusOne(toMajor) + ".0.0-0";
        } else if (isX(toPatch)) {
            to = "<" + toMajor + "." + JsText.plusOne(toMinor) + ".0-0";
        } else if (isSet(toPre)) {
            to = "<=" + toMajor + "." + toMinor + "." + toPatch + "-" + toPre;
        } else if (incPr) {
            to = "<" + toMajor + "." + toMinor + "." + JsText.plusOne(toPatch) + "-0";
        } else {
            to = "<=" + to;
        }
        return JsText.trim(from + " " + to);
    }

    private String replaceGte0(String comp) {
        Pattern gte0 = options.includePrerelease() ? SemverPatterns.GTE0PRE : SemverPatterns.GTE0;
        return replaceFirst(gte0, JsText.trim(comp), m -> "");
    }

    /** JavaScript's {@code s.replace(nonGlobalRegex, fn)}: only the first match, replaced by literal text. */
    private static String replaceFirst(Pattern pattern, String s, Function<Matcher, String> replacement) {
        Matcher m = pattern.matcher(s);
        if (!m.find()) {
            return s;
        }
        return s.substring(0, m.start()) + replacement.apply(m) + s.substring(m.end());
    }

    /** JavaScript truthiness of a captured group: absent and empty are both false. */
    private static boolean isSet(String group) {
        return group != null && !group.isEmpty();
    }

    private static boolean isX(String id) {
        return !isSet(id) || id.equals("x") || id.equals("X") || id.equals("*");
    }

    private static boolean invalidXRangeOrder(String major, String minor, String patch) {
        return (isX(major) && !isX(minor)) || (isX(minor) && isSet(patch) && !isX(patch));
    }
}
