package dev.upbook.spec.ast;

import dev.upbook.spec.SourceRef;

/** A version with the author's reason: a minimum, a blocked version or a required stop. */
public record VersionNote(SourceRef at, Text version, String reason) {}
