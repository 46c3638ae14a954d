package dev.upbook.spec.version;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SemVer 2.0.0 version, read as node-semver 7.8.5 reads it (see {@link SemverScheme}).
 *
 * <p>Equality, {@link #hashCode()} and {@link #compareTo} use SemVer precedence only: {@link #text()}
 * and {@link #build()} take no part, so {@code 1.2.3+a} equals {@code v1.2.3+b}. Numeric pre-release
 * identifiers are stored without leading zeros (loose reading accepts {@code 1.2.3-01}, which is
 * {@code 1.2.3-1}), so two equal versions always have equal fields apart from text and build.
 *
 * @param text the input, trimmed of white space as JavaScript's {@code trim()} does
 * @param major at most {@link SemverScheme#MAX_SAFE_INTEGER}
 * @param minor at most {@link SemverScheme#MAX_SAFE_INTEGER}
 * @param patch at most {@link SemverScheme#MAX_SAFE_INTEGER}
 * @param prerelease the dot-separated pre-release identifiers, empty for a release
 * @param build the dot-separated build metadata identifiers, which do not affect precedence
 */
public record SemverVersion(String text, long major, long minor, long patch, List<String> prerelease,
        List<String> build) implements Version {

    private static final Pattern PARTIAL = Pattern.compile("v?\\d+(\\.\\d+)?");
    private static final Pattern IDENTIFIER = Pattern.compile("[0-9A-Za-z-]+");

    public SemverVersion {
        Objects.requireNonNull(text, "text");
        checkComponent("major", major);
        checkComponent("minor", minor);
        checkComponent("patch", patch);
        prerelease = prerelease.stream().map(SemverVersion::canonicalIdentifier).toList();
        build = List.copyOf(build);
        build.forEach(id -> checkIdentifier("build", id));
    }

    /**
     * Reads {@code raw} as node-semver's {@code new SemVer(raw, options)} does: the length limit
     * applies to the untrimmed input, then the trimmed text must match the strict or loose form.
     */
    static SemverVersion parse(String raw, SemverOptions options) throws VersionSyntaxException {
        String expected = options.loose()
                ? "expected a SemVer version like 1.2.3, v1.2.3, = 1.2.3 or 1.2.3beta"
                : "expected a SemVer version like 1.2.3 or 1.2.3-rc.1";
        if (raw == null) {
            throw new VersionSyntaxException(expected + ", got no text (null)");
        }
        if (raw.length() > SemverScheme.MAX_LENGTH) {
            throw new VersionSyntaxException(expected + ", got " + raw.length()
                    + " characters; a version is at most " + SemverScheme.MAX_LENGTH + " characters long");
        }
        String text = JsText.trim(raw);
        Matcher m = (options.loose() ? SemverPatterns.LOOSE : SemverPatterns.FULL).matcher(text);
        if (!m.find()) {
            throw new VersionSyntaxException(expected + ", got '" + raw + "'" + hintFor(text, options));
        }
        long major = number("major", m.group(1), raw);
        long minor = number("minor", m.group(2), raw);
        long patch = number("patch", m.group(3), raw);
        List<String> prerelease = m.group(4) == null ? List.of() : JsText.splitLiteral(m.group(4), ".");
        List<String> build = m.group(5) == null ? List.of() : JsText.splitLiteral(m.group(5), ".");
        return new SemverVersion(text, major, minor, patch, prerelease, build);
    }

    private static String hintFor(String text, SemverOptions options) {
        if (PARTIAL.matcher(text).matches()) {
            return " (a version needs all of major.minor.patch; partial versions such as 1.2 are for ranges)";
        }
        if (!options.loose() && SemverPatterns.LOOSE.matcher(text).find()) {
            return " (that is only accepted by loose reading)";
        }
        return "";
    }

    private static long number(String name, String digits, String raw) throws VersionSyntaxException {
        BigInteger value = new BigInteger(digits);
        if (value.compareTo(BigInteger.valueOf(SemverScheme.MAX_SAFE_INTEGER)) > 0) {
            throw new VersionSyntaxException("expected a " + name + " version of at most "
                    + SemverScheme.MAX_SAFE_INTEGER + " in '" + raw + "', got " + digits);
        }
        return value.longValueExact();
    }

    private static void checkComponent(String name, long value) {
        if (value < 0 || value > SemverScheme.MAX_SAFE_INTEGER) {
            throw new IllegalArgumentException("expected a " + name + " version from 0 to "
                    + SemverScheme.MAX_SAFE_INTEGER + ", got " + value);
        }
    }

    private static void checkIdentifier(String kind, String id) {
        if (!IDENTIFIER.matcher(id).matches()) {
            throw new IllegalArgumentException("expected a " + kind
                    + " identifier of one or more ASCII letters, digits and hyphens, got '" + id + "'");
        }
    }

    private static String canonicalIdentifier(String id) {
        checkIdentifier("pre-release", id);
        if (!isNumeric(id)) {
            return id;
        }
        int start = 0;
        while (start < id.length() - 1 && id.charAt(start) == '0') start++;
        return id.substring(start);
    }

    private static boolean isNumeric(String id) {
        return SemverPatterns.ALL_DIGITS.matcher(id).matches();
    }

    /** {@code major.minor.patch} followed by {@code -prerelease} if any; build metadata is left out. */
    @Override
    public String normalized() {
        String release = major + "." + minor + "." + patch;
        return prerelease.isEmpty() ? release : release + "-" + String.join(".", prerelease);
    }

    /** 0 = major, 1 = minor, 2 = patch; 0 for any higher index. */
    @Override
    public long component(int index) {
        if (index < 0) {
            throw new IndexOutOfBoundsException("expected a component index of 0 or more, got " + index);
        }
        return switch (index) {
            case 0 -> major;
            case 1 -> minor;
            case 2 -> patch;
            default -> 0;
        };
    }

    @Override
    public boolean isPrerelease() {
        return !prerelease.isEmpty();
    }

    /** Whether major, minor and patch are those of {@code other}, whatever the pre-release. */
    boolean sameRelease(SemverVersion other) {
        return major == other.major && minor == other.minor && patch == other.patch;
    }

    /**
     * SemVer 2.0.0 precedence: major, minor, patch numerically; a release above its pre-releases;
     * pre-release identifiers one by one (numeric ones numerically and below alphanumeric ones,
     * alphanumeric ones by ASCII order), a longer list above its prefix.
     *
     * @throws ClassCastException if {@code other} is a version of another scheme
     */
    @Override
    public int compareTo(Version other) {
        if (!(other instanceof SemverVersion o)) {
            throw new ClassCastException("cannot compare semver version " + text + " with "
                    + other.getClass().getSimpleName() + " " + other.text() + "; expected a semver version");
        }
        int c = Long.compare(major, o.major);
        if (c == 0) c = Long.compare(minor, o.minor);
        if (c == 0) c = Long.compare(patch, o.patch);
        return c != 0 ? c : comparePrerelease(prerelease, o.prerelease);
    }

    private static int comparePrerelease(List<String> a, List<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return Boolean.compare(a.isEmpty(), b.isEmpty());
        }
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = compareIdentifiers(a.get(i), b.get(i));
            if (c != 0) return c;
        }
        return Integer.compare(a.size(), b.size());
    }

    /** node's {@code compareIdentifiers}, with numeric identifiers compared exactly at any size. */
    private static int compareIdentifiers(String a, String b) {
        boolean aNumeric = isNumeric(a);
        boolean bNumeric = isNumeric(b);
        if (aNumeric && bNumeric) {
            int c = Integer.compare(a.length(), b.length());
            return c != 0 ? c : a.compareTo(b);
        }
        if (aNumeric != bNumeric) {
            return aNumeric ? -1 : 1;
        }
        return Integer.signum(a.compareTo(b));
    }

    /** Equal by precedence: text and build metadata are ignored. */
    @Override
    public boolean equals(Object obj) {
        return obj instanceof SemverVersion o && major == o.major && minor == o.minor && patch == o.patch
                && prerelease.equals(o.prerelease);
    }

    @Override
    public int hashCode() {
        return Objects.hash(major, minor, patch, prerelease);
    }

    /** The {@link #normalized()} form, as node-semver's {@code toString()}. */
    @Override
    public String toString() {
        return normalized();
    }
}
