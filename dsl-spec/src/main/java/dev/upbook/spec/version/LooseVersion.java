package dev.upbook.spec.version;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A version in the {@link LooseScheme}: dotted numbers of any count, optionally followed by one
 * qualifier word with an optional number ({@code 3.60.00}, {@code 4.01.204}, {@code v1.6 RC1},
 * {@code 4.0.0-alpha.3}).
 *
 * <p>Trailing zero components do not count: {@code 1.6}, {@code 1.6.0} and {@code 1.06.00} are
 * equal. {@link #release()} holds the numbers without trailing zeros, so equal versions have equal
 * fields apart from {@link #text()}; equality, {@link #hashCode()} and {@link #compareTo} agree.
 *
 * @param text the input, trimmed
 * @param release the dotted numbers, trailing zeros removed ({@code 3.60.00} gives {@code [3, 60]})
 * @param qualifier the pre-release qualifier, or empty for a release
 */
public record LooseVersion(String text, List<Long> release, Optional<Qualifier> qualifier) implements Version {

    /** The longest text accepted, after trimming. */
    public static final int MAX_LENGTH = 256;

    static final String EXPECTED = "expected a version like 3.60.00 or 1.6 RC1";

    /** Separator between parts: one of {@code - . _} or a run of spaces/tabs; may also be absent. */
    private static final String SEP = "(?:[-._]|[ \\t]+)?";

    /** The shape of a loose version, unanchored so that ranges can scan for it. Groups: numbers, word, number. */
    static final String SOURCE = "[vV]?(\\d+(?:\\.\\d+)*)(?:" + SEP + "([A-Za-z]+)(?:" + SEP + "(\\d+))?)?";

    private static final Pattern VERSION = Pattern.compile(SOURCE);
    private static final Pattern X_RANGE = Pattern.compile("[vV]?\\d+(\\.\\d+)*\\.[xX*](\\.[xX*])*");

    public LooseVersion {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(qualifier, "qualifier");
        List<Long> numbers = new ArrayList<>(release);
        for (Long n : numbers) {
            if (n == null || n < 0) {
                throw new IllegalArgumentException("expected release numbers of 0 or more, got " + release);
            }
        }
        while (!numbers.isEmpty() && numbers.get(numbers.size() - 1) == 0) {
            numbers.remove(numbers.size() - 1);
        }
        release = List.copyOf(numbers);
    }

    /** Reads a loose version; the message of the exception says what was expected. */
    static LooseVersion parse(String input) throws VersionSyntaxException {
        if (input == null) {
            throw new VersionSyntaxException(EXPECTED + ", got no text (null)");
        }
        String text = input.strip();
        if (text.isEmpty()) {
            throw new VersionSyntaxException(EXPECTED + ", got an empty string");
        }
        if (text.length() > MAX_LENGTH) {
            throw new VersionSyntaxException(EXPECTED + ", got " + text.length() + " characters; a version is at most "
                    + MAX_LENGTH + " characters long");
        }
        Matcher m = VERSION.matcher(text);
        if (!m.matches()) {
            throw new VersionSyntaxException(EXPECTED + ", got '" + text + "'" + hintFor(text));
        }
        if (m.group(2) != null && m.group(2).equalsIgnoreCase("x")) {
            throw new VersionSyntaxException(EXPECTED + ", got '" + text + "'" + hintFor(text));
        }
        List<Long> release = new ArrayList<>();
        for (String digits : m.group(1).split("\\.")) {
            release.add(number(digits, text));
        }
        Optional<Qualifier> qualifier = m.group(2) == null
                ? Optional.empty()
                : Optional.of(Qualifier.of(m.group(2),
                        m.group(3) == null ? OptionalLong.empty() : OptionalLong.of(number(m.group(3), text))));
        return new LooseVersion(text, release, qualifier);
    }

    private static String hintFor(String text) {
        if (X_RANGE.matcher(text).matches()) {
            return " (the loose scheme has no x-ranges: write a range such as >=1.2 <1.3)";
        }
        if (text.contains("..") || text.startsWith(".") || text.endsWith(".")) {
            return " (each dot must stand between two numbers)";
        }
        if (text.startsWith("-") || text.contains(".-")) {
            return " (versions have no negative numbers)";
        }
        if (!Character.isDigit(text.charAt(0)) && !(text.length() > 1 && (text.charAt(0) == 'v' || text.charAt(0) == 'V')
                && Character.isDigit(text.charAt(1)))) {
            return " (a version starts with a number, optionally after v)";
        }
        return "";
    }

    private static long number(String digits, String text) throws VersionSyntaxException {
        BigInteger value = new BigInteger(digits);
        if (value.bitLength() >= Long.SIZE) {
            throw new VersionSyntaxException(EXPECTED + " with numbers of at most " + Long.MAX_VALUE + ", got "
                    + digits + " in '" + text + "'");
        }
        return value.longValue();
    }

    /**
     * The canonical form: at least three numbers ({@code 3.60.00} gives {@code 3.60.0}, {@code 1.6}
     * gives {@code 1.6.0}, {@code 1.6.0.1} stays), leading and trailing zeros not written beyond
     * that, then {@code -word} and {@code .number} for a qualifier, with the word in lower case and
     * aliases spelled out: {@code 1.6 RC1} gives {@code 1.6.0-rc.1}, {@code 2.0b} gives
     * {@code 2.0.0-beta}. Reading it back gives an equal version.
     */
    @Override
    public String normalized() {
        StringBuilder sb = new StringBuilder();
        int count = Math.max(3, release.size());
        for (int i = 0; i < count; i++) {
            if (i > 0) sb.append('.');
            sb.append(component(i));
        }
        qualifier.ifPresent(q -> {
            sb.append('-').append(q.word());
            q.number().ifPresent(n -> sb.append('.').append(n));
        });
        return sb.toString();
    }

    /** The dotted number at {@code index}, or 0 past the written ones (and for trailing zeros). */
    @Override
    public long component(int index) {
        if (index < 0) {
            throw new IndexOutOfBoundsException("expected a component index of 0 or more, got " + index);
        }
        return index < release.size() ? release.get(index) : 0;
    }

    @Override
    public boolean isPrerelease() {
        return qualifier.isPresent();
    }

    /**
     * Numbers first, component by component (missing ones count as 0); for equal numbers a
     * qualified version is a pre-release and sorts before the plain release; qualifiers compare as
     * described on {@link Qualifier}.
     *
     * @throws ClassCastException if {@code other} is a version of another scheme
     */
    @Override
    public int compareTo(Version other) {
        if (!(other instanceof LooseVersion o)) {
            throw new ClassCastException("cannot compare loose version " + text + " with "
                    + other.getClass().getSimpleName() + " " + other.text() + "; expected a loose version");
        }
        int count = Math.max(release.size(), o.release.size());
        for (int i = 0; i < count; i++) {
            int c = Long.compare(component(i), o.component(i));
            if (c != 0) return c;
        }
        if (qualifier.isEmpty() || o.qualifier.isEmpty()) {
            return Boolean.compare(qualifier.isEmpty(), o.qualifier.isEmpty());
        }
        return qualifier.get().compareTo(o.qualifier.get());
    }

    /** Equal by precedence: the text does not count. */
    @Override
    public boolean equals(Object obj) {
        return obj instanceof LooseVersion o && release.equals(o.release) && qualifier.equals(o.qualifier);
    }

    @Override
    public int hashCode() {
        return Objects.hash(release, qualifier);
    }

    @Override
    public String toString() {
        return text;
    }

    /**
     * A pre-release qualifier such as {@code RC1}, {@code beta 2} or {@code alpha.3}.
     *
     * <p>Order: first by rank, {@code dev} &lt; any unknown word &lt; {@code alpha} &lt;
     * {@code beta} &lt; {@code pre} &lt; {@code rc} (all before the release itself); unknown words
     * among themselves alphabetically; then by number, where no number sorts before any number
     * ({@code rc} &lt; {@code rc0} &lt; {@code rc.9} &lt; {@code rc.10}). Words are case-insensitive
     * and these aliases are the same word: {@code a} = {@code alpha}, {@code b} = {@code beta},
     * {@code preview} = {@code pre}, {@code cr} = {@code rc}.
     *
     * @param word the canonical word: lower case, aliases replaced
     * @param number the number after the word, compared numerically, if any
     */
    public record Qualifier(String word, OptionalLong number) implements Comparable<Qualifier> {

        private static final List<String> KNOWN = List.of("dev", "alpha", "beta", "pre", "rc");

        public Qualifier {
            Objects.requireNonNull(word, "word");
            Objects.requireNonNull(number, "number");
            if (word.isEmpty() || !word.chars().allMatch(c -> c >= 'a' && c <= 'z')) {
                throw new IllegalArgumentException("expected a lower-case qualifier word, got '" + word + "'");
            }
            if (number.isPresent() && number.getAsLong() < 0) {
                throw new IllegalArgumentException("expected a qualifier number of 0 or more, got "
                        + number.getAsLong());
            }
        }

        /** The qualifier for {@code word} as written, in any case and spelling. */
        static Qualifier of(String word, OptionalLong number) {
            String lower = word.toLowerCase(Locale.ROOT);
            String canonical = switch (lower) {
                case "a" -> "alpha";
                case "b" -> "beta";
                case "preview" -> "pre";
                case "cr" -> "rc";
                default -> lower;
            };
            return new Qualifier(canonical, number);
        }

        /** 0 for dev, 1 for unknown words, then 2 alpha, 3 beta, 4 pre, 5 rc. */
        int rank() {
            int known = KNOWN.indexOf(word);
            return known < 0 ? 1 : known == 0 ? 0 : known + 1;
        }

        @Override
        public int compareTo(Qualifier o) {
            int c = Integer.compare(rank(), o.rank());
            if (c == 0) c = word.compareTo(o.word);
            if (c == 0) c = Boolean.compare(number.isPresent(), o.number.isPresent());
            if (c == 0 && number.isPresent()) c = Long.compare(number.getAsLong(), o.number.getAsLong());
            return Integer.signum(c);
        }
    }
}
