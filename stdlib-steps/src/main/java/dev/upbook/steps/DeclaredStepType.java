package dev.upbook.steps;

import dev.upbook.spec.model.KeySpec;
import dev.upbook.spec.spi.StepDeclaration;
import dev.upbook.spec.spi.StepType;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Base of the built-in step types. Each subclass is annotated with
 * {@link dev.upbook.spec.spi.StepDefinition} and declares its parameters as a nested
 * {@code record With}; the annotation processor generates {@code <Class>Binding} with the
 * {@link StepDeclaration} this class serves and the {@code bind} that turns rendered parameters
 * into a {@code With}. A subclass implements {@link #run} and/or {@link #check} and {@link #describe}.
 */
public abstract class DeclaredStepType implements StepType {
    private final StepDeclaration declaration;

    protected DeclaredStepType(StepDeclaration declaration) {
        this.declaration = Objects.requireNonNull(declaration, "declaration");
    }

    @Override public final String name() { return declaration.name(); }
    @Override public final String summary() { return declaration.summary(); }
    @Override public final Set<Use> uses() { return declaration.uses(); }
    @Override public final List<KeySpec> parameters() { return declaration.parameters(); }
    @Override public final String idempotency() { return declaration.idempotency(); }
    @Override public final boolean idempotent() { return declaration.idempotent(); }
    @Override public final String registers() { return declaration.registers(); }
    @Override public final List<List<String>> exactlyOneOf() { return declaration.exactlyOneOf(); }

    /** Every built-in type runs wherever it may be used. */
    @Override
    public boolean canRun(Use use) {
        return uses().contains(use);
    }

    @Override
    public String toString() {
        return "StepType[" + name() + "]";
    }
}
