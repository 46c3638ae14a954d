package dev.upbook.spec.ast;

import dev.upbook.spec.SourceRef;

/** A typed call with parameters: a check, a guard, a verification or version detection. */
public record Action(SourceRef at, Text type, Value.Mapping with) {}
