package dev.upbook.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.upbook.resolve.Resolution.Refused;
import dev.upbook.spec.ast.Rule;
import dev.upbook.spec.diag.Code;
import dev.upbook.spec.diag.Diagnostic;
import dev.upbook.spec.diag.Diagnostics;
import dev.upbook.spec.version.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * The resolver against brute force on small random graphs: it finds a path exactly when some
 * path honouring blocked versions and required stops exists, and the path it finds is the best
 * one under the tie-break policy among all such paths.
 */
class ResolverProperties {

    /** The version grid: 1.0 … 3.3; releases are a random subset, start versions anything on it. */
    static final List<String> GRID = List.of("1.0", "1.1", "1.2", "1.3", "2.0", "2.1", "2.2", "2.3", "3.0", "3.1", "3.2", "3.3");

    record EdgeSpec(int from, int to, boolean range, boolean irreversible) {}

    record RuleSpec(Rule.Sequence sequence, int withinFrom, boolean latestPatch, boolean irreversible) {}

    record Scenario(List<String> releases, List<EdgeSpec> edges, List<RuleSpec> rules, Set<Integer> blocked,
            Set<Integer> stops, String from, String to) {

        VersionGraph graph() {
            Ast ast = Ast.playbook().releases(releases.toArray(String[]::new));
            for (EdgeSpec e : edges) {
                String from = e.range() ? ">=" + releases.get(e.from()) : releases.get(e.from());
                ast.edge(from, releases.get(e.to()), e.irreversible() ? Ast.irreversibleHop("no way back") : Ast.hop());
            }
            for (int i = 0; i < rules.size(); i++) {
                RuleSpec r = rules.get(i);
                ast.rule("rule-" + i, r.sequence(), r.withinFrom() < 0 ? "*" : ">=" + GRID.get(r.withinFrom()), r.latestPatch(),
                        r.irreversible() ? Ast.irreversibleHop("no way back") : Ast.hop());
            }
            blocked.forEach(b -> ast.blocked(releases.get(b)));
            stops.forEach(s -> ast.stop(releases.get(s)));
            return VersionGraph.build(ast.build(), TestScheme.INSTANCE, new Diagnostics());
        }
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        return Arbitraries.integers().between(0, GRID.size() - 1).set().ofMinSize(2).ofMaxSize(9).flatMap(indices -> {
            List<String> releases = new ArrayList<>();
            new TreeSet<>(indices).forEach(i -> releases.add(GRID.get(i)));
            int n = releases.size();
            Arbitrary<Integer> release = Arbitraries.integers().between(0, n - 1);
            Arbitrary<Boolean> sometimes = Arbitraries.of(false, false, false, true);
            Arbitrary<EdgeSpec> upward = Combinators.combine(release, Arbitraries.integers().between(1, 3), sometimes, sometimes)
                    .as((a, d, range, irreversible) -> new EdgeSpec(a, Math.min(a + d, n - 1), range, irreversible));
            Arbitrary<EdgeSpec> anyDirection = Combinators.combine(release, release, sometimes, sometimes).as(EdgeSpec::new);
            Arbitrary<List<EdgeSpec>> edges = Arbitraries.frequencyOf(Tuple.of(5, upward), Tuple.of(1, anyDirection))
                    .list().ofMaxSize(16);
            Arbitrary<List<RuleSpec>> rules = Combinators.combine(Arbitraries.of(Rule.Sequence.MAJOR, Rule.Sequence.MINOR),
                    Arbitraries.integers().between(-1, GRID.size() - 1), Arbitraries.of(true, false), sometimes)
                    .as(RuleSpec::new).list().ofMaxSize(2);
            Arbitrary<Set<Integer>> marks = release.set().ofMaxSize(2);
            Arbitrary<List<String>> request = Arbitraries.integers().between(1, n - 1).flatMap(to -> Arbitraries.frequencyOf(
                    Tuple.of(8, Arbitraries.integers().between(0, to - 1).map(releases::get)),
                    Tuple.of(1, Arbitraries.of(GRID)),
                    Tuple.of(1, release.map(releases::get))).map(from -> List.of(from, releases.get(to))));
            return Combinators.combine(edges, rules, marks, marks.filter(x -> x.size() < 2), request)
                    .as((e, r, stops, blocked, q) -> new Scenario(releases, e, r, blocked, stops, q.get(0), q.get(1)));
        });
    }

    @Property(tries = 1000)
    void theResolverFindsTheBestPathExactlyWhenOneExists(@ForAll("scenarios") Scenario s) {
        VersionGraph graph = s.graph();
        Version from = TestScheme.v(s.from());
        Version to = TestScheme.v(s.to());
        Resolution r = new Resolver(graph).resolve(from, to);
        Statistics.collect(r instanceof Refused ? ((Refused) r).kind().name() : r.found().orElseThrow().hops().size() + " hops");
        if (from.compareTo(to) > 0) {
            assertEquals(Refused.Kind.DOWNGRADE, ((Refused) r).kind());
            return;
        }
        if (from.compareTo(to) == 0) {
            assertTrue(r.found().orElseThrow().alreadyThere());
            return;
        }
        if (graph.blockedMark(to).isPresent()) {
            assertEquals(Refused.Kind.TARGET_BLOCKED, ((Refused) r).kind());
            return;
        }
        Optional<List<GraphHop>> best = BruteForce.best(graph, from, to);
        assertEquals(best.isPresent(), r.isFound(), () -> "brute force: " + best + ", resolver: " + r.message());
        if (best.isEmpty()) return;
        List<GraphHop> found = r.found().orElseThrow().hops();
        assertTrue(BruteForce.valid(graph, from, to, found), () -> "invalid path " + found);
        assertEquals(BruteForce.versions(best.get()), BruteForce.versions(found));
    }

    @Property(tries = 300)
    void everyRejectedAlternativeIsReallyWorseOrInvalid(@ForAll("scenarios") Scenario s) {
        VersionGraph graph = s.graph();
        Version from = TestScheme.v(s.from());
        Version to = TestScheme.v(s.to());
        Explanation e = new Resolver(graph).explain(from, to);
        if (!e.resolution().isFound()) return;
        assertEquals(e.resolution().found().orElseThrow().hops().size(), e.choices().size());
        for (Explanation.Choice c : e.choices()) {
            assertEquals(c.at(), c.chosen().from());
            for (Explanation.Rejected rejected : c.rejected()) {
                if (rejected.why() == Explanation.Why.SHADOWED) continue;
                GraphHop hop = rejected.hop();
                Optional<List<GraphHop>> rest = hop.to().compareTo(to) > 0 ? Optional.empty() : BruteForce.best(graph, hop.to(), to);
                boolean better = rest.isPresent() && BruteForce.valid(graph, c.at(), to, prepend(hop, rest.get()))
                        && BruteForce.compare(prepend(hop, rest.get()), pathFrom(e, c)) < 0;
                assertTrue(!better, () -> "rejected " + rejected + " would be better");
            }
        }
    }

    private static List<GraphHop> prepend(GraphHop hop, List<GraphHop> rest) {
        List<GraphHop> path = new ArrayList<>();
        path.add(hop);
        path.addAll(rest);
        return path;
    }

    private static List<GraphHop> pathFrom(Explanation e, Explanation.Choice c) {
        List<GraphHop> all = e.resolution().found().orElseThrow().hops();
        return all.subList(e.choices().indexOf(c), all.size());
    }

    @Property(tries = 300)
    void thePathMatrixAgreesWithTheResolver(@ForAll("scenarios") Scenario s) {
        VersionGraph graph = s.graph();
        Diagnostics diags = new Diagnostics();
        GraphChecks.check(graph, diags);
        Set<String> deadOrUnreachable = new java.util.HashSet<>();
        java.util.Map<String, List<String>> missing = new java.util.HashMap<>();
        for (Diagnostic d : diags.asList()) {
            String release = graph.releases().stream().filter(v -> graph.releasePath(graph.indexOf(v)).equals(d.path()))
                    .map(Version::text).findFirst().orElse("");
            if (d.code() == Code.DEAD_END || d.code() == Code.UNREACHABLE_RELEASE) deadOrUnreachable.add(release);
            if (d.code() == Code.PATH_MISSING) missing.put(release, listedTargets(d.message()));
        }
        Resolver resolver = new Resolver(graph);
        for (Version a : graph.releases()) {
            if (deadOrUnreachable.contains(a.text())) continue;
            for (Version b : graph.releases()) {
                if (b.compareTo(a) <= 0 || graph.blockedMark(b).isPresent() || deadOrUnreachable.contains(b.text())) continue;
                boolean found = resolver.resolve(a, b).isFound();
                boolean listed = missing.getOrDefault(a.text(), List.of()).contains(b.text());
                if (listed) assertTrue(!found, "listed as missing but resolves: " + a + " -> " + b);
                if (!missing.containsKey(a.text())) assertTrue(found, "not listed but no path: " + a + " -> " + b);
            }
        }
    }

    private static List<String> listedTargets(String message) {
        String list = message.substring(message.indexOf(" to ") + 4);
        for (String end : List.of(" ...", " (")) {
            if (list.contains(end)) list = list.substring(0, list.indexOf(end));
        }
        return List.of(list.split(", "));
    }
}
