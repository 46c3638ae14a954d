package dev.upbook.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TemplateRendererTests {

    /** "1.6" satisfies "<1.7": a toy scheme comparing major.minor; rejects what it cannot read. */
    static final BiPredicate<String, String> VERSIONS = (version, range) -> {
        if (!range.startsWith("<")) throw new IllegalArgumentException("not a range: '" + range + "'");
        return Double.parseDouble(version) < Double.parseDouble(range.substring(1));
    };

    final TemplateRenderer renderer = new TemplateRenderer(VERSIONS);

    static Map<String, Object> context() {
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("mode", "full");
        inputs.put("list", List.of("a", "b", "c"));
        inputs.put("token", "s3cr3t");
        inputs.put("braces", "{{ run.id }}");
        Map<String, Object> result = Map.of("stdout", "ok\n", "rc", 0);
        return Map.of(
                "inputs", inputs,
                "edge", new LinkedHashMap<>(Map.of("from", "1.6")) {{ put("to", "1.7"); }},
                "run", Map.of("id", "r-42", "from", "1.6", "to", "2.0", "installation", "prod", "started", "2024-05-01T10:00:00Z"),
                "vars", Map.of("result", result));
    }

    String rendered(String template) {
        RenderResult<String> result = renderer.render(template, context());
        assertTrue(result.isSuccess(), () -> template + " -> " + result);
        return result.value();
    }

    String failure(String template) {
        RenderResult<String> result = renderer.render(template, context());
        assertFalse(result.isSuccess(), () -> template + " rendered as '" + result + "'");
        return result.error().orElseThrow();
    }

    @Nested
    class Rendering {

        @Test
        void textWithoutMarkupComesBackUnchanged() {
            assertEquals("plain } text {", rendered("plain } text {"));
        }

        @Test
        void namespacesFiltersLoopsAndSet() {
            assertEquals("full r-42 1.6->1.7", rendered("{{ inputs.mode }} {{ run.id }} {{ edge.from }}->{{ edge.to }}"));
            assertEquals("FULL", rendered("{{ inputs.mode | upper }}"));
            assertEquals("a,b,c", rendered("{{ inputs.list | join(',') }}"));
            assertEquals("1a2b3c", rendered("{% for x in inputs.list %}{{ loop.index }}{{ x }}{% endfor %}"));
            assertEquals("full!", rendered("{% set m = inputs.mode ~ '!' %}{{ m }}"));
            assertEquals("ok", rendered("{{ vars.result.stdout | trim }}"));
            assertEquals("0", rendered("{{ vars.result['rc'] }}"));
            assertEquals("fallback", rendered("{{ vars.result.missing | default('fallback') }}"));
        }

        @Test
        void dictMethodsAreAllowed() {
            assertEquals("from=1.6;to=1.7;", rendered("{% for k, v in edge.items() %}{{ k }}={{ v }};{% endfor %}"));
            assertEquals("2", rendered("{{ edge.keys() | length }}"));
        }

        @Test
        void branchesAndSatisfies() {
            assertEquals("old", rendered("{% if satisfies(edge.from, '<1.7') %}old{% else %}new{% endif %}"));
            assertEquals("new", rendered("{% if satisfies(edge.to, '<1.7') %}old{% else %}new{% endif %}"));
        }

        @Test
        void trailingNewlinesOfBlockScalarsStay() {
            assertEquals("line full\n", rendered("line {{ inputs.mode }}\n"));
        }

        @Test
        void valuesAreNotRenderedAgain() {
            assertEquals("{{ run.id }}", rendered("{{ inputs.braces }}"));
        }

        @Test
        void rawBlocks() {
            assertEquals("{{ kept }}", rendered("{% raw %}{{ kept }}{% endraw %}"));
        }
    }

    @Nested
    class Failures {

        @Test
        void unknownVariablesFail() {
            String error = failure("hello {{ inputs.nope }}");
            assertTrue(error.contains("inputs.nope"), error);
        }

        @Test
        void unknownNamespaceFails() {
            assertTrue(failure("{{ nope }}").contains("nope"));
        }

        @Test
        void anUnknownNameFailsEvenInsideALargerExpression() {
            // plain failOnUnknownTokens only fails when the whole expression is null
            assertTrue(failure("{{ inputs.mode ~ nope }}").contains("nope"));
            assertTrue(failure("{{ nope | default('d') }}").contains("nope"));
            assertTrue(failure("{% for x in nope %}{% endfor %}").contains("nope"));
        }

        @Test
        void missingKeysOfKnownMapsAreLenientAsInJinja() {
            assertEquals("d", rendered("{{ vars.result.missing | default('d') }}"));
            assertEquals("yes", rendered("{% if vars.result.missing is not defined and inputs.mode != none %}yes{% endif %}"));
        }

        @Test
        void syntaxErrorsFail() {
            failure("{{ inputs.mode + }}");
            failure("{% if inputs.mode %}never closed");
            failure("{{ inputs.mode");
        }

        @Test
        void unknownFilterFails() {
            failure("{{ inputs.mode | uper }}");
        }

        @Test
        void tagsUpbookLeavesOutAreDisabled() {
            failure("{% include 'META-INF/MANIFEST.MF' %}");
            failure("{% macro m() %}x{% endmacro %}{{ m() }}");
            failure("{% import 'x.j2' as y %}");
        }

        @Test
        void renderFilterIsDisabled() {
            failure("{{ inputs.braces | render }}");
        }

        @Test
        void satisfiesErrorsBecomeFailures() {
            String error = failure("{{ satisfies(edge.from, '1.7') }}");
            assertTrue(error.contains("not a range: '1.7'"), error);
        }

        @Test
        void resultsAreNeverThrown() {
            RenderResult<String> result = renderer.render("{{ nope }}", Map.of());
            assertThrows(IllegalStateException.class, result::value);
        }
    }

    @Nested
    class NoJavaAccess {

        @ParameterizedTest
        @ValueSource(strings = {
            "{{ inputs.mode.getClass() }}",
            "{{ inputs.mode.getClass().getName() }}",
            "{{ ''.getClass().forName('java.lang.Runtime') }}",
            "{{ inputs.mode.class }}",
            "{{ inputs.mode.class.name }}",
            "{{ inputs.mode.bytes }}",
            "{{ inputs.mode.toUpperCase() }}",
            "{{ inputs.mode.concat('x') }}",
            "{{ inputs.list.getClass() }}",
            "{{ inputs.list.size() }}",
            "{{ inputs.list.clear() }}",
            "{{ inputs.clear() }}",
            "{{ inputs.put('mode', 'x') }}",
            "{{ run.getClass().getClassLoader() }}",
            "{{ loop }}",
            "{% for x in inputs.list %}{{ loop.getClass() }}{% endfor %}",
            "{% for x in inputs.list %}{{ loop.hasNext() }}{% endfor %}",
            "{{ ____int3rpr3t3r____.getContext() }}",
            "{{ 'filter:upper'.length() }}",
            "{{ filter:upper.getClass() }}",
        })
        void javaIsUnreachable(String template) {
            RenderResult<String> result = renderer.render(template, context());
            assertFalse(result.isSuccess(), () -> template + " rendered as '" + result.value() + "'");
        }

        @Test
        void filtersThatReadAttributesDoNotReadJavaProperties() {
            assertEquals("[null, null, null]", rendered("{{ inputs.list | map(attribute='bytes') | list }}"));
            failure("{{ inputs.mode | attr('bytes') }}");
        }

        @Test
        void plainJinjavaWouldReachJava() {
            // the control: what the sandbox blocks is reachable with Jinjava's defaults
            assertEquals("ABC 2", new com.hubspot.jinjava.Jinjava().render("{{ x.toUpperCase() }} {{ l.size() }}",
                    Map.of("x", "abc", "l", List.of(1, 2))));
            assertTrue(failure("{{ inputs.mode.toUpperCase() }}").contains("method calls are not available"));
        }

        @Test
        void theMapsOfTheContextStayUnchanged() {
            Map<String, Object> inputs = new LinkedHashMap<>(Map.of("mode", "full"));
            List<Object> list = new ArrayList<>(List.of("a"));
            inputs.put("list", list);
            Map<String, Object> context = Map.of("inputs", inputs);
            renderer.render("{% do inputs.list.append('x') %}{% do inputs.update({'mode': 'hacked'}) %}", context);
            renderer.render("{% set _ = inputs.list.append('x') %}", context);
            assertEquals("full", inputs.get("mode"));
            assertEquals(List.of("a"), list);
        }
    }

    @Nested
    class Conditions {

        @Test
        void trueAndFalse() {
            assertEquals(true, renderer.renderCondition("satisfies(edge.from, '<1.7') and inputs.mode == 'full'", context()).value());
            assertEquals(false, renderer.renderCondition("inputs.mode == 'light'", context()).value());
            assertEquals(true, renderer.renderCondition("inputs.list", context()).value());
            assertEquals(false, renderer.renderCondition("vars.result.rc != 0", context()).value());
            assertEquals(true, renderer.renderCondition("inputs.mode is defined and 'b' in inputs.list", context()).value());
        }

        @Test
        void unknownVariablesFail() {
            RenderResult<Boolean> result = renderer.renderCondition("inputs.nope == 'x' or nope", context());
            assertFalse(result.isSuccess(), result::toString);
        }

        @Test
        void syntaxErrorsFail() {
            RenderResult<Boolean> result = renderer.renderCondition("inputs.mode ==", context());
            assertFalse(result.isSuccess(), result::toString);
            assertFalse(renderer.renderCondition(" ", context()).isSuccess());
        }

        @Test
        void noJavaInConditions() {
            RenderResult<Boolean> result = renderer.renderCondition("inputs.mode.getClass().getName() == 'java.lang.String'", context());
            assertFalse(result.isSuccess(), result::toString);
        }

        @Test
        void satisfiesWithAnUndefinedVersionFails() {
            RenderResult<Boolean> result = renderer.renderCondition("satisfies(vars.result.missing, '<1.7')", context());
            assertFalse(result.isSuccess(), result::toString);
            assertTrue(result.error().orElseThrow().contains("undefined"), result::toString);
        }

        @Test
        void eachRendererUsesItsOwnVersionScheme() {
            TemplateRenderer always = new TemplateRenderer((v, r) -> true);
            assertEquals(true, always.renderCondition("satisfies('9', 'anything')", Map.of()).value());
            assertEquals(false, renderer.renderCondition("satisfies('9', '<1.7')", Map.of()).value());
        }
    }
}
