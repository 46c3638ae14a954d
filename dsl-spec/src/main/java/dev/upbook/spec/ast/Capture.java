package dev.upbook.spec.ast;

import dev.upbook.spec.SourceRef;
import java.util.Optional;

/** A value recorded before the first step ({@code capture:}), read by review items as {@code captured.ID}. */
public record Capture(SourceRef at, Text id, String title, Action check, Optional<Text> when) {}
