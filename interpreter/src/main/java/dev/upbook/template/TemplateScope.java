package dev.upbook.template;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The names a template may use at one place of a playbook: the namespaces {@code inputs},
 * {@code run}, {@code vars} and, in hop scope only, {@code edge}, each with its known keys, and
 * the function {@code satisfies(version, range)}.
 *
 * <p>Variables a template introduces itself ({@code {% for x in ... %}}, {@code {% set x = ... %}})
 * are not part of the scope; the checker tracks them while it walks the template.
 *
 * <p>Immutable; build one with {@link #builder()} or derive one with {@link #toBuilder()} and
 * {@link #withVar(String)}.
 */
public final class TemplateScope {

    public static final String INPUTS = "inputs";
    public static final String EDGE = "edge";
    public static final String RUN = "run";
    public static final String VARS = "vars";
    public static final String CAPTURED = "captured";
    public static final String SATISFIES = "satisfies";

    /** The keys of {@code run}, in documentation order. */
    public static final Set<String> RUN_KEYS = orderedSet(List.of("id", "from", "to", "installation", "started"));
    /** The keys of {@code edge}, which exists only in hop steps, preconditions and review. */
    public static final Set<String> EDGE_KEYS = orderedSet(List.of("from", "to"));

    private final Map<String, Boolean> inputs;
    private final Set<String> vars;
    private final Set<String> captured;
    private final boolean hopScope;

    private TemplateScope(Builder builder) {
        this.inputs = Collections.unmodifiableMap(new LinkedHashMap<>(builder.inputs));
        this.vars = Collections.unmodifiableSet(new LinkedHashSet<>(builder.vars));
        this.captured = Collections.unmodifiableSet(new LinkedHashSet<>(builder.captured));
        this.hopScope = builder.hopScope;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this scope's names, to derive a wider or narrower scope. */
    public Builder toBuilder() {
        Builder b = new Builder().hopScope(hopScope).vars(vars).captured(captured);
        inputs.forEach(b::input);
        return b;
    }

    /** This scope plus one registered variable ({@code register: NAME} of an earlier step). */
    public TemplateScope withVar(String name) {
        return toBuilder().var(name).build();
    }

    /** The namespaces templates may read here: inputs, edge (hop scope only), run, vars, captured. */
    public Set<String> namespaces() {
        return hopScope ? orderedSet(List.of(INPUTS, EDGE, RUN, VARS, CAPTURED)) : orderedSet(List.of(INPUTS, RUN, VARS, CAPTURED));
    }

    public boolean hasNamespace(String name) {
        return namespaces().contains(name);
    }

    /** The known keys of a namespace of this scope; empty for a name that is no namespace here. */
    public Set<String> keys(String namespace) {
        switch (namespace) {
            case INPUTS: return inputs.keySet();
            case EDGE: return hopScope ? EDGE_KEYS : Set.of();
            case RUN: return RUN_KEYS;
            case VARS: return vars;
            case CAPTURED: return captured;
            default: return Set.of();
        }
    }

    /** The functions templates may call. */
    public Set<String> functions() {
        return Set.of(SATISFIES);
    }

    /** Declared input names, in declaration order. */
    public Set<String> inputs() {
        return inputs.keySet();
    }

    /** Whether {@code input} is declared and flagged secret (its value is masked in output). */
    public boolean isSecret(String input) {
        return Boolean.TRUE.equals(inputs.get(input));
    }

    public Set<String> secretInputs() {
        Set<String> secrets = new LinkedHashSet<>();
        inputs.forEach((name, secret) -> {
            if (secret) secrets.add(name);
        });
        return Collections.unmodifiableSet(secrets);
    }

    /** Registered variable names ({@code vars.NAME}). */
    public Set<String> vars() {
        return vars;
    }

    /** Whether {@code edge.from} / {@code edge.to} exist (steps, preconditions, review of a hop). */
    public boolean isHopScope() {
        return hopScope;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof TemplateScope)) return false;
        TemplateScope other = (TemplateScope) o;
        return hopScope == other.hopScope && inputs.equals(other.inputs) && vars.equals(other.vars) && captured.equals(other.captured);
    }

    @Override
    public int hashCode() {
        return Objects.hash(inputs, vars, captured, hopScope);
    }

    @Override
    public String toString() {
        return "TemplateScope{inputs=" + inputs.keySet() + ", secret=" + secretInputs() + ", vars=" + vars
                + ", hop=" + hopScope + "}";
    }

    private static Set<String> orderedSet(List<String> names) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(names));
    }

    /** Collects names; rejects null or blank ones. Adding a name twice keeps one (secret wins). */
    public static final class Builder {
        private final Map<String, Boolean> inputs = new LinkedHashMap<>();
        private final Set<String> vars = new LinkedHashSet<>();
        private final Set<String> captured = new LinkedHashSet<>();
        private boolean hopScope;

        private Builder() {}

        public Builder input(String name) {
            return input(name, false);
        }

        public Builder secretInput(String name) {
            return input(name, true);
        }

        public Builder input(String name, boolean secret) {
            inputs.merge(requireName(name, "input"), secret, Boolean::logicalOr);
            return this;
        }

        public Builder inputs(Collection<String> names) {
            Objects.requireNonNull(names, "input names");
            names.forEach(this::input);
            return this;
        }

        public Builder var(String name) {
            vars.add(requireName(name, "registered variable"));
            return this;
        }

        /** The ids of the playbook's captures ({@code captured.ID}). */
        public Builder captured(Collection<String> ids) {
            Objects.requireNonNull(ids, "capture ids");
            ids.forEach(id -> captured.add(requireName(id, "capture")));
            return this;
        }

        public Builder vars(Collection<String> names) {
            Objects.requireNonNull(names, "registered variable names");
            names.forEach(this::var);
            return this;
        }

        /** Whether templates here belong to a hop (then {@code edge.from} and {@code edge.to} exist). */
        public Builder hopScope(boolean hopScope) {
            this.hopScope = hopScope;
            return this;
        }

        public TemplateScope build() {
            return new TemplateScope(this);
        }

        private static String requireName(String name, String what) {
            if (name == null) throw new NullPointerException(what + " name must not be null");
            if (name.isBlank()) {
                throw new IllegalArgumentException(what + " name must not be blank, got '" + name + "'");
            }
            return name;
        }
    }
}
