package dev.upbook.template;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.util.ObjectTruthValue;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiPredicate;
import java.util.function.Function;
import org.apache.commons.lang3.exception.ExceptionUtils;

/**
 * Renders playbook strings at run time with Jinjava, in upbook's dialect: unknown variables fail
 * (Jinjava's {@code failOnUnknownTokens}), templates cannot reach Java methods
 * ({@link SandboxedBeanResolver}), only the tags of {@link TemplateDialect} exist, and output is
 * never rendered twice, so an input value containing {@code {{ }}} stays text.
 *
 * <p>The context maps namespace names ({@code inputs}, {@code run}, {@code vars}, {@code edge}) to
 * their values, which should be strings, numbers, booleans, lists and maps. Callers render each
 * YAML string value on its own, never raw YAML text.
 *
 * <p>Errors come back as a {@link RenderResult} failure, never as an exception. An instance may be
 * shared between threads; it renders one template at a time.
 */
public final class TemplateRenderer {

    private final Jinjava jinjava;
    /**
     * Filters, tests, functions and tags, copied once: Jinjava's own renderForResult copies them
     * for every render (about 0.3 ms). Renders run in child contexts of this one; the bookkeeping
     * they push up into it is cleared after each render, hence the synchronized methods.
     */
    private final Context library;

    /**
     * @param satisfies backs the template function {@code satisfies(version, range)}; it gets the
     *     two arguments as strings and may throw {@link IllegalArgumentException} for text that is
     *     not a version or range of the playbook's scheme
     */
    public TemplateRenderer(BiPredicate<String, String> satisfies) {
        this.jinjava = TemplateDialect.renderingEngine(new StrictInterpreters(satisfies));
        this.library = jinjava.getGlobalContextCopy();
    }

    /** Renders one string value; a string without template markup comes back unchanged. */
    public synchronized RenderResult<String> render(String template, Map<String, ?> context) {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(context, "context");
        if (!TemplateSource.hasMarkup(template)) return RenderResult.success(template);
        return evaluate(template, context, interpreter -> interpreter.render(template));
    }

    /** Evaluates a {@code when:} expression (no braces) to its Jinja truth value. */
    public synchronized RenderResult<Boolean> renderCondition(String expression, Map<String, ?> context) {
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(context, "context");
        if (expression.isBlank()) {
            return RenderResult.failure("the condition is empty; write an expression such as inputs.mode == 'full'");
        }
        return evaluate(expression, context,
                interpreter -> ObjectTruthValue.evaluate(interpreter.resolveELExpression(expression, 1)));
    }

    private <T> RenderResult<T> evaluate(String source, Map<String, ?> bindings, Function<JinjavaInterpreter, T> work) {
        JinjavaConfig config = jinjava.getGlobalConfig();
        Context scope = new Context(library, bindings, config.getDisabled());
        JinjavaInterpreter interpreter = config.getInterpreterFactory().newInstance(jinjava, scope, config);
        JinjavaInterpreter.pushCurrent(interpreter);
        try {
            T value = work.apply(interpreter);
            List<TemplateError> errors = interpreter.getErrorsCopy();
            if (!errors.isEmpty()) return RenderResult.failure(describe(errors, source));
            return RenderResult.success(value);
        } catch (RuntimeException e) {
            return RenderResult.failure("cannot render '" + excerpt(source) + "': " + withCause(e.getMessage(), e));
        } finally {
            JinjavaInterpreter.popCurrent();
            library.reset();
        }
    }

    private static String describe(List<TemplateError> errors, String source) {
        String more = errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "";
        TemplateError first = errors.get(0);
        return "cannot render '" + excerpt(source) + "': " + withCause(first.getMessage(), first.getException()) + more;
    }

    private static String excerpt(String source) {
        String oneLine = source.replace("\n", "\\n");
        return oneLine.length() <= 120 ? oneLine : oneLine.substring(0, 117) + "...";
    }

    /** Jinjava's message, plus the root cause when Jinjava hides it ("Error invoking function"). */
    private static String withCause(String message, Throwable error) {
        String text = Objects.toString(message, "unknown error");
        Throwable root = error == null ? null : ExceptionUtils.getRootCause(error);
        String cause = root == null ? null : root.getMessage();
        return cause == null || text.contains(cause) ? text : text + ": " + cause;
    }
}
