package dev.upbook.spec.version;

/**
 * A parsed version in some {@link VersionScheme}. Ordering is the scheme's precedence and is
 * consistent with {@link #equals}: two versions are equal exactly when they compare as 0
 * (so SemVer build metadata does not take part in equality either).
 */
public interface Version extends Comparable<Version> {

    /** The text as the author wrote it (trimmed). */
    String text();

    /** The scheme-normal form, e.g. {@code 1.2.3-rc.1} for semver or {@code 3.60.0} for loose. */
    String normalized();

    /**
     * Numeric release component {@code index} (0 = major, 1 = minor, 2 = patch, ...), or 0 when the
     * version has fewer components. Used by release-list rules such as "each minor in sequence".
     */
    long component(int index);

    /** True for pre-releases (RC, beta, alpha, ...), which sort before their release. */
    boolean isPrerelease();
}
