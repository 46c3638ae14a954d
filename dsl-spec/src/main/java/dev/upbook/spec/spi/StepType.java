package dev.upbook.spec.spi;

import dev.upbook.spec.model.KeySpec;
import java.net.URL;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A step type (and/or check type) that playbooks name in {@code type:}. Implementations are found
 * through {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/dev.upbook.spec.spi.StepType}. The standard library is just the first
 * provider; a third-party jar adds types the same way.
 *
 * <p>Declare a type with {@link StepDefinition} rather than implementing the declaration methods
 * by hand: the annotation processor then generates the typed binding of its parameters, the JSON
 * Schema fragment and the reference entry from one declaration.
 */
public interface StepType {

    /** Where a type may be used. */
    enum Use {
        /** As a step in a phase, hop or recovery. */
        STEP,
        /** As a check: precondition, guard, verify, review check, version detection. */
        CHECK
    }

    /** The name playbooks use, e.g. {@code exec} or {@code file.backup}. */
    String name();

    /** One sentence for listings. */
    String summary();

    Set<Use> uses();

    /** The parameters accepted under {@code with:}; required ones have no default. */
    List<KeySpec> parameters();

    /** How the type tells that its work is already done (its idempotency), in words. */
    String idempotency();

    /**
     * True when running the type again after a crash in the middle is always safe (it resumes from a
     * checkpoint or finds its work done): the executor then re-runs an interrupted step without an
     * operator's decision, as for a step written with {@code idempotent: true}.
     */
    default boolean idempotent() {
        return false;
    }

    /** What {@code register:} stores for this type, in words; empty when it registers nothing. */
    default String registers() {
        return "";
    }

    /**
     * The JSON Schema of {@code with:} generated at build time
     * ({@code META-INF/upbook/steps/NAME.schema.json} beside the class); empty for a type declared
     * by hand, whose schema is then derived from {@link #parameters()}.
     */
    default Optional<URL> parameterSchema() {
        return Optional.ofNullable(getClass().getResource("/" + StepResources.schema(name())));
    }

    /** The reference entry (Markdown) generated at build time ({@code META-INF/upbook/steps/NAME.md}), if any. */
    default Optional<URL> referenceEntry() {
        return Optional.ofNullable(getClass().getResource("/" + StepResources.reference(name())));
    }

    /**
     * Groups of parameters of which exactly one must be given (e.g. {@code sql} or {@code file}).
     * Lint reports none or several of a group.
     */
    default List<List<String>> exactlyOneOf() {
        return List.of();
    }

    /**
     * Whether this type can execute in the given use. The executor refuses, before anything runs,
     * a plan that uses a type that cannot (a declaration-only type of a third party, for example).
     */
    default boolean canRun(Use use) {
        return false;
    }

    /**
     * Runs one attempt of a step. Exceptions are failures of the attempt: the executor records
     * their message (masked) and applies the step's retries and {@code on-failure}.
     */
    default StepResult run(StepContext context) throws Exception {
        throw new UnsupportedOperationException("step type '" + name() + "' cannot run as a step");
    }

    /** Evaluates the type as a check (precondition, guard, verify, until, review, detection). */
    default CheckResult check(StepContext context) throws Exception {
        throw new UnsupportedOperationException("step type '" + name() + "' cannot run as a check");
    }

    /** What the step would do with these parameters, in one line, for {@code --dry-run}. */
    default String describe(Parameters parameters) {
        return name() + " " + parameters.asMap().keySet();
    }
}
