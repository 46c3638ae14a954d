package dev.upbook.spec.version;

import java.util.Optional;

/**
 * The {@code semver} scheme: SemVer 2.0.0 versions and precedence, and the range syntax of npm's
 * node-semver: comparators ({@code < <= > >= =}), space-separated AND, {@code ||} OR, hyphen ranges
 * ({@code 1.2.3 - 2.3.4}), X-ranges ({@code 1.x}, {@code 1.2.*}, {@code *}), tilde ({@code ~1.2.3}),
 * caret ({@code ^1.2.3}) and partial versions ({@code 1.2}).
 *
 * <p>This is a port of node-semver 7.8.5 ({@code classes/semver.js}, {@code classes/range.js},
 * {@code classes/comparator.js}, {@code internal/re.js}): the same regular expressions, built and
 * bounded the same way, and the same desugaring steps in the same order, so that it reads and
 * matches exactly as npm does. It passes all 324 rows of node-semver's own fixtures
 * ({@code shared/conformance/semver}, see {@code SemverConformanceTests}). Limits as in node:
 * a version is at most {@value #MAX_LENGTH} characters before trimming, and major, minor and patch
 * are at most {@value #MAX_SAFE_INTEGER} (JavaScript's {@code Number.MAX_SAFE_INTEGER}).
 *
 * <p>Deliberate differences from node, all beyond 2^53: numeric pre-release identifiers are
 * compared exactly at any size (node converts them to doubles, so two different 17-digit
 * identifiers can compare equal there, which would break {@code equals}), and are printed without
 * leading zeros at any size.
 *
 * <p><b>Why a port and not a library.</b> {@code org.semver4j:semver4j:5.8.0} (the latest 5.x on
 * Maven Central, which claims node-semver range compatibility) was run against the 324 fixture
 * rows: 42 failed (37 if its {@code Semver.coerce} stands in for loose reading, which it has no
 * option for; 6.0.0 gives the same 42/37). Examples: {@code 1.2.3+build} is not equal to
 * {@code 1.2.3+otherbuild} there (build metadata takes part in equality);
 * {@code 1.2.3-r2 > 1.2.3-r100} fails; the ranges {@code x}, {@code ~x}, {@code ^x},
 * {@code >=*}, {@code ||}, {@code ^1.2 ^1}, {@code 1.0.0 - x} and {@code 1.x - x} do not contain
 * versions node says they do; there is no loose mode ({@code v 1.2.3}, {@code = 1.2.3},
 * {@code 1.2.3pre+asdf - 2.4.3pre+asdf} are rejected); and components are {@code int}, not up to
 * 2^53-1. The full record is {@code src/test/resources/semver-library-evaluation.md}.
 *
 * <p>{@link #parse(String)} and {@link #parseRange(String)} read strictly and use node's default
 * pre-release rule ({@link SemverOptions#STRICT}); the overloads take {@link SemverOptions}.
 */
public final class SemverScheme implements VersionScheme {

    /** The scheme's name in playbooks. */
    public static final String NAME = "semver";

    /** node-semver's {@code MAX_LENGTH}: the longest version text, counted before trimming. */
    public static final int MAX_LENGTH = 256;

    /** JavaScript's {@code Number.MAX_SAFE_INTEGER}: the largest major, minor or patch. */
    public static final long MAX_SAFE_INTEGER = 9_007_199_254_740_991L;

    private static final String RANGE_EXAMPLES = "expected a semver range like ^1.2.3, ~1.2, >=1.2.3 <2.0.0, "
            + "1.x or 1.2.3 - 2.3.4";

    @Override
    public String name() {
        return NAME;
    }

    /** Reads a version strictly: {@code 1.2.3}, {@code v1.2.3}, {@code 1.2.3-rc.1+build.5}, surrounding white space. */
    @Override
    public SemverVersion parse(String text) throws VersionSyntaxException {
        return parse(text, SemverOptions.STRICT);
    }

    /** Reads a version as node's {@code new SemVer(text, options)}; only {@code loose} matters here. */
    public SemverVersion parse(String text, SemverOptions options) throws VersionSyntaxException {
        return SemverVersion.parse(text, options);
    }

    /** Reads a range strictly, with node's default pre-release rule. */
    @Override
    public SemverRange parseRange(String text) throws VersionSyntaxException {
        return parseRange(text, SemverOptions.STRICT);
    }

    /** Reads a range as node's {@code new Range(text, options)}. */
    public SemverRange parseRange(String text, SemverOptions options) throws VersionSyntaxException {
        if (text == null) {
            throw new VersionSyntaxException(RANGE_EXAMPLES + ", got no text (null)");
        }
        try {
            return new SemverRange(JsText.trim(text), options, SemverRangeParser.parse(text, options));
        } catch (VersionSyntaxException e) {
            throw new VersionSyntaxException(RANGE_EXAMPLES + ", got '" + text + "': " + e.getMessage());
        }
    }

    /**
     * node's {@code valid(value, options)}: the version if {@code value} is a {@link String} that
     * reads as one (or already a {@link SemverVersion}); empty for anything else, including objects
     * whose {@code toString()} looks like a version.
     */
    public Optional<SemverVersion> valid(Object value, SemverOptions options) {
        if (value instanceof SemverVersion version) {
            return Optional.of(version);
        }
        if (!(value instanceof String text)) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse(text, options));
        } catch (VersionSyntaxException e) {
            return Optional.empty();
        }
    }

    /**
     * node's {@code satisfies(version, range, options)}: false when the range does not read, or
     * when {@code version} is neither a {@link SemverVersion} nor a {@link String} that reads as a
     * version under {@code options}.
     */
    public boolean satisfies(Object version, String range, SemverOptions options) {
        SemverRange parsed;
        try {
            parsed = parseRange(range, options);
        } catch (VersionSyntaxException e) {
            return false;
        }
        if (version instanceof SemverVersion semver) {
            return parsed.contains(semver);
        }
        return version instanceof String text && parsed.test(text);
    }

    @Override
    public String toString() {
        return NAME;
    }
}
