package dev.upbook.spec.spi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One parameter of a step type (under {@code with:}), declared as a component of the type's nested
 * {@code record With}. The parameter's name is the component's name in kebab case
 * ({@code deleteExtra} → {@code delete-extra}) unless {@link #name} gives it; its language type
 * follows from the Java type:
 *
 * <table>
 *   <caption>Java types of parameters</caption>
 *   <tr><th>Java</th><th>language type</th></tr>
 *   <tr><td>{@code String}, {@code Optional<String>}</td><td>template string (or {@link #oneOf} values, or
 *       a secret with {@link #secret})</td></tr>
 *   <tr><td>{@code boolean}, {@code Optional<Boolean>}</td><td>boolean (an expression with {@link #expression})</td></tr>
 *   <tr><td>{@code long}, {@code Optional<Long>}</td><td>integer ≥ 0</td></tr>
 *   <tr><td>{@code Duration}, {@code Optional<Duration>}</td><td>duration</td></tr>
 *   <tr><td>{@code List<String>}</td><td>list of template strings (also a single one with {@link #acceptsSingle})</td></tr>
 *   <tr><td>{@code List<Long>}</td><td>list of integers</td></tr>
 *   <tr><td>{@code List<Object>}</td><td>list of any values</td></tr>
 *   <tr><td>{@code Map<String, String>}</td><td>mapping of name to template string</td></tr>
 *   <tr><td>{@code Map<String, Object>}</td><td>mapping of name to any value</td></tr>
 * </table>
 *
 * <p>A parameter is required when it has no {@link #defaultValue}, is not an {@code Optional}, and
 * is not a list or mapping (those default to empty unless {@link #required} says otherwise).
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.RECORD_COMPONENT)
public @interface Param {

    /** Marks "no value" in the string attributes below. */
    String NONE = "\u0000none";

    /** What the parameter means, one sentence. */
    String value();

    /**
     * The parameter's name when the component's kebab-cased name cannot be it, e.g. a Java keyword:
     * {@code @Param(name = "default", value = "…") Optional<String> defaultAnswer}.
     */
    String name() default NONE;

    /**
     * The default as YAML flow text ({@code false}, {@code 200}, {@code 30s}, {@code [0]},
     * {@code tar.gz}); the generated binding uses it when the parameter is absent.
     */
    String defaultValue() default NONE;

    /**
     * What an absent {@code Optional} parameter means, in words, for the reference ("the current
     * user"); shown where a default would be.
     */
    String whenAbsent() default NONE;

    /** A list or mapping that must be given. */
    boolean required() default false;

    /** An example value as YAML flow text, used in the reference's example step. */
    String example() default NONE;

    /** The values a string parameter may take (a rendered value outside them fails the step). */
    String[] oneOf() default {};

    /** A password or token: written as {@code {{ inputs.NAME }}} of a secret input, masked everywhere. */
    boolean secret() default false;

    /** A boolean written as a Jinja expression without braces, evaluated before the step runs. */
    boolean expression() default false;

    /** A list of strings that may also be written as a single string. */
    boolean acceptsSingle() default false;
}
