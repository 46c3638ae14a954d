package dev.upbook.spec.version;

/** A set of versions written in the scheme's range syntax, e.g. {@code >=3.60.00 <4}. */
public interface VersionRange {

    /** The text as the author wrote it. */
    String text();

    /**
     * Whether {@code version} is in the range. How pre-releases match is the scheme's rule:
     * <ul>
     *   <li>{@code semver}: node-semver's default rule. A pre-release is in a comparator set only if
     *       it passes every comparator by precedence <em>and</em> some comparator in that set names a
     *       pre-release of the same major.minor.patch: {@code >1.2.3-alpha.3} contains
     *       {@code 1.2.3-alpha.7} but not {@code 3.4.5-alpha.9}, and {@code *} or {@code <2.0.0}
     *       contain no pre-release at all. (Its includePrerelease option switches to plain precedence.)
     *   <li>{@code loose}: plain precedence, so {@code >=1.6 RC1} contains {@code 1.6 RC2} and
     *       {@code <1.7} contains {@code 1.7 RC1}.
     * </ul>
     * A version of another scheme is read again from its {@link Version#text()}; if that fails,
     * it is not in the range.
     */
    boolean contains(Version version);
}
