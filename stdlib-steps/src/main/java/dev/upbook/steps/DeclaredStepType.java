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
    @Override public List<List<String>> exactlyOneOf() { return declaration.exactlyOneOf(); }

    // ---- LEGACY (removed once every type is converted to @StepDefinition) ----
    protected DeclaredStepType(String name, String summary, Set<Use> uses, String idempotency, KeySpec... parameters) {
        this(new StepDeclaration(name, summary, uses, idempotency, false, "", List.of(parameters), List.of()));
    }
    protected static final Set<Use> STEP = java.util.EnumSet.of(Use.STEP);
    protected static final Set<Use> CHECK = java.util.EnumSet.of(Use.CHECK);
    protected static final Set<Use> STEP_AND_CHECK = java.util.EnumSet.of(Use.STEP, Use.CHECK);
    protected static KeySpec req(String name, dev.upbook.spec.model.Type type, String description) { return KeySpec.required(name, type, description); }
    protected static KeySpec opt(String name, dev.upbook.spec.model.Type type, String d, String description) { return KeySpec.optional(name, type, d, description); }
    protected static final dev.upbook.spec.model.Type TEXT = dev.upbook.spec.model.Type.template();
    protected static final dev.upbook.spec.model.Type SECRET = new dev.upbook.spec.model.Type.Secret();
    protected static final dev.upbook.spec.model.Type BOOL = new dev.upbook.spec.model.Type.Bool();
    protected static final dev.upbook.spec.model.Type INT = dev.upbook.spec.model.Type.nonNegative();
    protected static final dev.upbook.spec.model.Type DURATION = new dev.upbook.spec.model.Type.Duration();
    protected static final dev.upbook.spec.model.Type TEXTS = new dev.upbook.spec.model.Type.ListOf(dev.upbook.spec.model.Type.template());
    protected static final dev.upbook.spec.model.Type TEXT_OR_TEXTS = new dev.upbook.spec.model.Type.OneOf(List.of(dev.upbook.spec.model.Type.template(), new dev.upbook.spec.model.Type.ListOf(dev.upbook.spec.model.Type.template())));
    protected static final dev.upbook.spec.model.Type TEXT_MAP = new dev.upbook.spec.model.Type.MapOf(dev.upbook.spec.model.Type.template());
    protected static final dev.upbook.spec.model.Type ANY_MAP = new dev.upbook.spec.model.Type.MapOf(new dev.upbook.spec.model.Type.Any());
    protected static dev.upbook.spec.model.Type oneOf(String... values) { return new dev.upbook.spec.model.Type.Enum(List.of(values)); }
    // ---- END LEGACY ----

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
