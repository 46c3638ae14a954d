package dev.upbook.spec.ast;

import dev.upbook.spec.SourceRef;

/** A declared gap: no path from versions in {@code from} to versions in {@code to}, and why. */
public record NoPath(SourceRef at, Text from, Text to, String reason) {}
