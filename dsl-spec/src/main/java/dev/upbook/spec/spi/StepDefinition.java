package dev.upbook.spec.spi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a step type once; upbook's annotation processor ({@code dev.upbook.spec.processor.StepTypeProcessor},
 * found on the class path of any project that depends on {@code upbook-dsl-spec}) generates from it,
 * at build time:
 * <ul>
 *   <li>{@code <Class>Binding} in the same package: {@code DECLARATION} (a {@link StepDeclaration}
 *       with the parameters as {@link dev.upbook.spec.model.KeySpec}s, which lint, the schema and
 *       {@code upbook explain} read) and {@code bind(Parameters)}, which turns the rendered
 *       parameters into the nested {@code With} record, with errors that name the parameter and
 *       its position in the playbook;</li>
 *   <li>{@code META-INF/upbook/steps/<name>.schema.json}: the JSON Schema of {@code with:}, merged
 *       into {@code upbook schema};</li>
 *   <li>{@code META-INF/upbook/steps/<name>.md}: the type's reference entry (the class Javadoc,
 *       the parameters table, idempotency, register, an example).</li>
 * </ul>
 *
 * <p>The annotated class implements {@link StepType}, has a public no-argument constructor, is
 * listed in {@code META-INF/services/dev.upbook.spec.spi.StepType}, and declares its parameters as
 * the components of a nested {@code record With}, each annotated with {@link Param} (a type without
 * parameters declares {@code record With() {}}).
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.TYPE)
public @interface StepDefinition {

    /** The name playbooks use in {@code type:}, e.g. {@code file.backup}: dot-separated lower-case words. */
    String name();

    /** One sentence for listings. */
    String summary();

    /** Where the type may be used. */
    StepType.Use[] uses();

    /** How the type tells that its work is already done, in words (see {@link StepType#idempotency()}). */
    String idempotency();

    /**
     * True when running the type again after a crash in the middle is always safe (it resumes or
     * finds its work done), so the executor re-runs an interrupted step without asking, as if the
     * step said {@code idempotent: true}.
     */
    boolean idempotent() default false;

    /** What {@code register:} stores, in words; empty when the type registers nothing. */
    String registers() default "";

    /**
     * Groups of parameters of which exactly one must be given, each written as the names joined by
     * {@code |}, e.g. {@code "sql|file"}.
     */
    String[] exactlyOneOf() default {};
}
