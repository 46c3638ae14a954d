package dev.upbook.spec.version;

/**
 * node-semver's options for reading versions and ranges.
 *
 * @param loose read versions and ranges leniently, as node-semver's {@code loose}: a {@code v} or
 *     {@code =} prefix with spaces after it ({@code = v 2.1.5}), a pre-release without its hyphen
 *     ({@code 1.2.3beta}), leading zeros ({@code 01.2.3}), and range parts that are not valid
 *     comparators are dropped instead of failing the range. What is read is always strict SemVer.
 * @param includePrerelease turn off the default pre-release rule of ranges, so that pre-releases
 *     are matched by plain precedence ({@code *} then matches every version)
 */
public record SemverOptions(boolean loose, boolean includePrerelease) {

    /** Strict reading and node's default pre-release rule: what {@link SemverScheme#parse} uses. */
    public static final SemverOptions STRICT = new SemverOptions(false, false);

    /** Lenient reading, default pre-release rule. */
    public static final SemverOptions LOOSE = new SemverOptions(true, false);

    /** Strict reading, pre-releases matched by plain precedence. */
    public static final SemverOptions INCLUDE_PRERELEASE = new SemverOptions(false, true);
}
