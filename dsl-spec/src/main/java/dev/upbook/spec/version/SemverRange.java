package dev.upbook.spec.version;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A node-semver range, desugared into sets of primitive comparators ({@code ||} between sets,
 * AND within a set). Read with {@link SemverScheme#parseRange(String, SemverOptions)}.
 *
 * <p>Pre-releases follow node-semver's rule unless {@link SemverOptions#includePrerelease()}: a
 * version with a pre-release tag is in a set only if it passes every comparator by precedence
 * <em>and</em> some comparator of that set names a pre-release of the same major.minor.patch. So
 * {@code >1.2.3-alpha.3} contains {@code 1.2.3-alpha.7} but not {@code 3.4.5-alpha.9}, and
 * {@code *} contains no pre-release. With includePrerelease, pre-releases are matched by plain
 * precedence.
 *
 * @param text the range as written, trimmed
 * @param options how the range was read; versions given as text are read with the same options
 * @param sets the desugared comparator sets, never empty
 */
public record SemverRange(String text, SemverOptions options, List<List<SemverComparator>> sets)
        implements VersionRange {

    public SemverRange {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(options, "options");
        sets = sets.stream().map(List::copyOf).toList();
        if (sets.isEmpty() || sets.stream().anyMatch(List::isEmpty)) {
            throw new IllegalArgumentException("expected at least one non-empty comparator set for range '"
                    + text + "'");
        }
    }

    /**
     * Whether {@code version} is in the range, under the pre-release rule described on this type. A
     * version of another scheme is read again from its {@link Version#text()} with this range's
     * options, and is not in the range if it is not a valid semver version.
     */
    @Override
    public boolean contains(Version version) {
        if (version instanceof SemverVersion semver) {
            return test(semver);
        }
        return version != null && test(version.text());
    }

    /**
     * node's {@code range.test(string)}: the text is read with this range's options; text that is
     * not a version is in no range.
     */
    public boolean test(String version) {
        if (version == null) {
            return false;
        }
        try {
            return test(SemverVersion.parse(version, options));
        } catch (VersionSyntaxException e) {
            return false;
        }
    }

    private boolean test(SemverVersion version) {
        return sets.stream().anyMatch(set -> testSet(set, version));
    }

    private boolean testSet(List<SemverComparator> set, SemverVersion version) {
        if (!set.stream().allMatch(c -> c.test(version))) {
            return false;
        }
        if (!version.isPrerelease() || options.includePrerelease()) {
            return true;
        }
        // A pre-release passes only a set that opted in to pre-releases of its major.minor.patch:
        // ^1.2.3-pr.1 admits 1.2.3-pr.2 but not 1.2.4-alpha.
        return set.stream().anyMatch(c -> !c.isAny() && c.semver().isPrerelease() && c.semver().sameRelease(version));
    }

    /** The desugared form, as node-semver's {@code range.range}: e.g. {@code ^1.2} gives {@code >=1.2.0 <2.0.0-0}. */
    public String normalized() {
        return sets.stream()
                .map(set -> set.stream().map(SemverComparator::value).collect(Collectors.joining(" ")))
                .collect(Collectors.joining("||"));
    }

    @Override
    public String toString() {
        return text;
    }
}
