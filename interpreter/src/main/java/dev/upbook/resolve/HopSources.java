package dev.upbook.resolve;

import dev.upbook.spec.ast.Hop;
import dev.upbook.spec.version.Version;
import dev.upbook.spec.version.VersionRange;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The parsed edges and rules, as generators of hops from one source version. The graph builder
 * asks it for every release; {@link VersionGraph#hopsFrom} asks it for a start version that is
 * not a release. Targets come out in declaration order (explicit edges by index, then rules by
 * index), which is the order in which the first declaration of a pair wins.
 */
final class HopSources {

    /** An edge or a rule: where hops come from and what they do. */
    record Declaration(HopOrigin origin, Hop hop) {}

    /** An explicit edge whose {@code from} is a single version or a range. */
    record EdgeSource(int declaration, Optional<Version> single, Optional<VersionRange> range, Version to, int toIndex) {
        boolean matches(Version v) {
            if (v.compareTo(to) >= 0) return false;
            return single.isPresent() ? single.get().compareTo(v) == 0 : range.orElseThrow().contains(v);
        }
    }

    /** A sequence rule over the release list. */
    record RuleSource(int declaration, VersionRange within, SeriesIndex series, boolean latestPatch) {}

    /** Receives one generated target of the current source version. */
    interface TargetSink {
        void accept(int toIndex, int declaration);
    }

    private final List<Version> releases;
    private final List<Declaration> declarations;
    private final List<EdgeSource> rangeEdges = new ArrayList<>();
    private final TreeMap<Version, List<EdgeSource>> singleEdges = new TreeMap<>();
    private final List<RuleSource> rules;

    HopSources(List<Version> releases, List<Declaration> declarations, List<EdgeSource> edges, List<RuleSource> rules) {
        this.releases = releases;
        this.declarations = List.copyOf(declarations);
        this.rules = List.copyOf(rules);
        for (EdgeSource e : edges) {
            if (e.single().isPresent()) {
                singleEdges.computeIfAbsent(e.single().get(), k -> new ArrayList<>()).add(e);
            } else {
                rangeEdges.add(e);
            }
        }
    }

    Declaration declaration(int index) {
        return declarations.get(index);
    }

    /** Generates the targets of source {@code v} in declaration order; duplicates are left to the caller. */
    void targets(Version v, TargetSink sink) {
        List<EdgeSource> singles = singleEdges.getOrDefault(v, List.of());
        int s = 0;
        for (EdgeSource range : rangeEdges) {
            for (; s < singles.size() && singles.get(s).declaration() < range.declaration(); s++) {
                emit(singles.get(s), v, sink);
            }
            emit(range, v, sink);
        }
        for (; s < singles.size(); s++) emit(singles.get(s), v, sink);
        for (RuleSource rule : rules) ruleTargets(rule, v, sink);
    }

    /** The hops leaving a start version that is not a release; the first declaration of each pair wins. */
    List<GraphHop> hopsFromStart(Version start, VersionGraph graph) {
        Map<Integer, Integer> winner = new HashMap<>();
        targets(start, (toIndex, declaration) -> winner.putIfAbsent(toIndex, declaration));
        List<GraphHop> result = new ArrayList<>();
        winner.forEach((toIndex, declaration) -> {
            Declaration d = declarations.get(declaration);
            result.add(new GraphHop(start, graph.release(toIndex), d.origin(), d.hop()));
        });
        result.sort(Comparator.comparing(GraphHop::to));
        return Collections.unmodifiableList(result);
    }

    private static void emit(EdgeSource edge, Version v, TargetSink sink) {
        if (edge.matches(v)) sink.accept(edge.toIndex(), edge.declaration());
    }

    private void ruleTargets(RuleSource rule, Version v, TargetSink sink) {
        if (v.isPrerelease() || !rule.within().contains(v)) return;
        rule.series().firstOfNextSeries(v)
                .filter(next -> rule.within().contains(next))
                .ifPresent(next -> sink.accept(indexOf(next), rule.declaration()));
        if (rule.latestPatch()) {
            rule.series().lastOfOwnSeries(v)
                    .filter(last -> rule.within().contains(last))
                    .ifPresent(last -> sink.accept(indexOf(last), rule.declaration()));
        }
    }

    private int indexOf(Version v) {
        return Collections.binarySearch(releases, v);
    }
}
