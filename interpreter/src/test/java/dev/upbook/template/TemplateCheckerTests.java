package dev.upbook.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.upbook.template.TemplateProblem.Kind;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Templates with their expected problems. Positions are 0-based inside the template; each bad
 * template asserts kind, line and column, and the words of the message that tell the author what
 * to do.
 */
class TemplateCheckerTests {

    /** A hop step: inputs mode, list and a secret token; one registered variable. */
    static final TemplateScope HOP = TemplateScope.builder()
            .input("mode").input("list").secretInput("token").var("result").hopScope(true).build();
    /** The same names outside a hop (pre, post): no edge. */
    static final TemplateScope PRE = HOP.toBuilder().hopScope(false).build();

    @Nested
    class ValidTemplates {

        @ParameterizedTest
        @ValueSource(strings = {
            "plain text, no markup at all",
            "a single { brace and } and %} and }} alone",
            "{{ inputs.mode }}",
            "{{ inputs.token }}",
            "{{ edge.from }} -> {{ edge.to }}",
            "{{ run.id }} {{ run.from }} {{ run.to }} {{ run.installation }} {{ run.started }}",
            "{{ vars.result }} {{ vars.result.stdout }} {{ vars.result['rc'] }}",
            "{{ inputs['mode'] }} {{ inputs[\"list\"] }}",
            "{{ inputs }} {{ vars }}",
            "{% for k in inputs.list %}{{ k }} {{ loop.index }}{% endfor %}",
            "{% for k, v in inputs.items() %}{{ k }}={{ v }}{% endfor %}",
            "{% for k in inputs.list %}{% for j in k %}{{ j ~ k }}{% endfor %}{% else %}none{% endfor %}",
            "{% set x = inputs.mode | upper %}{{ x }}",
            "{% set a, b = inputs.mode, run.id %}{{ a }}{{ b }}",
            "{% set body %}{{ inputs.mode }}{% endset %}{{ body }}",
            "{% set body | upper %}text{% endset %}{{ body }}",
            "{% set ns = namespace(count=0) %}{% for i in inputs.list %}{% set ns.count = ns.count + 1 %}{% endfor %}{{ ns.count }}",
            "{{ vars.result.stdout | default('none') | trim | upper }}",
            "{{ inputs.list | join(', ') }} {{ inputs.mode | replace('a', 'b') }}",
            "{{ '{{ not a variable }}' }} {{ \"{% neither %}\" }}",
            "{{ '}}' ~ inputs.mode ~ '{{' }}",
            "{% if satisfies(edge.from, '<1.7') and inputs.mode == 'full' %}a{% elif run.id %}b{% else %}c{% endif %}",
            "{% unless inputs.mode %}x{% endunless %}",
            "{{ inputs.mode if inputs.mode else run.id }}",
            "{{ {'a': inputs.mode, b: run.id}['a'] }} {{ [inputs.mode, run.id] | join(',') }}",
            "{{ (inputs.mode, run.id) }} {{ inputs.list[1:] }} {{ inputs.list[0] }}",
            "{{ range(1, 5) | join(',') }} {{ vars.result is defined }} {{ inputs.mode is not none }}",
            "{{ inputs.mode | default(run.id) }} {{ inputs.list | map('upper') | list }}",
            "{% raw %}{{ anything }} {% at all %}{% endraw %}",
            "{# {{ unknown }} is commented out #}{{ run.id }}",
            "{%- if inputs.mode -%} x {%- endif %}",
            "{% for i in inputs.list %}{% if loop.first %}{% continue %}{% endif %}{{ i }}{% endfor %}",
            "{% print inputs.mode %}{% do inputs.list %}",
            "{{ inputs.mode == none }} {% if vars.result != None %}x{% endif %}",
            "{{ -1 }} {{ 2 ** 3 }} {{ 7 // 2 }} {{ 'a' in inputs.list }} {{ 'b' not in inputs.list }}",
            "{{ inputs.list | map(attribute='name') | join(',') }} {{ '%s-%s' | format(run.from, run.to) }}",
            "{% if inputs.mode in ['a', 'b'] and not inputs.list %}{{ inputs.list | length > 0 }}{% endif %}",
            "{{ inputs.list is containing 'a' }} {{ 3 is divisibleby 3 }} {{ inputs.mode is string_containing 'f' }}",
            "{% for x in inputs.list %}{{ loop.cycle('odd', 'even') }}{{ loop.index0 }}{{ loop.last }}{% endfor %}",
            "{{ inputs.mode|upper }}{{inputs.mode}}{{- inputs.mode -}}",
            "line one\n{% if inputs.mode %}\n  {{ vars.result }}\n{% endif %}\n",
        })
        void reportNothing(String template) {
            assertEquals(List.of(), TemplateChecker.check(template, HOP), template);
        }

        @Test
        void aMegabyteWithoutMarkupHasNoProblems() {
            String megabyte = "plain text { with } braces % and # signs\n".repeat(25_000);
            assertEquals(List.of(), TemplateChecker.check(megabyte, HOP));
        }

        @Test
        void aSetVariableIsVisibleAfterTheIfThatSetsIt() {
            assertEquals(List.of(), TemplateChecker.check("{% if run.id %}{% set x = 1 %}{% endif %}{{ x }}", PRE));
        }
    }

    @Nested
    class UnknownInputs {

        @Test
        void misspeltInputSuggestsTheClosestName() {
            TemplateProblem p = only(TemplateChecker.check("{{ inputs.mdoe }}", HOP));
            assertProblem(p, Kind.UNKNOWN_INPUT, 0, 3, "'inputs.mdoe'", "did you mean 'inputs.mode'?");
        }

        @Test
        void unrelatedInputListsTheDeclaredOnes() {
            TemplateProblem p = only(TemplateChecker.check("say {{ inputs.colour }}", HOP));
            assertProblem(p, Kind.UNKNOWN_INPUT, 0, 7, "'inputs.colour'", "declared inputs: mode, list, token");
        }

        @Test
        void noInputsDeclaredSaysWhereToDeclare() {
            TemplateProblem p = only(TemplateChecker.check("{{ inputs.host }}", TemplateScope.builder().build()));
            assertProblem(p, Kind.UNKNOWN_INPUT, 0, 3, "declares no inputs", "under 'inputs'");
        }

        @Test
        void bracketAccessIsChecked() {
            assertProblem(only(TemplateChecker.check("{{ inputs['nope'] }}", HOP)), Kind.UNKNOWN_INPUT, 0, 3, "'inputs.nope'");
        }

        @Test
        void inputInsideForSetAndFilterArguments() {
            List<TemplateProblem> problems = TemplateChecker.check(
                    "{% for k in inputs.a %}{% endfor %}{% set x = inputs.b %}{{ run.id | default(inputs.c) }}", HOP);
            assertEquals(List.of("0:12 UNKNOWN_INPUT", "0:46 UNKNOWN_INPUT", "0:77 UNKNOWN_INPUT"), where(problems));
        }
    }

    @Nested
    class UnknownVariables {

        /** Regression: Jinjava's parser threw a NullPointerException on this input (found by jqwik). */
        @Test
        void aTruncatedConditionalIsASyntaxErrorNotAnInternalError() {
            List<TemplateProblem> problems = TemplateChecker.checkExpression("inputs if {", HOP);
            assertEquals(1, problems.size(), problems.toString());
            assertEquals(TemplateProblem.Kind.SYNTAX, problems.get(0).kind());
            assertFalse(problems.get(0).message().contains("internal error"), problems.get(0).message());
        }

        @Test
        void everyBranchIsChecked() {
            List<TemplateProblem> problems = TemplateChecker.check(
                    "{% if x %}{{ inputs.mode }}{% elif y %}{{ z }}{% else %}{{ w }}{% endif %}", HOP);
            assertEquals(List.of("0:6 UNKNOWN_VARIABLE", "0:35 UNKNOWN_VARIABLE", "0:42 UNKNOWN_VARIABLE",
                    "0:59 UNKNOWN_VARIABLE"), where(problems));
            assertTrue(problems.get(0).message().contains("unknown variable 'x'"), problems.get(0).message());
        }

        @Test
        void bothSidesOfConditionalsAndBooleanOperators() {
            assertEquals(List.of("0:3 UNKNOWN_VARIABLE", "0:20 UNKNOWN_VARIABLE", "0:25 UNKNOWN_VARIABLE"),
                    where(TemplateChecker.check("{{ a if run.id else b or c }}", HOP)));
        }

        @Test
        void positionsOnLaterLines() {
            TemplateProblem p = only(TemplateChecker.check("line one\n{% if inputs.mode %}\n  {{ vars.missing }}\n{% endif %}", HOP));
            assertProblem(p, Kind.UNKNOWN_VARIABLE, 2, 5, "'vars.missing'", "register: missing");
        }

        @Test
        void edgeOutsideAHop() {
            TemplateProblem p = only(TemplateChecker.check("{{ edge.from }}", PRE));
            assertProblem(p, Kind.UNKNOWN_VARIABLE, 0, 3, "'edge'", "edges and rules");
        }

        @Test
        void unknownKeysOfRunAndEdge() {
            assertProblem(only(TemplateChecker.check("{{ run.nmae }}", HOP)), Kind.UNKNOWN_VARIABLE, 0, 3,
                    "'run.nmae'", "run has id, from, to, installation, started");
            assertProblem(only(TemplateChecker.check("{{ edge.form }}", HOP)), Kind.UNKNOWN_VARIABLE, 0, 3,
                    "did you mean 'edge.from'?");
        }

        @Test
        void onlyTheFirstKeyOfVarsIsChecked() {
            assertProblem(only(TemplateChecker.check("{{ vars.reslt.stdout }}", HOP)), Kind.UNKNOWN_VARIABLE, 0, 3,
                    "'vars.reslt'", "did you mean 'vars.result'?");
            assertEquals(List.of(), TemplateChecker.check("{{ vars.result.anything.at.all }}", HOP));
        }

        @Test
        void loopVariablesExistOnlyInsideTheLoop() {
            assertEquals(List.of("0:3 UNKNOWN_VARIABLE", "0:55 UNKNOWN_VARIABLE", "0:62 UNKNOWN_VARIABLE"),
                    where(TemplateChecker.check("{{ k }}{% for k in inputs.list %}{{ k }}{% endfor %}{{ k }}{{ loop }}", HOP)));
        }

        @Test
        void setInsideALoopStaysInTheLoop() {
            assertEquals(List.of("0:56 UNKNOWN_VARIABLE"),
                    where(TemplateChecker.check("{% for k in inputs.list %}{% set y = k %}{% endfor %}{{ y }}", HOP)));
        }

        @Test
        void useBeforeSet() {
            assertEquals(List.of("0:3 UNKNOWN_VARIABLE"), where(TemplateChecker.check("{{ x }}{% set x = 1 %}{{ x }}", HOP)));
        }

        @Test
        void aStringWithBracesDoesNotHideWhatFollows() {
            assertProblem(only(TemplateChecker.check("{{ '}}' ~ nope }}", HOP)), Kind.UNKNOWN_VARIABLE, 0, 10, "'nope'");
        }

        @Test
        void unknownFunction() {
            assertProblem(only(TemplateChecker.check("{{ satisfie(run.from, '1') }}", HOP)), Kind.UNKNOWN_VARIABLE, 0, 3,
                    "unknown function 'satisfie()'", "did you mean 'satisfies'?");
            assertProblem(only(TemplateChecker.check("{{ frobnicate() }}", HOP)), Kind.UNKNOWN_VARIABLE, 0, 3,
                    "unknown function 'frobnicate()'", "satisfies(version, range)");
        }

        @Test
        void jinjavasInternalNamesAreNotVariables() {
            assertProblem(only(TemplateChecker.check("{{ ____int3rpr3t3r____ }}", HOP)), Kind.UNKNOWN_VARIABLE, 0, 3,
                    "'____int3rpr3t3r____'");
        }

        @Test
        void misspeltNamespaceSuggestsIt() {
            assertProblem(only(TemplateChecker.check("{{ input.mode }}", HOP)), Kind.UNKNOWN_VARIABLE, 0, 3,
                    "'input'", "did you mean 'inputs'?");
        }
    }

    @Nested
    class SyntaxErrors {

        @Test
        void unclosedExpression() {
            assertProblem(only(TemplateChecker.check("ab {{ inputs.mode", HOP)), Kind.SYNTAX, 0, 3, "'{{' is never closed");
        }

        @Test
        void unclosedTagDelimiter() {
            assertProblem(only(TemplateChecker.check("x\n{% if inputs.mode", HOP)), Kind.SYNTAX, 1, 0, "'{%' is never closed");
        }

        @Test
        void unclosedBlock() {
            assertProblem(only(TemplateChecker.check("a\n  {% if inputs.mode %}x", HOP)), Kind.SYNTAX, 1, 2,
                    "never closed", "{% endif %}");
        }

        @Test
        void mismatchedEndTag() {
            assertProblem(only(TemplateChecker.check("{% for k in inputs.list %}{% endif %}", HOP)), Kind.SYNTAX, 0, 26,
                    "expected '{% endfor %}'");
        }

        @Test
        void badExpressionPointsAtTheEnd() {
            // the expression is "inputs.mode +"; it ends at the space before "}}"
            assertProblem(only(TemplateChecker.check("{{ inputs.mode + }}", HOP)), Kind.SYNTAX, 0, 16, "invalid expression",
                    "ends too early", "'inputs.mode +'");
        }

        @Test
        void badExpressionInATag() {
            assertProblem(only(TemplateChecker.check("{% if inputs.mode == = 1 %}{% endif %}", HOP)), Kind.SYNTAX, 0, 21,
                    "invalid expression");
        }

        @Test
        void unknownTag() {
            assertProblem(only(TemplateChecker.check("x {% frobnicate %}", HOP)), Kind.SYNTAX, 0, 2, "unknown tag '{% frobnicate %}'");
        }

        @Test
        void jinjavaTagsUpbookLeavesOut() {
            assertProblem(only(TemplateChecker.check("{% include 'other.j2' %}", HOP)), Kind.SYNTAX, 0, 0,
                    "'{% include %}' is not available");
            assertProblem(only(TemplateChecker.check("{% macro m(a) %}{{ a }}{% endmacro %}", HOP)), Kind.SYNTAX, 0, 0,
                    "'{% macro %}' is not available");
        }

        @Test
        void unknownFilter() {
            assertProblem(only(TemplateChecker.check("{{ inputs.mode | uper }}", HOP)), Kind.SYNTAX, 0, 17,
                    "unknown filter 'uper'", "did you mean 'upper'?");
        }

        @Test
        void renderFilterIsNotAvailable() {
            assertProblem(only(TemplateChecker.check("{{ inputs.mode | render }}", HOP)), Kind.SYNTAX, 0, 17,
                    "'render' is not available");
        }

        @Test
        void unknownTest() {
            assertProblem(only(TemplateChecker.check("{{ inputs.mode is defind }}", HOP)), Kind.SYNTAX, 0, 18,
                    "unknown test 'is defind'", "did you mean 'defined'?");
        }

        @Test
        void javaMethodCalls() {
            assertProblem(only(TemplateChecker.check("{{ inputs.mode.getClass() }}", HOP)), Kind.SYNTAX, 0, 15,
                    "'.getClass()' is not available");
            List<TemplateProblem> chain = TemplateChecker.check("{{ ''.getClass().forName('java.lang.Runtime') }}", HOP);
            assertEquals(2, chain.size(), chain::toString);
            assertProblem(chain.get(0), Kind.SYNTAX, 0, 6, "'.getClass()'");
            assertProblem(chain.get(1), Kind.SYNTAX, 0, 17, "'.forName()'");
        }

        @Test
        void satisfiesNeedsTwoArguments() {
            assertProblem(only(TemplateChecker.check("{{ satisfies(edge.from) }}", HOP)), Kind.SYNTAX, 0, 3, "2 arguments, got 1");
        }

        @Test
        void emptyExpressionAndEmptyCondition() {
            assertProblem(only(TemplateChecker.check("{{ }}", HOP)), Kind.SYNTAX, 0, 0, "empty");
            assertProblem(only(TemplateChecker.check("{% if %}{% endif %}", HOP)), Kind.SYNTAX, 0, 0, "needs an expression");
        }

        @Test
        void assignmentOutsideACall() {
            assertProblem(only(TemplateChecker.check("{{ mode=inputs.mode }}", HOP)), Kind.SYNTAX, 0, 3, "{% set name = ... %}");
            assertProblem(only(TemplateChecker.check("{{ [a=1] }}", HOP)), Kind.SYNTAX, 0, 4, "names an argument");
        }

        @Test
        void elseWithACondition() {
            assertProblem(only(TemplateChecker.check("{% if run.id %}{% else if run.to %}{% endif %}", HOP)), Kind.SYNTAX, 0, 22,
                    "elif");
        }

        @Test
        void malformedTagToken() {
            assertProblem(only(TemplateChecker.check("ab{%}", HOP)), Kind.SYNTAX, 0, 2, "malformed");
        }

        @Test
        void forWithoutIn() {
            assertProblem(only(TemplateChecker.check("{% for k %}{% endfor %}", HOP)), Kind.SYNTAX, 0, 0, "NAME in EXPRESSION");
        }
    }

    @Nested
    class BareExpressions {

        @Test
        void aValidWhen() {
            assertEquals(List.of(), TemplateChecker.checkExpression("satisfies(edge.from, '<1.7') and inputs.mode == 'full'", HOP));
            assertEquals(List.of(), TemplateChecker.checkExpression("vars.result.rc == 0 or inputs.list | length > 2", HOP));
        }

        @Test
        void edgeInAWhenOutsideAHop() {
            assertProblem(only(TemplateChecker.checkExpression("satisfies(edge.from, '<1.7') and inputs.mode == 'full'", PRE)),
                    Kind.UNKNOWN_VARIABLE, 0, 10, "'edge'");
        }

        @Test
        void unknownInputInAWhen() {
            assertProblem(only(TemplateChecker.checkExpression("inputs.mdoe == 'full'", HOP)), Kind.UNKNOWN_INPUT, 0, 0,
                    "did you mean 'inputs.mode'?");
        }

        @Test
        void positionsOnTheSecondLine() {
            assertProblem(only(TemplateChecker.checkExpression("inputs.mode == 'full'\n  and nope", HOP)),
                    Kind.UNKNOWN_VARIABLE, 1, 6, "'nope'");
        }

        @Test
        void bracesInAWhen() {
            assertProblem(only(TemplateChecker.checkExpression("x {{ inputs.mode }}", HOP)), Kind.SYNTAX, 0, 2, "without '{{ }}'");
        }

        @Test
        void syntaxErrorsInAWhen() {
            assertProblem(only(TemplateChecker.checkExpression("inputs.mode ==", HOP)), Kind.SYNTAX, 0, 14, "invalid expression");
            assertProblem(only(TemplateChecker.checkExpression("  ", HOP)), Kind.SYNTAX, 0, 0, "empty");
            assertProblem(only(TemplateChecker.checkExpression("inputs.mode | nofilter", HOP)), Kind.SYNTAX, 0, 14, "unknown filter");
        }
    }

    @Nested
    class Scopes {

        @Test
        void withVarAddsARegisteredVariable() {
            assertEquals(1, TemplateChecker.check("{{ vars.later }}", HOP).size());
            assertEquals(List.of(), TemplateChecker.check("{{ vars.later }}", HOP.withVar("later")));
        }

        @Test
        void secretsAreInputs() {
            assertTrue(HOP.isSecret("token"));
            assertEquals(java.util.Set.of("token"), HOP.secretInputs());
            assertEquals(List.of(), TemplateChecker.check("{{ inputs.token }}", HOP));
        }

        @Test
        void builderRejectsBlankNames() {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> TemplateScope.builder().input(" "));
            assertTrue(e.getMessage().contains("input name must not be blank"), e.getMessage());
        }

        @Test
        void namespacesDependOnHopScope() {
            assertEquals(List.of("inputs", "edge", "run", "vars", "captured"), List.copyOf(HOP.namespaces()));
            assertEquals(List.of("inputs", "run", "vars", "captured"), List.copyOf(PRE.namespaces()));
        }
    }

    static TemplateProblem only(List<TemplateProblem> problems) {
        assertEquals(1, problems.size(), () -> "expected one problem, got " + problems);
        return problems.get(0);
    }

    static void assertProblem(TemplateProblem p, Kind kind, int line, int column, String... words) {
        assertEquals(kind + " " + line + ":" + column, p.kind() + " " + p.line() + ":" + p.column(), p.toString());
        for (String word : words) assertTrue(p.message().contains(word), () -> "'" + word + "' not in: " + p.message());
    }

    static List<String> where(List<TemplateProblem> problems) {
        return problems.stream().map(p -> p.line() + ":" + p.column() + " " + p.kind()).collect(Collectors.toList());
    }
}
