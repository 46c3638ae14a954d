package dev.upbook.template;

import com.hubspot.jinjava.Jinjava;
import dev.upbook.template.TemplateProblem.Kind;
import java.util.List;
import java.util.Objects;

/**
 * Lint-time check of templates: finds syntax errors and names the scope does not define in every
 * branch of a template, without rendering it.
 *
 * <p>Parsing is Jinjava's own: {@code TreeParser} for the tag tree and the EL parser Jinjava uses
 * for expressions, so the checker and the renderer agree on what a template means. Problems are
 * returned, never thrown; positions are 0-based inside the text given.
 */
public final class TemplateChecker {

    /** Jinjava configured like the renderer; used to parse and to look up filters, never to render. */
    private static final Jinjava ENGINE = TemplateDialect.checkingEngine();

    private TemplateChecker() {}

    /** Checks a string that may contain {@code {{ }}}, {@code {% %}} and {@code {# #}}. */
    public static List<TemplateProblem> check(String template, TemplateScope scope) {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(scope, "scope");
        if (!TemplateSource.hasMarkup(template)) return List.of();
        return guarded(() -> new TemplateCheck(ENGINE, template, scope).template());
    }

    /**
     * Checks a bare expression such as a step's {@code when:}
     * ({@code satisfies(edge.from, '<1.7') and inputs.mode == 'full'}).
     */
    public static List<TemplateProblem> checkExpression(String expression, TemplateScope scope) {
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(scope, "scope");
        return guarded(() -> new TemplateCheck(ENGINE, expression, scope).expression());
    }

    /** The checker's promise is to return problems; a Jinjava surprise becomes one, not a crash. */
    private static List<TemplateProblem> guarded(java.util.function.Supplier<List<TemplateProblem>> check) {
        try {
            return check.get();
        } catch (StackOverflowError e) {
            return List.of(new TemplateProblem(Kind.SYNTAX,
                    "the template nests too deeply to be checked; split the expression into smaller parts", 0, 0));
        } catch (RuntimeException e) {
            return List.of(new TemplateProblem(Kind.SYNTAX,
                    "internal error while checking the template (" + e.getClass().getSimpleName() + ": "
                            + e.getMessage() + "); please report it", 0, 0));
        }
    }
}
