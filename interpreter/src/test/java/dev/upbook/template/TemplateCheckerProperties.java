package dev.upbook.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class TemplateCheckerProperties {

    static final TemplateScope SCOPE = TemplateCheckerTests.HOP;

    /** EL keywords cannot follow a dot ({@code inputs.empty} does not parse); generated names avoid them. */
    static final Set<String> KEYWORDS = Set.of("and", "or", "not", "in", "is", "if", "else", "true", "false", "null",
            "empty", "div", "mod", "eq", "ne", "lt", "gt", "le", "ge", "instanceof", "loop");

    @Property(tries = 1000)
    void templateLikeNoiseNeverThrows(@ForAll("templateNoise") String text) {
        assertWellFormed(text, TemplateChecker.check(text, SCOPE));
    }

    @Property(tries = 300)
    void anyStringNeverThrows(@ForAll String text) {
        assertWellFormed(text, TemplateChecker.check(text, SCOPE));
        assertWellFormed(text, TemplateChecker.checkExpression(text, SCOPE));
    }

    @Property(tries = 1000)
    void expressionNoiseNeverThrows(@ForAll("expressionNoise") String text) {
        assertWellFormed(text, TemplateChecker.checkExpression(text, SCOPE));
    }

    @Property(tries = 500)
    void templatesOfKnownReferencesAreClean(@ForAll("knownTemplates") Generated generated) {
        assertEquals(List.of(), TemplateChecker.check(generated.template, generated.scope), generated.template);
    }

    /** What the checker accepts, the renderer renders (given a value for every name). */
    @Property(tries = 200)
    void cleanTemplatesRender(@ForAll("knownTemplates") Generated generated) {
        TemplateRenderer renderer = new TemplateRenderer((version, range) -> true);
        RenderResult<String> result = renderer.render(generated.template, generated.context());
        assertTrue(result.isSuccess(), () -> generated.template + " -> " + result);
    }

    private static void assertWellFormed(String text, List<TemplateProblem> problems) {
        int lines = (int) text.chars().filter(c -> c == '\n').count() + 1;
        for (TemplateProblem p : problems) {
            assertTrue(p.line() < lines, () -> p + " is outside " + lines + " lines of " + text);
            assertFalse(p.message().contains("internal error"), () -> p + " for " + text);
        }
    }

    @Provide
    Arbitrary<String> templateNoise() {
        Arbitrary<String> pieces = Arbitraries.of("{{", "}}", "{%", "%}", "{#", "#}", "{%-", "-%}", "if ", "elif ", "else",
                "endif", "for ", " in ", "endfor", "set ", "endset", "raw", "endraw", "inputs.", "mode", "edge.from",
                "vars.", "run.", "|", " upper", "default(", ")", "'", "\"", "[", "]", ".", "=", "==", " and ", " is ",
                "not ", "\n", " ", "x", "1", ",", ":", "~", "{", "}", "%", "\\", "(", "satisfies(", "loop.", "-");
        Arbitrary<String> chars = Arbitraries.strings().withChars("{}%#|'\"()[].=-+*/~ \n\tabxz019:,!<>\\").ofMaxLength(4);
        return Arbitraries.oneOf(pieces, pieces, chars).list().ofMaxSize(30).map(list -> String.join("", list));
    }

    @Provide
    Arbitrary<String> expressionNoise() {
        Arbitrary<String> pieces = Arbitraries.of("inputs", "edge", "vars", "run", ".", "mode", "from", "[", "]", "'",
                "\"", "(", ")", "|", "upper", " is ", " not ", " and ", " or ", "==", "<", "satisfies", ",", "1", "2.5",
                "{", "}", ":", " if ", " else ", "~", "+", "-", "**", "//", " in ", "=", " ");
        return pieces.list().ofMaxSize(20).map(list -> String.join("", list));
    }

    @Provide
    Arbitrary<Generated> knownTemplates() {
        Arbitrary<String> name = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(6)
                .filter(n -> !KEYWORDS.contains(n));
        Arbitrary<Set<String>> inputs = name.set().ofMinSize(1).ofMaxSize(4);
        Arbitrary<Set<String>> vars = name.set().ofMaxSize(3);
        Arbitrary<Boolean> hop = Arbitraries.of(true, false);
        return Combinators.combine(inputs, vars, hop).flatAs((in, vs, h) -> {
            TemplateScope scope = TemplateScope.builder().inputs(in).vars(vs).hopScope(h).build();
            return piece(scope).list().ofMinSize(1).ofMaxSize(6)
                    .map(pieces -> new Generated(String.join("", pieces), scope));
        });
    }

    /** A text, an output, an if or a for, each over a reference the scope defines. */
    private static Arbitrary<String> piece(TemplateScope scope) {
        Arbitrary<String> reference = reference(scope);
        Arbitrary<String> filter = Arbitraries.of("", " | upper", " | lower", " | trim", " | default('x')", " | string",
                " | length", " | replace('a', 'b')");
        Arbitrary<String> output = Combinators.combine(reference, filter).as((r, f) -> "{{ " + r + f + " }}");
        Arbitrary<String> text = Arbitraries.of("text ", "\n", " - ", "{ not markup }", "100% ");
        Arbitrary<String> condition = Combinators.combine(reference, reference, Arbitraries.of(" and ", " or ", " == ", " != "))
                .as((a, b, op) -> a + op + b);
        Arbitrary<String> branch = Combinators.combine(condition, output, reference)
                .as((c, o, r) -> "{% if " + c + " %}" + o + "{% elif " + r + " %}x{% else %}" + o + "{% endif %}");
        Arbitrary<String> loop = Combinators.combine(reference, output)
                .as((r, o) -> "{% for item in " + r + " %}{{ item }}{{ loop.index }}" + o + "{% endfor %}");
        Arbitrary<String> set = Combinators.combine(reference, filter)
                .as((r, f) -> "{% set local = " + r + f + " %}{{ local }}");
        Arbitrary<String> satisfies = scope.isHopScope()
                ? Arbitraries.of("{% if satisfies(edge.from, '<2') %}old{% endif %}")
                : Arbitraries.of("{% if satisfies(run.from, '<2') %}old{% endif %}");
        return Arbitraries.oneOf(text, output, output, branch, loop, set, satisfies);
    }

    private static Arbitrary<String> reference(TemplateScope scope) {
        List<String> refs = new ArrayList<>();
        for (String namespace : scope.namespaces()) {
            for (String key : scope.keys(namespace)) {
                refs.add(namespace + "." + key);
                refs.add(namespace + "['" + key + "']");
            }
        }
        scope.vars().forEach(v -> refs.add("vars." + v + ".stdout"));
        return Arbitraries.of(refs);
    }

    /** A template and the scope it was built from. */
    static final class Generated {
        final String template;
        final TemplateScope scope;

        Generated(String template, TemplateScope scope) {
            this.template = template;
            this.scope = scope;
        }

        /** A value for every name of the scope: strings, and a map for each registered variable. */
        Map<String, Object> context() {
            Map<String, Object> context = new LinkedHashMap<>();
            for (String namespace : scope.namespaces()) {
                Map<String, Object> values = new LinkedHashMap<>();
                for (String key : scope.keys(namespace)) {
                    values.put(key, namespace.equals(TemplateScope.VARS) ? Map.of("stdout", "out") : "1.5");
                }
                context.put(namespace, values);
            }
            return context;
        }

        @Override
        public String toString() {
            return template + " in " + scope;
        }
    }
}
