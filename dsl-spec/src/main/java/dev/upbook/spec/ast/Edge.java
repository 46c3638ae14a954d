package dev.upbook.spec.ast;

import dev.upbook.spec.SourceRef;

/**
 * An explicit edge: from a version or a range of versions to one version.
 *
 * @param from a single version or a range in the playbook's scheme
 * @param to a concrete release
 */
public record Edge(SourceRef at, String title, Text from, Text to, Hop hop) {}
