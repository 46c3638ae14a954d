package dev.upbook.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.upbook.resolve.Ast;
import dev.upbook.resolve.Resolution;
import dev.upbook.resolve.Resolver;
import dev.upbook.resolve.TestScheme;
import dev.upbook.resolve.VersionGraph;
import dev.upbook.spec.ast.Playbook;
import dev.upbook.spec.ast.Step;
import dev.upbook.spec.diag.Diagnostics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Planning is a pure function of the playbook's content and the request. */
class PlanProperties {

    record StepSpec(Set<Integer> after, String param) {}

    record EdgeSpec(int from, int to, boolean irreversible, List<StepSpec> steps, int reviewItems) {}

    record PlanSpec(int releases, List<StepSpec> pre, List<EdgeSpec> edges, List<StepSpec> post, int reviewItems) {

        Playbook build(int firstLine) {
            Ast ast = Ast.playbook(firstLine);
            ast.releases(IntStream.rangeClosed(1, releases).mapToObj(Integer::toString).toArray(String[]::new));
            ast.pre(steps(ast, pre).toArray(Step[]::new));
            for (EdgeSpec e : edges) {
                List<dev.upbook.spec.ast.ReviewItem> review = new ArrayList<>();
                for (int i = 0; i < e.reviewItems(); i++) review.add(ast.reviewItem("check-" + i));
                ast.edge(Integer.toString(e.from()), Integer.toString(e.to()), Ast.hop(e.irreversible(), steps(ast, e.steps()), review));
            }
            ast.post(steps(ast, post).toArray(Step[]::new));
            for (int i = 0; i < reviewItems; i++) ast.review(ast.reviewItem("final-" + i));
            ast.precondition("disk-space");
            return ast.build();
        }

        private static List<Step> steps(Ast ast, List<StepSpec> specs) {
            List<Step> steps = new ArrayList<>();
            for (int i = 0; i < specs.size(); i++) {
                StepSpec s = specs.get(i);
                steps.add(ast.step("step-" + i, Map.of("arg", s.param()), s.after().stream().sorted().map(k -> "step-" + k).toArray(String[]::new)));
            }
            return steps;
        }
    }

    /** A scope of up to five steps; each runs after a subset of the steps declared before it. */
    static Arbitrary<List<StepSpec>> scope() {
        return Arbitraries.integers().between(0, 5).flatMap(n -> {
            List<Arbitrary<StepSpec>> steps = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                List<Integer> earlier = IntStream.range(0, i).boxed().collect(Collectors.toList());
                Arbitrary<Set<Integer>> after = earlier.isEmpty() ? Arbitraries.just(Set.of()) : Arbitraries.subsetOf(earlier);
                steps.add(Combinators.combine(after, Arbitraries.strings().alpha().ofMaxLength(4)).as(StepSpec::new));
            }
            return Combinators.combine(steps).as(list -> list);
        });
    }

    @Provide
    Arbitrary<PlanSpec> playbooks() {
        return Arbitraries.integers().between(2, 6).flatMap(n -> {
            Arbitrary<EdgeSpec> edge = Combinators.combine(Arbitraries.integers().between(1, n - 1), Arbitraries.integers().between(1, 3),
                    Arbitraries.of(false, false, true), scope(), Arbitraries.integers().between(0, 2))
                    .as((from, d, irreversible, steps, review) -> new EdgeSpec(from, Math.min(n, from + d), irreversible, steps, review));
            Arbitrary<List<EdgeSpec>> edges = edge.list().ofMinSize(1).ofMaxSize(8)
                    .map(list -> { // always a way through, so that most requests plan
                        List<EdgeSpec> all = new ArrayList<>(list);
                        for (int v = 1; v < n; v++) all.add(new EdgeSpec(v, v + 1, false, List.of(), 0));
                        return all;
                    });
            return Combinators.combine(scope(), edges, scope(), Arbitraries.integers().between(0, 2))
                    .as((pre, e, post, review) -> new PlanSpec(n, pre, e, post, review));
        });
    }

    private static Plan plan(Playbook playbook, int from, int to) {
        VersionGraph graph = VersionGraph.build(playbook, TestScheme.INSTANCE, new Diagnostics());
        Resolution r = new Resolver(graph).resolve(TestScheme.v(Integer.toString(from)), TestScheme.v(Integer.toString(to)));
        return Planner.plan(playbook, graph, r.found().orElseThrow(() -> new AssertionError(r.message())));
    }

    @Property(tries = 500)
    void planningTwiceGivesTheSamePlanAndHash(@ForAll("playbooks") PlanSpec spec) {
        Playbook playbook = spec.build(1);
        Plan first = plan(playbook, 1, spec.releases());
        Plan second = plan(playbook, 1, spec.releases());
        assertEquals(first, second);
        assertEquals(first.hash(), second.hash());
        assertEquals(PlanPrinter.text(first, false, null), PlanPrinter.text(second, false, null));
        assertEquals(PlanPrinter.json(first, false, null), PlanPrinter.json(second, false, null));
    }

    @Property(tries = 500)
    void theHashDoesNotDependOnPositions(@ForAll("playbooks") PlanSpec spec) {
        Plan here = plan(spec.build(1), 1, spec.releases());
        Plan elsewhere = plan(spec.build(5000), 1, spec.releases());
        assertEquals(here.hash(), elsewhere.hash());
        assertEquals(PlanPrinter.text(here, false, null), PlanPrinter.text(elsewhere, false, null));
    }

    @Property(tries = 500)
    void thePlanIsATotalOrderRespectingPhasesAndAfter(@ForAll("playbooks") PlanSpec spec) {
        Plan plan = plan(spec.build(1), 1, spec.releases());
        List<String> ids = plan.steps().stream().map(StepInstance::id).collect(Collectors.toList());
        assertEquals(ids.size(), Set.copyOf(ids).size(), "instance ids are unique");
        List<Phase> phases = plan.steps().stream().map(StepInstance::phase).collect(Collectors.toList());
        for (int i = 0; i + 1 < phases.size(); i++) assertTrue(phases.get(i).compareTo(phases.get(i + 1)) <= 0, "phase order");
        for (StepInstance s : plan.steps()) {
            if (s.step().isEmpty()) continue;
            String scope = s.id().substring(0, s.id().lastIndexOf('/') + 1);
            for (var after : s.step().get().after()) {
                assertTrue(ids.indexOf(scope + after.value()) < ids.indexOf(s.id()), s.id() + " runs after " + after.value());
            }
        }
    }
}
