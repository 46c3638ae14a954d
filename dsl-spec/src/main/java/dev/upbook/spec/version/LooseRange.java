package dev.upbook.spec.version;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A range in the {@link LooseScheme}: alternatives separated by {@code ||}, each either
 * {@code *} (every version), a hyphen range {@code A - B} (inclusive at both ends), or
 * space-separated comparators that must all hold ({@code >=3.60.00 <4}); a comparator is one of
 * {@code < <= > >= =} and a version, and a bare version means {@code =}.
 *
 * <p>Versions are matched by plain precedence, pre-releases included: {@code >=1.6 RC1} contains
 * {@code 1.6 RC2}, and {@code <1.7} contains {@code 1.7 RC1} (it sorts before 1.7). Partial
 * versions are not widened: in {@code 1.6 - 1.7} the upper end is {@code 1.7.0}, so 1.7.1 is out.
 *
 * @param text the range as written, trimmed
 * @param sets the alternatives; an empty set is {@code *} and contains every version
 */
public record LooseRange(String text, List<List<LooseComparator>> sets) implements VersionRange {

    static final String EXPECTED = "expected a range like >=3.60.00 <4, 1.6 RC1 - 1.6 RC5, 1.6 || 1.7 or *";

    private static final Pattern HYPHEN =
            Pattern.compile("(" + LooseVersion.SOURCE + ")[ \\t]+-[ \\t]+(" + LooseVersion.SOURCE + ")");
    private static final Pattern COMPARATOR =
            Pattern.compile("(<=|>=|<|>|=)?[ \\t]*(" + LooseVersion.SOURCE + ")(?=[ \\t]|\\z)");
    private static final Pattern STAR = Pattern.compile("\\*(?=[ \\t]|\\z)");
    private static final Pattern BLANKS = Pattern.compile("[ \\t]+");

    public LooseRange {
        Objects.requireNonNull(text, "text");
        sets = sets.stream().map(List::copyOf).toList();
        if (sets.isEmpty()) {
            throw new IllegalArgumentException("expected at least one alternative in range '" + text + "'");
        }
    }

    /** Reads a loose range; the message of the exception says what was expected. */
    static LooseRange parse(String input) throws VersionSyntaxException {
        if (input == null) {
            throw new VersionSyntaxException(EXPECTED + ", got no text (null)");
        }
        String text = input.strip();
        if (text.isEmpty()) {
            throw new VersionSyntaxException(EXPECTED + ", got an empty string");
        }
        List<List<LooseComparator>> sets = new ArrayList<>();
        for (String alternative : JsText.splitLiteral(text, "||")) {
            try {
                sets.add(parseSet(alternative.strip()));
            } catch (VersionSyntaxException e) {
                throw new VersionSyntaxException(EXPECTED + ", got '" + text + "': " + e.getMessage());
            }
        }
        return new LooseRange(text, sets);
    }

    private static List<LooseComparator> parseSet(String set) throws VersionSyntaxException {
        if (set.isEmpty()) {
            throw new VersionSyntaxException("there is an empty alternative next to ||");
        }
        Matcher hyphen = HYPHEN.matcher(set);
        if (hyphen.matches()) {
            return List.of(
                    new LooseComparator(LooseComparator.Operator.GE, LooseVersion.parse(hyphen.group(1))),
                    new LooseComparator(LooseComparator.Operator.LE, LooseVersion.parse(hyphen.group(5))));
        }
        List<LooseComparator> comparators = new ArrayList<>();
        Matcher comparator = COMPARATOR.matcher(set);
        Matcher star = STAR.matcher(set);
        Matcher blanks = BLANKS.matcher(set);
        int at = 0;
        while (at < set.length()) {
            if (blanks.region(at, set.length()).lookingAt()) {
                at = blanks.end();
            } else if (star.region(at, set.length()).lookingAt()) {
                at = star.end();
            } else if (comparator.region(at, set.length()).lookingAt()) {
                comparators.add(new LooseComparator(LooseComparator.Operator.of(comparator.group(1)),
                        LooseVersion.parse(comparator.group(2))));
                at = comparator.end();
            } else {
                String rest = set.substring(at);
                throw new VersionSyntaxException("'" + rest + "' does not start with a comparator such as >=3.60.00"
                        + hintFor(rest));
            }
        }
        return List.copyOf(comparators);
    }

    private static String hintFor(String rest) {
        if (rest.startsWith("~") || rest.startsWith("^")) {
            return " (the loose scheme has no ~ or ^ ranges: write >= and < bounds)";
        }
        if (rest.startsWith("-")) {
            return " (a hyphen range needs spaces on both sides of the hyphen and plain versions at both ends)";
        }
        try {
            LooseVersion.parse(rest.split("[ \\t]+", 2)[0].replaceFirst("^(<=|>=|<|>|=)", ""));
            return "";
        } catch (VersionSyntaxException e) {
            return " (" + e.getMessage() + ")";
        }
    }

    /**
     * Whether {@code version} is in the range, by plain precedence (pre-releases included). A
     * version of another scheme is read again from its {@link Version#text()} and is not in the
     * range if it is not a valid loose version.
     */
    @Override
    public boolean contains(Version version) {
        if (version instanceof LooseVersion loose) {
            return sets.stream().anyMatch(set -> set.stream().allMatch(c -> c.test(loose)));
        }
        if (version == null) {
            return false;
        }
        try {
            return contains(LooseVersion.parse(version.text()));
        } catch (VersionSyntaxException e) {
            return false;
        }
    }

    /** The canonical form: normalized comparators, {@code *} for an empty set, e.g. {@code >=3.60.0 <4.0.0 || *}. */
    public String normalized() {
        return sets.stream()
                .map(set -> set.isEmpty() ? "*"
                        : set.stream().map(LooseComparator::normalized).collect(Collectors.joining(" ")))
                .collect(Collectors.joining(" || "));
    }

    @Override
    public String toString() {
        return text;
    }
}
