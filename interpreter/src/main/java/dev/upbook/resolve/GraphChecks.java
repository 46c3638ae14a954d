package dev.upbook.resolve;

import dev.upbook.spec.diag.Code;
import dev.upbook.spec.diag.Diagnostics;
import dev.upbook.spec.version.Version;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * Checks a built {@link VersionGraph} as a whole: cycles among the declared edges, releases with
 * no way forward or no way in, and the path matrix (every supported source reaches every later
 * target, or a declared gap says why not).
 *
 * <p>Cost: cycles O(V+E); the path matrix propagates 64 sources at a time through the DAG in
 * version order, O(V/64 · (V+E)) time and O(V) memory.
 */
public final class GraphChecks {
    /** How many missing targets one PATH_MISSING message lists before "... and N more". */
    static final int LISTED_TARGETS = 5;

    private final VersionGraph graph;
    private final Diagnostics diags;

    private GraphChecks(VersionGraph graph, Diagnostics diags) {
        this.graph = graph;
        this.diags = diags;
    }

    public static void check(VersionGraph graph, Diagnostics diags) {
        GraphChecks checks = new GraphChecks(graph, diags);
        checks.cycles();
        BitSet deadEnds = checks.deadEnds();
        BitSet unreachable = checks.unreachable();
        checks.pathMatrix(deadEnds, unreachable);
    }

    // --- VERSION_CYCLE

    private void cycles() {
        List<GraphHop> downgrades = new ArrayList<>();
        for (GraphHop e : graph.backwardEdges()) {
            if (e.from().compareTo(e.to()) == 0) {
                reportCycle(e, List.of(e.from(), e.to()),
                        "An edge from a version to itself does nothing; remove " + e.origin().path() + ".");
            } else if (graph.indexOf(e.from()) >= 0) {
                downgrades.add(e);
            }
        }
        if (downgrades.isEmpty()) return; // upward hops alone cannot form a cycle
        Adjacency adjacency = new Adjacency(graph, downgrades);
        int[] component = new StronglyConnected(adjacency).components();
        BitSet reported = new BitSet();
        for (GraphHop d : downgrades) {
            int from = graph.indexOf(d.from());
            int to = graph.indexOf(d.to());
            if (component[from] != component[to] || reported.get(component[from])) continue;
            reported.set(component[from]);
            List<Version> cycle = new ArrayList<>();
            cycle.add(d.from());
            for (int node : adjacency.shortestPath(to, from, component)) cycle.add(graph.release(node));
            reportCycle(d, rotateToLowest(cycle), "Remove " + d.origin().path() + "; upbook never downgrades.");
        }
    }

    private void reportCycle(GraphHop edge, List<Version> cycle, String hint) {
        StringBuilder chain = new StringBuilder();
        for (Version v : cycle) chain.append(chain.length() == 0 ? "" : " -> ").append(v.text());
        diags.report(Code.VERSION_CYCLE, edge.origin().path(), edge.origin().at(),
                "the version graph has a cycle: " + chain + " (" + edge.origin().path() + " goes from "
                        + edge.from().text() + " to " + edge.to().text() + ")",
                hint);
    }

    /** Rotates a closed walk (first == last) so that it starts and ends at its lowest version. */
    private static List<Version> rotateToLowest(List<Version> closed) {
        List<Version> open = closed.subList(0, closed.size() - 1);
        int lowest = 0;
        for (int i = 1; i < open.size(); i++) {
            if (open.get(i).compareTo(open.get(lowest)) < 0) lowest = i;
        }
        List<Version> rotated = new ArrayList<>();
        for (int i = 0; i <= open.size(); i++) rotated.add(open.get((lowest + i) % open.size()));
        return rotated;
    }

    // --- DEAD_END and UNREACHABLE_RELEASE

    private BitSet deadEnds() {
        BitSet dead = new BitSet();
        int highest = highestUnblocked();
        for (int i = 0; i < highest; i++) {
            Version r = graph.release(i);
            if (graph.belowMinimum(r) || graph.outStart(i + 1) > graph.outStart(i) || gapsCoverAllFrom(i)) continue;
            dead.set(i);
            diags.report(Code.DEAD_END, graph.releasePath(i), graph.releaseAt(i),
                    "release " + r.text() + " has no way forward: no edge or rule leaves it, although later releases exist ("
                            + graph.release(i + 1).text() + " … " + graph.release(highest).text() + ")",
                    "Add an edge from " + r.text() + " (e.g. 'from: " + r.text() + "', 'to: " + graph.release(i + 1).text()
                            + "'), or declare 'versions.no-path' with the reason.");
        }
        return dead;
    }

    private BitSet unreachable() {
        BitSet result = new BitSet();
        for (int i = 1; i < graph.size(); i++) {
            Version r = graph.release(i);
            boolean atOrBelowMinimum = graph.minimum().isPresent() && r.compareTo(graph.minimum().get().version()) <= 0;
            if (atOrBelowMinimum || graph.isBlocked(i) || graph.inDegree(i) > 0 || gapsCoverAllInto(i)) continue;
            result.set(i);
            diags.report(Code.UNREACHABLE_RELEASE, graph.releasePath(i), graph.releaseAt(i),
                    "release " + r.text() + " cannot be reached: no edge or rule leads to it from an earlier release",
                    "Add an edge to " + r.text() + " (e.g. 'from: " + graph.release(i - 1).text() + "', 'to: " + r.text()
                            + "'), or declare 'versions.no-path' with the reason.");
        }
        return result;
    }

    private int highestUnblocked() {
        for (int i = graph.size() - 1; i >= 0; i--) {
            if (!graph.isBlocked(i)) return i;
        }
        return -1;
    }

    private boolean gapsCoverAllFrom(int source) {
        if (graph.gaps().isEmpty()) return false;
        for (int b = source + 1; b < graph.size(); b++) {
            if (!graph.isBlocked(b) && graph.gapCovering(graph.release(source), graph.release(b)).isEmpty()) return false;
        }
        return true;
    }

    private boolean gapsCoverAllInto(int target) {
        if (graph.gaps().isEmpty()) return false;
        for (int a = 0; a < target; a++) {
            if (!graph.belowMinimum(graph.release(a)) && graph.gapCovering(graph.release(a), graph.release(target)).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    // --- PATH_MISSING

    private void pathMatrix(BitSet deadEnds, BitSet unreachable) {
        int[] sources = supportedSources(deadEnds);
        long[] reach = new long[graph.size()];
        for (int block = 0; block < sources.length; block += 64) {
            int count = Math.min(64, sources.length - block);
            Arrays.fill(reach, 0L);
            for (int j = 0; j < count; j++) reach[sources[block + j]] |= 1L << j;
            propagate(reach, sources[block]);
            for (int j = 0; j < count; j++) reportMissing(sources[block + j], reach, 1L << j, unreachable);
        }
    }

    private int[] supportedSources(BitSet deadEnds) {
        IntList sources = new IntList();
        for (int i = 0; i < graph.size() - 1; i++) {
            if (!graph.belowMinimum(graph.release(i)) && !deadEnds.get(i)) sources.add(i);
        }
        return sources.toArray();
    }

    /** Forward propagation in version order; a path never enters a blocked release or jumps over a required stop. */
    private void propagate(long[] reach, int lowest) {
        for (int u = lowest; u < graph.size(); u++) {
            if (reach[u] == 0L) continue;
            for (int h = graph.outStart(u); h < graph.outStart(u + 1); h++) {
                int v = graph.hopTo(h);
                if (!graph.isBlocked(v) && !graph.jumpsStop(u + 1, v)) reach[v] |= reach[u];
            }
        }
    }

    private void reportMissing(int source, long[] reach, long bit, BitSet unreachable) {
        Version a = graph.release(source);
        List<String> listed = new ArrayList<>(LISTED_TARGETS);
        int missing = 0;
        int last = source;
        boolean gaps = !graph.gaps().isEmpty();
        for (int b = source + 1, n = graph.size(); b < n; b++) {
            if ((reach[b] & bit) != 0 || graph.isBlocked(b) || unreachable.get(b)) continue;
            if (gaps && graph.gapCovering(a, graph.release(b)).isPresent()) continue;
            // count every missing target but name only the first few: a badly connected graph of
            // many releases would otherwise build a list of V names for each of V sources
            if (missing++ < LISTED_TARGETS) listed.add(graph.release(b).text());
            last = b;
        }
        if (missing == 0) return;
        String names = String.join(", ", listed);
        if (missing > LISTED_TARGETS) names += " ... and " + (missing - LISTED_TARGETS) + " more";
        diags.report(Code.PATH_MISSING, graph.releasePath(source), graph.releaseAt(source),
                "no path from " + a.text() + " to " + names + stopNote(a, graph.release(last)),
                "Add edges from " + a.text() + " onward, or declare 'versions.no-path' for these targets with the reason.");
    }

    private String stopNote(Version from, Version to) {
        List<VersionMark> stops = graph.stopsBetween(from, to);
        return stops.isEmpty() ? "" : " (these paths must stop on " + describe(stops) + ")";
    }

    private static String describe(List<VersionMark> stops) {
        List<String> names = new ArrayList<>();
        for (VersionMark s : stops) names.add(s.version().text());
        return String.join(", ", names);
    }

    // --- graph algorithms over release indices

    /** Upward hops plus the downgrade edges, as arrays. */
    private static final class Adjacency {
        final int[] start;
        final int[] target;

        Adjacency(VersionGraph graph, List<GraphHop> downgrades) {
            int n = graph.size();
            int hops = graph.outStart(n);
            start = new int[n + 1];
            for (int u = 0; u < n; u++) start[u + 1] = graph.outStart(u + 1) - graph.outStart(u);
            for (GraphHop d : downgrades) start[graph.indexOf(d.from()) + 1]++;
            for (int u = 0; u < n; u++) start[u + 1] += start[u];
            target = new int[hops + downgrades.size()];
            int[] fill = Arrays.copyOf(start, n);
            for (int u = 0; u < n; u++) {
                for (int h = graph.outStart(u); h < graph.outStart(u + 1); h++) target[fill[u]++] = graph.hopTo(h);
            }
            for (GraphHop d : downgrades) {
                int u = graph.indexOf(d.from());
                target[fill[u]++] = graph.indexOf(d.to());
            }
        }

        int size() {
            return start.length - 1;
        }

        /** The nodes of a shortest path from {@code from} to {@code to} (both included), inside one component. */
        List<Integer> shortestPath(int from, int to, int[] component) {
            int[] parent = new int[size()];
            Arrays.fill(parent, -2);
            parent[from] = -1;
            ArrayDeque<Integer> queue = new ArrayDeque<>();
            queue.add(from);
            while (!queue.isEmpty() && parent[to] == -2) {
                int u = queue.poll();
                for (int e = start[u]; e < start[u + 1]; e++) {
                    int v = target[e];
                    if (parent[v] == -2 && component[v] == component[from]) {
                        parent[v] = u;
                        queue.add(v);
                    }
                }
            }
            List<Integer> path = new ArrayList<>();
            for (int v = to; v != -1; v = parent[v]) path.add(v);
            java.util.Collections.reverse(path);
            return path;
        }
    }

    /** Tarjan's strongly connected components, iterative so that long chains do not overflow the stack. */
    private static final class StronglyConnected {
        private final Adjacency g;
        private final int[] index;
        private final int[] low;
        private final int[] component;
        private final int[] nextEdge;
        private final boolean[] onStack;
        private final int[] stack;
        private int stackSize;
        private int counter;
        private int components;

        StronglyConnected(Adjacency g) {
            this.g = g;
            int n = g.size();
            index = new int[n];
            low = new int[n];
            component = new int[n];
            nextEdge = new int[n];
            onStack = new boolean[n];
            stack = new int[n];
            Arrays.fill(index, -1);
        }

        int[] components() {
            int[] calls = new int[g.size()];
            for (int root = 0; root < g.size(); root++) {
                if (index[root] != -1) continue;
                int depth = 0;
                calls[depth++] = root;
                enter(root);
                while (depth > 0) {
                    int v = calls[depth - 1];
                    if (nextEdge[v] < g.start[v + 1]) {
                        int w = g.target[nextEdge[v]++];
                        if (index[w] == -1) {
                            enter(w);
                            calls[depth++] = w;
                        } else if (onStack[w]) {
                            low[v] = Math.min(low[v], index[w]);
                        }
                        continue;
                    }
                    depth--;
                    if (low[v] == index[v]) popComponent(v);
                    if (depth > 0) low[calls[depth - 1]] = Math.min(low[calls[depth - 1]], low[v]);
                }
            }
            return component;
        }

        private void enter(int v) {
            index[v] = low[v] = counter++;
            nextEdge[v] = g.start[v];
            stack[stackSize++] = v;
            onStack[v] = true;
        }

        private void popComponent(int root) {
            int w;
            do {
                w = stack[--stackSize];
                onStack[w] = false;
                component[w] = components;
            } while (w != root);
            components++;
        }
    }
}
