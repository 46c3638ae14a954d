package dev.upbook.steps;

import dev.upbook.spec.model.KeySpec;
import dev.upbook.spec.model.Type;
import dev.upbook.spec.spi.StepType;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Base of the built-in step types: the declaration (name, parameters, idempotency) given once in
 * the constructor. A type that executes overrides {@link #canRun}, {@link #run} and/or
 * {@link #check}, and {@link #describe}; a type that does not yet is declaration-only
 * ({@code canRun} is false, so the executor refuses a plan that uses it).
 */
public abstract class DeclaredStepType implements StepType {
    private final String name;
    private final String summary;
    private final Set<Use> uses;
    private final String idempotency;
    private final List<KeySpec> parameters;

    protected DeclaredStepType(String name, String summary, Set<Use> uses, String idempotency, KeySpec... parameters) {
        this.name = Objects.requireNonNull(name, "name");
        this.summary = Objects.requireNonNull(summary, "summary");
        this.uses = Set.copyOf(uses);
        this.idempotency = Objects.requireNonNull(idempotency, "idempotency");
        this.parameters = List.of(parameters);
    }

    @Override public final String name() { return name; }
    @Override public final String summary() { return summary; }
    @Override public final Set<Use> uses() { return uses; }
    @Override public final List<KeySpec> parameters() { return parameters; }
    @Override public final String idempotency() { return idempotency; }

    protected static final Set<Use> STEP = EnumSet.of(Use.STEP);
    protected static final Set<Use> CHECK = EnumSet.of(Use.CHECK);
    protected static final Set<Use> STEP_AND_CHECK = EnumSet.of(Use.STEP, Use.CHECK);

    protected static KeySpec req(String name, Type type, String description) {
        return KeySpec.required(name, type, description);
    }

    protected static KeySpec opt(String name, Type type, String defaultValue, String description) {
        return KeySpec.optional(name, type, defaultValue, description);
    }

    protected static final Type TEXT = Type.template();
    protected static final Type SECRET = new Type.Secret();
    protected static final Type BOOL = new Type.Bool();
    protected static final Type INT = Type.nonNegative();
    protected static final Type DURATION = new Type.Duration();
    protected static final Type TEXTS = new Type.ListOf(Type.template());
    protected static final Type TEXT_OR_TEXTS = new Type.OneOf(List.of(Type.template(), new Type.ListOf(Type.template())));
    protected static final Type TEXT_MAP = new Type.MapOf(Type.template());
    protected static final Type ANY_MAP = new Type.MapOf(new Type.Any());

    protected static Type oneOf(String... values) {
        return new Type.Enum(List.of(values));
    }

    @Override
    public String toString() {
        return "StepType[" + name + "]";
    }
}
