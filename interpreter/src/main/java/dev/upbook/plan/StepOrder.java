package dev.upbook.plan;

import dev.upbook.resolve.Suggestions;
import dev.upbook.spec.ast.Playbook;
import dev.upbook.spec.ast.Step;
import dev.upbook.spec.ast.Text;
import dev.upbook.spec.diag.Code;
import dev.upbook.spec.diag.Diagnostics;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * Orders the steps of one scope (a phase, a hop, a recovery) by their {@code after}
 * constraints: a topological order in which ties go to the earlier declaration (Kahn's algorithm
 * with a priority queue on the declaration index), so the order is stable and deterministic.
 *
 * <p>Reports DUPLICATE_ID, UNKNOWN_REFERENCE and STEP_CYCLE, and still returns a total order so
 * that callers can continue: steps caught in or behind a cycle come last, in declaration order.
 */
public final class StepOrder {
    private final List<Step> steps;
    private final String scopePath;
    private final Diagnostics diags;
    private final Map<String, Integer> byId = new HashMap<>();
    /** {@code references.get(j)}: the steps that step j names in {@code after}. */
    private final List<List<Integer>> references = new ArrayList<>();

    private StepOrder(List<Step> steps, String scopePath, Diagnostics diags) {
        this.steps = steps;
        this.scopePath = scopePath;
        this.diags = diags;
    }

    /**
     * @param scopePath the path of the step list, e.g. {@code pre} or {@code edges[2].steps};
     *     diagnostics add {@code [i].id} or {@code [i].after[k]}
     */
    public static List<Step> order(List<Step> steps, String scopePath, Diagnostics diags) {
        StepOrder order = new StepOrder(List.copyOf(steps), scopePath, diags);
        order.indexIds();
        order.resolveReferences();
        return order.sort();
    }

    /**
     * Orders every step scope of a playbook once ({@code pre}, {@code post}, each edge's and rule's
     * steps, each recovery's steps) to report ordering problems; the validator's entry point.
     */
    public static void checkPlaybook(Playbook playbook, Diagnostics diags) {
        order(playbook.pre(), "pre", diags);
        for (int i = 0; i < playbook.edges().size(); i++) order(playbook.edges().get(i).hop().steps(), "edges[" + i + "].steps", diags);
        for (int i = 0; i < playbook.rules().size(); i++) order(playbook.rules().get(i).hop().steps(), "rules[" + i + "].steps", diags);
        order(playbook.post(), "post", diags);
        new TreeMap<>(playbook.recoveries()).forEach((name, recovery) ->
                order(recovery.steps(), "recoveries." + name + ".steps", diags));
    }

    private void indexIds() {
        for (int j = 0; j < steps.size(); j++) {
            Text id = steps.get(j).id();
            if (id.value().isBlank()) continue;
            Integer first = byId.putIfAbsent(id.value(), j);
            if (first != null) {
                diags.report(Code.DUPLICATE_ID, path(j) + ".id", id.at(),
                        "step id '" + id.value() + "' is used twice in " + scopePath + ": " + path(first) + " (line "
                                + steps.get(first).id().at().line() + ") already has it",
                        "Rename one of them; ids are unique within a phase, hop or recovery.");
            }
        }
    }

    private void resolveReferences() {
        for (int j = 0; j < steps.size(); j++) {
            List<Integer> named = new ArrayList<>();
            List<Text> after = steps.get(j).after();
            for (int k = 0; k < after.size(); k++) {
                Integer target = byId.get(after.get(k).value());
                if (target == null) {
                    unknownReference(j, k, after.get(k));
                } else if (!named.contains(target)) {
                    named.add(target);
                }
            }
            references.add(named);
        }
    }

    private void unknownReference(int j, int k, Text name) {
        String hint = Suggestions.closest(name.value(), byId.keySet().stream().sorted().toList(), 2)
                .map(s -> "Did you mean '" + s + "'?")
                .orElse(Code.UNKNOWN_REFERENCE.hint());
        diags.report(Code.UNKNOWN_REFERENCE, path(j) + ".after[" + k + "]", name.at(),
                "step '" + steps.get(j).id().value() + "' runs after '" + name.value() + "', but " + scopePath
                        + " has no step with that id",
                hint);
    }

    private List<Step> sort() {
        int n = steps.size();
        int[] waitingFor = new int[n];
        List<List<Integer>> dependents = new ArrayList<>();
        for (int j = 0; j < n; j++) dependents.add(new ArrayList<>());
        for (int j = 0; j < n; j++) {
            for (int target : references.get(j)) {
                waitingFor[j]++;
                dependents.get(target).add(j);
            }
        }
        PriorityQueue<Integer> ready = new PriorityQueue<>();
        for (int j = 0; j < n; j++) {
            if (waitingFor[j] == 0) ready.add(j);
        }
        List<Step> ordered = new ArrayList<>(n);
        BitSet placed = new BitSet(n);
        while (!ready.isEmpty()) {
            int j = ready.poll();
            ordered.add(steps.get(j));
            placed.set(j);
            for (int d : dependents.get(j)) {
                if (--waitingFor[d] == 0) ready.add(d);
            }
        }
        if (ordered.size() < n) {
            reportCycles(placed);
            for (int j = 0; j < n; j++) {
                if (!placed.get(j)) ordered.add(steps.get(j));
            }
        }
        return ordered;
    }

    // --- cycles: one STEP_CYCLE per strongly connected group, as a chain through its first member

    private void reportCycles(BitSet placed) {
        BitSet reported = new BitSet();
        for (int j = 0; j < steps.size(); j++) {
            if (placed.get(j) || reported.get(j)) continue;
            List<Integer> chain = closedChain(j, placed);
            if (chain.isEmpty()) continue; // behind a cycle, not on one
            BitSet group = reachable(j, placed);
            for (int m = group.nextSetBit(0); m >= 0; m = group.nextSetBit(m + 1)) {
                if (reachable(m, placed).get(j)) reported.set(m);
            }
            reportCycle(chain);
        }
    }

    /** The shortest chain {@code j -> ... -> j} along {@code after} among unplaced steps, or empty. */
    private List<Integer> closedChain(int j, BitSet placed) {
        int[] parent = new int[steps.size()];
        java.util.Arrays.fill(parent, -2);
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        queue.add(j);
        while (!queue.isEmpty()) {
            int u = queue.poll();
            for (int v : references.get(u)) {
                if (placed.get(v)) continue;
                if (v == j) return chainBack(u, j, parent);
                if (parent[v] == -2) {
                    parent[v] = u;
                    queue.add(v);
                }
            }
        }
        return List.of();
    }

    private static List<Integer> chainBack(int last, int start, int[] parent) {
        List<Integer> reversed = new ArrayList<>();
        reversed.add(start);
        for (int v = last; v != start; v = parent[v]) reversed.add(v);
        reversed.add(start);
        List<Integer> chain = new ArrayList<>();
        for (int i = reversed.size() - 1; i >= 0; i--) chain.add(reversed.get(i));
        return chain;
    }

    private BitSet reachable(int from, BitSet placed) {
        BitSet seen = new BitSet();
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        queue.add(from);
        while (!queue.isEmpty()) {
            for (int v : references.get(queue.poll())) {
                if (!placed.get(v) && !seen.get(v)) {
                    seen.set(v);
                    queue.add(v);
                }
            }
        }
        return seen;
    }

    private void reportCycle(List<Integer> chain) {
        List<String> names = new ArrayList<>();
        for (int j : chain) names.add(steps.get(j).id().value());
        int first = chain.get(0);
        diags.report(Code.STEP_CYCLE, path(first) + ".after", steps.get(first).at(),
                "the 'after' constraints of " + scopePath + " form a cycle: " + String.join(" -> ", names),
                "Remove one of the 'after' entries in the cycle, e.g. '" + names.get(1) + "' from step '" + names.get(0) + "'.");
    }

    private String path(int j) {
        return scopePath + "[" + j + "]";
    }
}
