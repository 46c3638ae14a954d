package dev.upbook.spec.ast;

import dev.upbook.spec.SourceRef;

/** What the playbook upgrades. {@code guide} names the upstream guide the playbook follows. */
public record Product(SourceRef at, Text name, String title, String description, String guide) {}
