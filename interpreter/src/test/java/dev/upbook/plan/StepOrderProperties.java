package dev.upbook.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.upbook.resolve.Ast;
import dev.upbook.spec.ast.Step;
import dev.upbook.spec.ast.Text;
import dev.upbook.spec.diag.Code;
import dev.upbook.spec.diag.Diagnostic;
import dev.upbook.spec.diag.Diagnostics;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Step ordering on random {@code after} graphs: acyclic ones always order, respecting every
 * constraint and taking the earliest-declared ready step each time; cyclic ones report one
 * STEP_CYCLE per cyclic group and per self-loop, each naming a real cycle at the 'after' entry
 * that closes it, and still return every step once.
 */
class StepOrderProperties {

    /** {@code after.get(j)}: the indices step {@code s<j>} runs after. */
    record Graph(List<Set<Integer>> after) {
        List<Step> steps() {
            Ast ast = Ast.playbook();
            List<Step> steps = new ArrayList<>();
            for (int j = 0; j < after.size(); j++) {
                steps.add(ast.step("s" + j, after.get(j).stream().sorted().map(k -> "s" + k).toArray(String[]::new)));
            }
            return steps;
        }
    }

    @Provide
    Arbitrary<Graph> acyclic() {
        return Arbitraries.integers().between(1, 14).flatMap(n ->
                Arbitraries.shuffle(IntStream.range(0, n).boxed().collect(Collectors.toList())).flatMap(rank -> {
                    List<Arbitrary<Set<Integer>>> perStep = new ArrayList<>();
                    for (int j = 0; j < n; j++) {
                        int r = rank.get(j);
                        List<Integer> earlier = IntStream.range(0, n).filter(k -> rank.get(k) < r).boxed().collect(Collectors.toList());
                        perStep.add(earlier.isEmpty() ? Arbitraries.just(Set.of()) : Arbitraries.subsetOf(earlier).ofMaxSize(3));
                    }
                    return Combinators.combine(perStep).as(Graph::new);
                }));
    }

    @Provide
    Arbitrary<Graph> anyGraph() {
        return Arbitraries.integers().between(1, 12).flatMap(n ->
                Arbitraries.integers().between(0, n - 1).set().ofMaxSize(2).list().ofSize(n).map(Graph::new));
    }

    @Property(tries = 1000)
    void acyclicGraphsAlwaysOrderRespectingEveryAfter(@ForAll("acyclic") Graph g) {
        Diagnostics diags = new Diagnostics();
        List<Step> steps = g.steps();
        List<Step> ordered = StepOrder.order(steps, "pre", diags);
        assertEquals(List.of(), diags.asList());
        List<Integer> order = indices(ordered);
        assertRespectsAfter(g, order);
        // stable: each position takes the earliest-declared step whose constraints are met
        Set<Integer> placed = new HashSet<>();
        for (int chosen : order) {
            int earliestReady = IntStream.range(0, steps.size())
                    .filter(j -> !placed.contains(j) && placed.containsAll(g.after().get(j))).min().orElseThrow();
            assertEquals(earliestReady, chosen);
            placed.add(chosen);
        }
        assertEquals(ordered, StepOrder.order(steps, "pre", new Diagnostics()), "deterministic");
    }

    @Property(tries = 1000)
    void cyclesAreReportedAsRealCyclesOnePerGroupAndOnePerSelfLoop(@ForAll("anyGraph") Graph g) {
        Diagnostics diags = new Diagnostics();
        List<Step> ordered = StepOrder.order(g.steps(), "pre", diags);
        List<Integer> order = indices(ordered);
        assertEquals(IntStream.range(0, g.after().size()).boxed().collect(Collectors.toSet()), new HashSet<>(order));
        assertEquals(g.after().size(), order.size());
        Set<Set<Integer>> cyclicGroups = cyclicGroups(g);
        long selfLoops = IntStream.range(0, g.after().size()).filter(j -> g.after().get(j).contains(j)).count();
        List<Diagnostic> cycles = diags.asList().stream().filter(d -> d.code() == Code.STEP_CYCLE).collect(Collectors.toList());
        Statistics.collect(cyclicGroups.isEmpty() && selfLoops == 0 ? "acyclic" : cyclicGroups.size() + " groups, " + selfLoops + " self-loops");
        assertEquals(cyclicGroups.size() + selfLoops, cycles.size());
        Set<Set<Integer>> reportedGroups = new HashSet<>();
        Set<Integer> reportedSelfLoops = new HashSet<>();
        for (Diagnostic d : cycles) {
            List<Integer> chain = chain(d.message());
            assertEquals(chain.get(0), chain.get(chain.size() - 1), "closed");
            for (int i = 0; i + 1 < chain.size(); i++) {
                assertTrue(g.after().get(chain.get(i)).contains(chain.get(i + 1)), () -> "not an 'after' link: " + d.message());
            }
            assertClosingEntry(g, chain, d);
            if (chain.size() == 2) {
                assertTrue(reportedSelfLoops.add(chain.get(0)), "one diagnostic per self-loop");
                continue;
            }
            Set<Integer> group = cyclicGroups.stream().filter(c -> c.contains(chain.get(0))).findFirst().orElseThrow();
            assertEquals(group.stream().min(Integer::compare).orElseThrow(), chain.get(0), "starts at the first member");
            assertTrue(reportedGroups.add(group), "one diagnostic per group");
        }
        if (cycles.isEmpty()) assertRespectsAfter(g, order);
    }

    /** The groups of two or more steps that reach each other along 'after' links. */
    private static Set<Set<Integer>> cyclicGroups(Graph g) {
        boolean[][] reach = reachability(g);
        Set<Set<Integer>> groups = new HashSet<>();
        for (int j = 0; j < g.after().size(); j++) {
            int member = j;
            Set<Integer> group = IntStream.range(0, g.after().size()).filter(k -> reach[member][k] && reach[k][member])
                    .boxed().collect(Collectors.toSet());
            if (group.size() > 1) groups.add(group);
        }
        return groups;
    }

    /** The diagnostic's path is the 'after' entry of the chain's last step that names its first step. */
    private static void assertClosingEntry(Graph g, List<Integer> chain, Diagnostic d) {
        int last = chain.get(chain.size() - 2);
        List<Integer> after = g.after().get(last).stream().sorted().collect(Collectors.toList());
        assertEquals("pre[" + last + "].after[" + after.indexOf(chain.get(0)) + "]", d.path(), d.message());
    }

    private static void assertRespectsAfter(Graph g, List<Integer> order) {
        for (int j = 0; j < g.after().size(); j++) {
            for (int k : g.after().get(j)) assertTrue(order.indexOf(k) < order.indexOf(j), "s" + j + " runs after s" + k);
        }
    }

    private static List<Integer> indices(List<Step> steps) {
        return steps.stream().map(Step::id).map(Text::value).map(id -> Integer.parseInt(id.substring(1))).collect(Collectors.toList());
    }

    private static List<Integer> chain(String message) {
        String chain = message.substring(message.lastIndexOf("cycle: ") + "cycle: ".length());
        List<Integer> result = new ArrayList<>();
        for (String id : chain.split(" -> ")) result.add(Integer.parseInt(id.substring(1)));
        return result;
    }

    /** {@code reach[a][b]}: a reaches b along one or more 'after' links (Floyd–Warshall). */
    private static boolean[][] reachability(Graph g) {
        int n = g.after().size();
        boolean[][] reach = new boolean[n][n];
        for (int j = 0; j < n; j++) for (int k : g.after().get(j)) reach[j][k] = true;
        for (int m = 0; m < n; m++) for (int a = 0; a < n; a++) for (int b = 0; b < n; b++) reach[a][b] |= reach[a][m] && reach[m][b];
        return reach;
    }
}
