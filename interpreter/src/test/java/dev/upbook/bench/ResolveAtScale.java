package dev.upbook.bench;

import dev.upbook.resolve.Explanation;
import dev.upbook.resolve.GraphChecks;
import dev.upbook.resolve.GraphHop;
import dev.upbook.resolve.Resolution;
import dev.upbook.resolve.Resolver;
import dev.upbook.resolve.VersionGraph;
import dev.upbook.spec.SourceRef;
import dev.upbook.spec.ast.Edge;
import dev.upbook.spec.ast.Hop;
import dev.upbook.spec.ast.Playbook;
import dev.upbook.spec.ast.Product;
import dev.upbook.spec.ast.Rule;
import dev.upbook.spec.ast.Text;
import dev.upbook.spec.ast.VersionNote;
import dev.upbook.spec.ast.VersionPolicy;
import dev.upbook.spec.diag.Diagnostic;
import dev.upbook.spec.diag.Diagnostics;
import dev.upbook.spec.version.Version;
import dev.upbook.spec.version.VersionScheme;
import dev.upbook.spec.version.VersionSchemes;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Path resolution at scale, for {@code bench/run}; not a test (prints figures, asserts nothing
 * about time). Builds in memory a playbook AST with V semver releases and E explicit edges (the
 * YAML of a million edges would be ~30 MB, far beyond the loader's 4 MiB document limit), then
 * measures {@link VersionGraph#build} ("load"), {@link Resolver#resolve} for the first → last
 * release and for random pairs, {@link Resolver#explain}, the lint graph checks
 * ({@link GraphChecks#check}) and, as a reference, a plain BFS over int adjacency arrays of the
 * same edges.
 *
 * <p>The graph: release i is {@code major.minor.patch} with i = (major-1)·1000 + minor·10 + patch.
 * Every release gets one edge to the next release that is not blocked (so a path from the first
 * to the last release always exists, through every required stop) and further edges to distinct
 * random releases in the next {@code window} releases, ~E/V edges per release in all. Some
 * releases are blocked (the random edges still land on them: the builder reports those edges as
 * EDGE_TO_BLOCKED, as lint would, and the resolver must route around them), some are required
 * stops (random edges jump over them), 10% of the random edges and 2% of the edges to the next
 * release are irreversible (so "fewest irreversible hops" and "fewest hops" pull apart). The
 * resolver's answers are checked against an independent forward dynamic program over the int
 * arrays (same constraints), and each path is checked hop by hop.
 *
 * <p>Usage: {@code ResolveAtScale [--versions N] [--edges N] [--window N] [--blocked N]
 * [--stops N] [--pairs N] [--repeats N] [--seed N] [--irreversible-permille N] [--checks true|false]
 * [--minor-rule true|false] [--chain true|false]}.
 * Prints {@code key: value} lines; lines starting with {@code RESULT } are for the summary table.
 */
public final class ResolveAtScale {

    private int versions = 100_000;
    private int edgeCount = 1_000_000;
    private int window = 1_000;
    private int blockedCount = 100;
    private int stopCount = 10;
    /** Irreversible edges per thousand: random edges and the edges to the next release. */
    private int irreversiblePermille = 100;
    private int irreversiblePermilleChain = 20;
    private int pairs = 20;
    private int repeats = 10;
    private long seed = 7;
    private boolean checks = true;
    /** Also a {@code sequence: minor} rule over all releases (its hops come on top of the explicit edges). */
    private boolean minorRule;
    /** Every release has an edge to the next unblocked release (guarantees a path; off: pairs without a path occur). */
    private boolean chain = true;

    // the generated edges, as int arrays (CSR): the edges of release i are targets[outStart[i] .. outStart[i+1]);
    // once the graph is built they are replaced by the graph's own hops (the same unless there is a rule)
    private int[] outStart;
    private int[] targets;
    private boolean[] irreversible;
    private final BitSet blocked = new BitSet();
    private final BitSet stops = new BitSet();

    public static void main(String[] args) {
        ResolveAtScale bench = new ResolveAtScale();
        bench.parse(args);
        bench.run();
    }

    private void parse(String[] args) {
        for (int i = 0; i + 1 < args.length; i += 2) {
            String v = args[i + 1];
            switch (args[i]) {
                case "--versions" -> versions = Integer.parseInt(v);
                case "--edges" -> edgeCount = Integer.parseInt(v);
                case "--window" -> window = Integer.parseInt(v);
                case "--blocked" -> blockedCount = Integer.parseInt(v);
                case "--stops" -> stopCount = Integer.parseInt(v);
                case "--pairs" -> pairs = Integer.parseInt(v);
                case "--repeats" -> repeats = Integer.parseInt(v);
                case "--seed" -> seed = Long.parseLong(v);
                case "--checks" -> checks = Boolean.parseBoolean(v);
                case "--irreversible-permille" -> irreversiblePermille = Integer.parseInt(v);
                case "--minor-rule" -> minorRule = Boolean.parseBoolean(v);
                case "--chain" -> chain = Boolean.parseBoolean(v);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
    }

    private void run() {
        Runtime rt = Runtime.getRuntime();
        System.out.printf(Locale.ROOT, "jvm: %s %s, %d processors, max heap %s, GC %s%n",
                System.getProperty("java.vm.name"), System.getProperty("java.version"), rt.availableProcessors(),
                mib(rt.maxMemory()), gcNames());
        System.out.printf(Locale.ROOT, "graph: %,d semver releases, %,d explicit edges (window %,d), %d blocked, %d required stops,"
                        + " %.1f%% of the random edges and %.1f%% of the edges to the next release irreversible%s%n",
                versions, edgeCount, window, blockedCount, stopCount, irreversiblePermille / 10.0, irreversiblePermilleChain / 10.0,
                minorRule ? ", and a sequence: minor rule" : "");
        System.out.println("note: built in memory, not from YAML: a million edges as YAML is ~30 MB, beyond the loader's"
                + " 4 MiB document limit (YamlDocumentReader.MAX_CODE_POINTS)");
        long heap0 = usedHeapAfterGc();

        long t0 = System.nanoTime();
        generate();
        Playbook playbook = playbook();
        long astNanos = System.nanoTime() - t0;
        // the bench's own int arrays are not part of what upbook keeps: counted out of every heap figure
        heap0 += 4L * outStart.length + 4L * targets.length + irreversible.length;
        long heapAst = usedHeapAfterGc();
        System.out.printf(Locale.ROOT, "ast: generated in %s; heap %s above the baseline%n", ms(astNanos), mib(heapAst - heap0));

        VersionScheme scheme = VersionSchemes.byName("semver").orElseThrow();
        Diagnostics diags = new Diagnostics();
        t0 = System.nanoTime();
        VersionGraph graph = VersionGraph.build(playbook, scheme, diags);
        long buildNanos = System.nanoTime() - t0;
        long heapBoth = usedHeapAfterGc();
        System.out.printf(Locale.ROOT, "load: VersionGraph.build %s: %,d releases, %,d hops; diagnostics %s%n",
                ms(buildNanos), graph.size(), graph.hops().size(), countByCode(diags.asList()));
        int explicitEdges = targets.length;
        adoptGraphHops(graph);
        if (minorRule) {
            System.out.printf(Locale.ROOT, "rule: the minor rule adds %,d hops to the %,d explicit ones%n",
                    targets.length - explicitEdges, explicitEdges);
        }
        playbook = null; // the graph keeps what it needs (hops, origins); the AST of the edges can go
        long heapGraph = usedHeapAfterGc();
        System.out.printf(Locale.ROOT, "heap: AST %s, AST + graph %s, graph alone %s (after System.gc(), without the bench's"
                        + " own arrays; max heap %s)%n",
                mib(heapAst - heap0), mib(heapBoth - heap0), mib(heapGraph - heap0), mib(rt.maxMemory()));

        Resolver resolver = new Resolver(graph);
        Version first = graph.release(0);
        Version last = graph.release(versions - 1);

        // first -> last: the first call is cold (interpreted, then JIT), the repeats are warm
        Timed<Resolution> cold = time(() -> resolver.resolve(first, last));
        Resolution.Found found = cold.value().found().orElse(null);
        if (found == null && chain) fail("no path from first to last: " + cold.value().message());
        if (found != null) checkPath(graph, found);
        long[] warm = repeat(() -> resolver.resolve(first, last));
        System.out.printf(Locale.ROOT, "resolve %s -> %s: %s; cold %s, warm min %s median %s (%d runs)%s%n",
                first.text(), last.text(), found == null ? cold.value().message()
                        : found.hops().size() + " hops, " + found.irreversibleHops() + " irreversible",
                ms(cold.nanos()), ms(min(warm)), ms(median(warm)), repeats,
                found == null ? "" : "; checked: consecutive, upward, through all " + stopCount + " stops, no blocked version");

        int mismatches = crossCheck(0, versions - 1, found);

        Timed<Explanation> explained = time(() -> resolver.explain(first, last));
        long[] explainWarm = repeat(() -> resolver.explain(first, last));
        int rejected = explained.value().choices().stream().mapToInt(c -> c.rejected().size()).sum();
        System.out.printf(Locale.ROOT, "explain %s -> %s: %d choices, %d rejected alternatives; cold %s, warm median %s%n",
                first.text(), last.text(), explained.value().choices().size(), rejected, ms(explained.nanos()),
                ms(median(explainWarm)));

        // random pairs: sources anywhere (blocked ones too), targets not blocked
        Random rnd = new Random(seed + 1);
        long[] pairNanos = new long[pairs];
        int foundCount = 0;
        long pathHops = 0;
        int[] blockedSources = blocked.stream().toArray();
        for (int k = 0; k < pairs; k++) {
            int a = k % 5 == 4 && blockedSources.length > 0 ? blockedSources[rnd.nextInt(blockedSources.length)]
                    : rnd.nextInt(versions - 1);
            int b;
            do {
                b = a + 1 + rnd.nextInt(versions - a - 1);
            } while (blocked.get(b));
            Version va = graph.release(a);
            Version vb = graph.release(b);
            Timed<Resolution> r = time(() -> resolver.resolve(va, vb));
            pairNanos[k] = r.nanos();
            if (r.value().found().isPresent()) {
                foundCount++;
                pathHops += r.value().found().get().hops().size();
                checkPath(graph, r.value().found().get());
                mismatches += crossCheck(a, b, r.value().found().get());
            } else {
                mismatches += crossCheck(a, b, null);
            }
        }
        System.out.printf(Locale.ROOT, "resolve %d random pairs (every 5th from a blocked release): %d found (avg %.1f hops), %d no path;"
                        + " per pair min %s median %s max %s%n",
                pairs, foundCount, foundCount == 0 ? 0.0 : (double) pathHops / foundCount, pairs - foundCount,
                ms(min(pairNanos)), ms(median(pairNanos)), ms(max(pairNanos)));

        // the reference: plain BFS over the same edges as int arrays, ignoring blocked, stops and irreversibility
        Timed<int[]> bfsCold = time(() -> bfs(0, versions - 1));
        long[] bfsWarm = repeat(() -> bfs(0, versions - 1));
        int bfsHops = bfsCold.value()[0];
        int bfsVisited = bfsCold.value()[1];
        System.out.printf(Locale.ROOT, "bfs %s -> %s (plain, no constraints, int arrays): %d hops, %,d nodes visited;"
                        + " cold %s, warm min %s median %s%n",
                first.text(), last.text(), bfsHops, bfsVisited, ms(bfsCold.nanos()), ms(min(bfsWarm)), ms(median(bfsWarm)));
        double ratio = (double) median(warm) / Math.max(1, median(bfsWarm));
        System.out.printf(Locale.ROOT, "ratio resolver/BFS (first -> last): %.1fx on the warm medians, %.1fx on the minimums%n", ratio,
                (double) min(warm) / Math.max(1, min(bfsWarm)));
        long[] dpWarm = repeat(() -> reference(0, versions - 1));
        System.out.printf(Locale.ROOT, "reference DP %s -> %s (same constraints as the resolver, int arrays): warm min %s median %s;"
                        + " ratio resolver/reference %.1fx on the medians%n", first.text(), last.text(), ms(min(dpWarm)), ms(median(dpWarm)),
                (double) median(warm) / Math.max(1, median(dpWarm)));
        System.out.printf(Locale.ROOT, "cross-check: (irreversible hops, hops) of the resolver's path equal the reference DP's"
                + " optimum in %d of %d requests%s%n", pairs + 1 - mismatches, pairs + 1, mismatches == 0 ? "" : " -- MISMATCH, see above");

        long checksNanos = -1;
        if (checks) {
            Diagnostics checkDiags = new Diagnostics();
            long c0 = System.nanoTime();
            GraphChecks.check(graph, checkDiags);
            checksNanos = System.nanoTime() - c0;
            System.out.printf(Locale.ROOT, "lint graph checks (GraphChecks.check: cycles, dead ends, unreachable, path matrix)"
                    + " on the same graph: %s; diagnostics %s%n", ms(checksNanos), countByCode(checkDiags.asList()));
        }

        System.out.printf(Locale.ROOT, "RESULT scale.versions %d%n", versions);
        System.out.printf(Locale.ROOT, "RESULT scale.edges %d%n", explicitEdges);
        System.out.printf(Locale.ROOT, "RESULT scale.hops %d%n", targets.length);
        System.out.printf(Locale.ROOT, "RESULT scale.ast_ms %.1f%n", astNanos / 1e6);
        System.out.printf(Locale.ROOT, "RESULT scale.load_ms %.1f%n", buildNanos / 1e6);
        System.out.printf(Locale.ROOT, "RESULT scale.resolve_cold_ms %.1f%n", cold.nanos() / 1e6);
        System.out.printf(Locale.ROOT, "RESULT scale.resolve_warm_ms %.1f%n", median(warm) / 1e6);
        System.out.printf(Locale.ROOT, "RESULT scale.path_hops %d%n", found == null ? -1 : found.hops().size());
        System.out.printf(Locale.ROOT, "RESULT scale.pairs_median_ms %.1f%n", median(pairNanos) / 1e6);
        System.out.printf(Locale.ROOT, "RESULT scale.explain_warm_ms %.1f%n", median(explainWarm) / 1e6);
        System.out.printf(Locale.ROOT, "RESULT scale.bfs_warm_ms %.1f%n", median(bfsWarm) / 1e6);
        System.out.printf(Locale.ROOT, "RESULT scale.bfs_hops %d%n", bfsHops);
        System.out.printf(Locale.ROOT, "RESULT scale.ratio_resolver_bfs %.1f%n", ratio);
        System.out.printf(Locale.ROOT, "RESULT scale.reference_dp_warm_ms %.1f%n", median(dpWarm) / 1e6);
        System.out.printf(Locale.ROOT, "RESULT scale.crosscheck_mismatches %d%n", mismatches);
        System.out.printf(Locale.ROOT, "RESULT scale.heap_ast_mib %.0f%n", (heapAst - heap0) / 1048576.0);
        System.out.printf(Locale.ROOT, "RESULT scale.heap_ast_graph_mib %.0f%n", (heapBoth - heap0) / 1048576.0);
        System.out.printf(Locale.ROOT, "RESULT scale.heap_graph_mib %.0f%n", (heapGraph - heap0) / 1048576.0);
        System.out.printf(Locale.ROOT, "RESULT scale.heap_max_mib %.0f%n", rt.maxMemory() / 1048576.0);
        if (checksNanos >= 0) System.out.printf(Locale.ROOT, "RESULT scale.graph_checks_ms %.1f%n", checksNanos / 1e6);
    }

    // --- the graph

    private static String versionText(int i) {
        return (1 + i / 1000) + "." + (i / 10 % 100) + "." + (i % 10);
    }

    /** Chooses blocked releases and stops, then the edges of every release as CSR arrays. */
    private void generate() {
        Random rnd = new Random(seed);
        for (int k = 1; k <= stopCount; k++) stops.set((int) ((long) versions * k / (stopCount + 1)));
        while (blocked.cardinality() < blockedCount) {
            int b = 1 + rnd.nextInt(versions - 2);
            if (!stops.get(b)) blocked.set(b);
        }
        // how many edges each release gets: E/(V-1) each, at most as many as there are releases in its window,
        // and what is left one more each from the lowest release on
        int[] wants = new int[versions];
        long assigned = 0;
        int quota = Math.max(1, edgeCount / (versions - 1));
        for (int i = 0; i < versions - 1; i++) {
            wants[i] = Math.min(quota, Math.min(window, versions - 1 - i));
            assigned += wants[i];
        }
        for (boolean grew = true; assigned < edgeCount && grew; ) {
            grew = false;
            for (int i = 0; i < versions - 1 && assigned < edgeCount; i++) {
                if (wants[i] < Math.min(window, versions - 1 - i)) {
                    wants[i]++;
                    assigned++;
                    grew = true;
                }
            }
        }
        outStart = new int[versions + 1];
        int[] tmpTargets = new int[(int) assigned];
        int n = 0;
        int[] chosen = new int[Math.min(window, versions) + 1];
        for (int i = 0; i < versions - 1; i++) {
            outStart[i] = n;
            int want = wants[i];
            int limit = Math.min(versions - 1, i + window);
            int next = blocked.nextClearBit(i + 1);
            int c = 0;
            if (chain) chosen[c++] = next;
            while (c < want) {
                int t = i + 1 + rnd.nextInt(limit - i);
                boolean dup = false;
                for (int j = 0; j < c && !dup; j++) dup = chosen[j] == t;
                if (!dup) chosen[c++] = t;
            }
            Arrays.sort(chosen, 0, c);
            System.arraycopy(chosen, 0, tmpTargets, n, c);
            n += c;
        }
        outStart[versions - 1] = n;
        outStart[versions] = n;
        targets = Arrays.copyOf(tmpTargets, n);
        irreversible = new boolean[n];
        for (int i = 0; i < versions - 1; i++) {
            int next = blocked.nextClearBit(i + 1);
            for (int e = outStart[i]; e < outStart[i + 1]; e++) {
                irreversible[e] = rnd.nextInt(1000) < (targets[e] == next ? irreversiblePermilleChain : irreversiblePermille);
            }
        }
    }

    /** The AST a loader would produce for the generated graph (positions are made up: one edge per line). */
    private Playbook playbook() {
        String file = "scale.playbook.yaml";
        String[] texts = new String[versions];
        List<Text> releases = new ArrayList<>(versions);
        for (int i = 0; i < versions; i++) {
            texts[i] = versionText(i);
            releases.add(new Text(texts[i], new SourceRef(file, 10 + i, 7)));
        }
        List<VersionNote> blockedNotes = new ArrayList<>();
        blocked.stream().forEach(b -> blockedNotes.add(new VersionNote(new SourceRef(file, 1, 1),
                new Text(texts[b], new SourceRef(file, 1, 1)), "withdrawn release " + texts[b])));
        List<VersionNote> stopNotes = new ArrayList<>();
        stops.stream().forEach(s -> stopNotes.add(new VersionNote(new SourceRef(file, 1, 1),
                new Text(texts[s], new SourceRef(file, 1, 1)), "data conversion in " + texts[s])));
        SourceRef at0 = new SourceRef(file, 1, 1);
        VersionPolicy policy = new VersionPolicy(at0, new Text("semver", at0), releases,
                Optional.of(new VersionNote(at0, new Text(texts[0], at0), "older releases are not supported")),
                blockedNotes, stopNotes, List.of());
        List<Edge> edges = new ArrayList<>(targets.length);
        int line = 10 + versions;
        for (int i = 0; i < versions; i++) {
            for (int e = outStart[i]; e < outStart[i + 1]; e++) {
                SourceRef at = new SourceRef(file, line++, 5);
                Hop hop = irreversible[e]
                        ? new Hop(at, true, "the schema is converted in place", List.of(), List.of(), List.of(), List.of(), List.of())
                        : new Hop(at, false, "", List.of(), List.of(), List.of(), List.of(), List.of());
                edges.add(new Edge(at, "", new Text(texts[i], at.shift(0, 6)), new Text(texts[targets[e]], at.shift(0, 20)), hop));
            }
        }
        List<Rule> rules = minorRule
                ? List.of(new Rule(at0, new Text("minors", at0), "each minor in sequence", new Text("*", at0), Rule.Sequence.MINOR, true,
                        new Hop(at0, false, "", List.of(), List.of(), List.of(), List.of(), List.of())))
                : List.of();
        return new Playbook(at0, 1, new Product(at0, new Text("scale", at0), "Scale", "", ""), policy, Optional.empty(),
                Map.of(), List.of(), List.of(), edges, rules, List.of(), List.of(), Map.of());
    }

    /**
     * Rebuilds the int arrays from the graph's hops (ordered by from, then to), so that BFS and the
     * reference search exactly what the resolver searches. Without a rule they must equal the generated edges.
     */
    private void adoptGraphHops(VersionGraph graph) {
        List<GraphHop> hops = graph.hops();
        int[] start = new int[versions + 1];
        int[] to = new int[hops.size()];
        boolean[] irr = new boolean[hops.size()];
        int previous = 0;
        for (int h = 0; h < hops.size(); h++) {
            GraphHop hop = hops.get(h);
            int f = graph.indexOf(hop.from());
            if (f < previous) fail("graph.hops() is not ordered by source at " + hop);
            previous = f;
            start[f + 1]++;
            to[h] = graph.indexOf(hop.to());
            irr[h] = hop.irreversible();
        }
        for (int i = 0; i < versions; i++) start[i + 1] += start[i];
        if (graph.size() != versions) fail("the graph has " + graph.size() + " releases, expected " + versions);
        if (!minorRule && !(Arrays.equals(start, outStart) && Arrays.equals(to, targets) && Arrays.equals(irr, irreversible))) {
            fail("the graph's hops differ from the generated edges (" + hops.size() + " hops, " + targets.length + " edges)");
        }
        outStart = start;
        targets = to;
        irreversible = irr;
    }

    /** Plain BFS from {@code from} until {@code to} is reached; returns {hops, nodes visited}. */
    private int[] bfs(int from, int to) {
        int[] parent = new int[versions];
        Arrays.fill(parent, -1);
        int[] queue = new int[versions];
        int head = 0;
        int tail = 0;
        queue[tail++] = from;
        parent[from] = from;
        while (head < tail && parent[to] < 0) {
            int u = queue[head++];
            for (int e = outStart[u]; e < outStart[u + 1]; e++) {
                int v = targets[e];
                if (parent[v] < 0) {
                    parent[v] = u;
                    queue[tail++] = v;
                }
            }
        }
        int hops = 0;
        for (int v = to; v != from; v = parent[v]) hops++;
        return new int[] {hops, tail};
    }

    /**
     * An independent reference for the resolver's choice: a forward dynamic program in release
     * order over the int arrays, honouring blocked releases and required stops, minimising
     * (irreversible hops, hops). Returns {irreversible, hops} of the optimum, or null when there is no path.
     */
    private int[] reference(int a, int b) {
        int n = b - a + 1;
        int[] irr = new int[n];
        int[] hops = new int[n];
        Arrays.fill(hops, -1);
        hops[0] = 0;
        for (int u = a; u < b; u++) {
            int ku = u - a;
            if (hops[ku] < 0) continue;
            int nextStop = stops.nextSetBit(u + 1);
            for (int e = outStart[u]; e < outStart[u + 1]; e++) {
                int v = targets[e];
                if (v > b || blocked.get(v) || (nextStop >= 0 && nextStop < v)) continue;
                int ci = irr[ku] + (irreversible[e] ? 1 : 0);
                int ch = hops[ku] + 1;
                int kv = v - a;
                if (hops[kv] < 0 || ci < irr[kv] || (ci == irr[kv] && ch < hops[kv])) {
                    irr[kv] = ci;
                    hops[kv] = ch;
                }
            }
        }
        return hops[n - 1] < 0 ? null : new int[] {irr[n - 1], hops[n - 1]};
    }

    /** Compares the resolver's answer with the reference; prints and counts a mismatch. */
    private int crossCheck(int a, int b, Resolution.Found found) {
        int[] best = reference(a, b);
        String mine = found == null ? "no path" : found.irreversibleHops() + " irreversible, " + found.hops().size() + " hops";
        String ref = best == null ? "no path" : best[0] + " irreversible, " + best[1] + " hops";
        if (mine.equals(ref)) return 0;
        System.out.printf(Locale.ROOT, "MISMATCH %s -> %s: resolver %s, reference DP %s%n", versionText(a), versionText(b), mine, ref);
        return 1;
    }

    /** The path is a chain of hops from its source to its target that visits every stop in between and no blocked release. */
    private void checkPath(VersionGraph graph, Resolution.Found found) {
        Version at = found.from();
        for (GraphHop hop : found.hops()) {
            if (hop.from().compareTo(at) != 0 || hop.to().compareTo(hop.from()) <= 0) fail("broken path at " + hop + ": " + found.message());
            int t = graph.indexOf(hop.to());
            if (blocked.get(t)) fail("the path stops on blocked " + hop.to().text());
            at = hop.to();
        }
        if (at.compareTo(found.to()) != 0) fail("the path ends on " + at.text() + ", not " + found.to().text());
        int a = graph.indexOf(found.from());
        int b = graph.indexOf(found.to());
        BitSet visited = new BitSet();
        for (GraphHop hop : found.hops()) visited.set(graph.indexOf(hop.to()));
        for (int s = stops.nextSetBit(a + 1); s >= 0 && s < b; s = stops.nextSetBit(s + 1)) {
            if (!visited.get(s)) fail("the path from " + found.from().text() + " skips required stop " + graph.release(s).text());
        }
    }

    // --- measuring

    record Timed<T>(T value, long nanos) {}

    private static <T> Timed<T> time(Supplier<T> work) {
        long t0 = System.nanoTime();
        T value = work.get();
        return new Timed<>(value, System.nanoTime() - t0);
    }

    private long[] repeat(Supplier<?> work) {
        long[] nanos = new long[repeats];
        for (int i = 0; i < repeats; i++) nanos[i] = time(work).nanos();
        return nanos;
    }

    private static long min(long[] xs) {
        return Arrays.stream(xs).min().orElse(0);
    }

    private static long max(long[] xs) {
        return Arrays.stream(xs).max().orElse(0);
    }

    private static long median(long[] xs) {
        long[] s = xs.clone();
        Arrays.sort(s);
        return s.length == 0 ? 0 : s[s.length / 2];
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static String gcNames() {
        List<String> names = new ArrayList<>();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) names.add(gc.getName());
        return String.join(" + ", names);
    }

    private static String countByCode(List<Diagnostic> ds) {
        if (ds.isEmpty()) return "none";
        Map<String, Integer> counts = new TreeMap<>();
        for (Diagnostic d : ds) counts.merge(d.code().name(), 1, Integer::sum);
        return counts.toString();
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.0f MiB", bytes / 1048576.0);
    }

    private static void fail(String message) {
        throw new IllegalStateException("bench check failed: " + message);
    }
}
