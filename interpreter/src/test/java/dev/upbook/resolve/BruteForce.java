package dev.upbook.resolve;

import dev.upbook.spec.version.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Enumerates every path on small graphs: the reference the resolver is checked against. */
final class BruteForce {

    private BruteForce() {}

    /** The best valid path under the documented policy, found by trying all of them. */
    static Optional<List<GraphHop>> best(VersionGraph graph, Version from, Version to) {
        List<List<GraphHop>> all = new ArrayList<>();
        enumerate(graph, from, to, new ArrayList<>(), all);
        List<GraphHop> best = null;
        for (List<GraphHop> path : all) {
            if (!valid(graph, from, to, path)) continue;
            if (best == null || compare(path, best) < 0) best = path;
        }
        return Optional.ofNullable(best);
    }

    private static void enumerate(VersionGraph graph, Version at, Version to, List<GraphHop> prefix, List<List<GraphHop>> out) {
        if (at.compareTo(to) == 0) {
            out.add(new ArrayList<>(prefix));
            return;
        }
        for (GraphHop hop : graph.hopsFrom(at)) {
            if (hop.to().compareTo(to) > 0) continue;
            prefix.add(hop);
            enumerate(graph, hop.to(), to, prefix, out);
            prefix.remove(prefix.size() - 1);
        }
    }

    /** Connected, ends at {@code to}, never stops on a blocked version, visits every required stop in between. */
    static boolean valid(VersionGraph graph, Version from, Version to, List<GraphHop> path) {
        Version at = from;
        for (GraphHop hop : path) {
            if (hop.from().compareTo(at) != 0 || hop.to().compareTo(at) <= 0) return false;
            if (graph.blockedMark(hop.to()).isPresent()) return false;
            at = hop.to();
        }
        if (at.compareTo(to) != 0) return false;
        for (VersionMark stop : graph.requiredStops()) {
            Version s = stop.version();
            boolean between = s.compareTo(from) > 0 && s.compareTo(to) < 0;
            if (between && path.stream().noneMatch(h -> h.to().compareTo(s) == 0)) return false;
        }
        return true;
    }

    /** The policy as a comparator: fewer irreversible hops, fewer hops, then the higher version at the first difference. */
    static int compare(List<GraphHop> a, List<GraphHop> b) {
        int c = Long.compare(irreversible(a), irreversible(b));
        if (c != 0) return c;
        c = Integer.compare(a.size(), b.size());
        if (c != 0) return c;
        for (int i = 0; i < a.size(); i++) {
            c = b.get(i).to().compareTo(a.get(i).to());
            if (c != 0) return c;
        }
        return 0;
    }

    static long irreversible(List<GraphHop> path) {
        return path.stream().filter(GraphHop::irreversible).count();
    }

    static List<String> versions(List<GraphHop> path) {
        List<String> versions = new ArrayList<>();
        for (GraphHop h : path) versions.add(h.from().text() + "->" + h.to().text());
        return versions;
    }
}
