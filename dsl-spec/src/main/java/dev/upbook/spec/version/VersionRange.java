package dev.upbook.spec.version;

/** A set of versions written in the scheme's range syntax, e.g. {@code >=3.60.00 <4}. */
public interface VersionRange {

    /** The text as the author wrote it. */
    String text();

    /** Whether {@code version} is in the range. Pre-releases are matched by plain precedence. */
    boolean contains(Version version);
}
