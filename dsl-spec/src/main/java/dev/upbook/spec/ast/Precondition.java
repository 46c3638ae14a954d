package dev.upbook.spec.ast;

import dev.upbook.spec.SourceRef;
import java.util.Optional;

/** Something that must hold before the first step runs; {@code message} tells the operator what to do. */
public record Precondition(SourceRef at, Text id, String title, Action check, String message, Optional<Text> when) {}
