package dev.upbook.spec.spi;

import dev.upbook.spec.model.KeySpec;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything a step type declares about itself, as data: what {@link StepDefinition} and the
 * {@link Param}s of its {@code With} record say. The annotation processor generates one per type
 * ({@code <Class>Binding.DECLARATION}); lint, the JSON Schema, {@code upbook explain} and the
 * executor read it through {@link StepType}.
 */
public record StepDeclaration(
        String name,
        String summary,
        Set<StepType.Use> uses,
        String idempotency,
        boolean idempotent,
        String registers,
        List<KeySpec> parameters,
        List<List<String>> exactlyOneOf) {

    public StepDeclaration {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(summary, "summary");
        uses = uses.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(uses));
        Objects.requireNonNull(idempotency, "idempotency");
        registers = registers == null ? "" : registers;
        parameters = List.copyOf(parameters);
        exactlyOneOf = exactlyOneOf.stream().map(List::copyOf).toList();
        if (uses.isEmpty()) throw new IllegalArgumentException("step type '" + name + "' declares no use");
    }
}
