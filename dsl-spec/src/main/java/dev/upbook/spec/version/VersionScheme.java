package dev.upbook.spec.version;

/** How a product numbers its releases: parsing, precedence and range syntax. */
public interface VersionScheme {

    /** The name used in playbooks ({@code versions.scheme}). */
    String name();

    Version parse(String text) throws VersionSyntaxException;

    VersionRange parseRange(String text) throws VersionSyntaxException;
}
