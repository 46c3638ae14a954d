package dev.upbook.plan;

import dev.upbook.spec.ast.Playbook;
import dev.upbook.spec.ast.Step;
import dev.upbook.spec.ast.Text;
import dev.upbook.spec.diag.Code;
import dev.upbook.spec.diag.Diagnostics;
import dev.upbook.spec.diag.Suggestions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
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
 * <p>Reports DUPLICATE_ID (an id used twice, an id listed twice in one {@code after}),
 * UNKNOWN_REFERENCE and STEP_CYCLE, and still returns a total order so that callers can continue:
 * steps caught in or behind a cycle come last, in declaration order.
 */
public final class StepOrder {
    private final List<Step> steps;
    private final String scopePath;
    private final Diagnostics diags;
    private final Map<String, Integer> byId = new HashMap<>();
    /** {@code references.get(j)}: the steps that step j names in {@code after}, each once. */
    private final List<List<Integer>> references = new ArrayList<>();
    /** {@code referencedAt.get(j).get(r)}: the index in step j's {@code after} of {@code references.get(j).get(r)}. */
    private final List<List<Integer>> referencedAt = new ArrayList<>();

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
            List<Integer> namedAt = new ArrayList<>();
            Map<String, Integer> listed = new HashMap<>();
            List<Text> after = steps.get(j).after();
            for (int k = 0; k < after.size(); k++) {
                Integer earlier = listed.putIfAbsent(after.get(k).value(), k);
                Integer target = byId.get(after.get(k).value());
                if (earlier != null) {
                    listedTwice(j, earlier, k, after.get(k));
                } else if (target == null) {
                    unknownReference(j, k, after.get(k));
                } else {
                    named.add(target);
                    namedAt.add(k);
                }
            }
            references.add(named);
            referencedAt.add(namedAt);
        }
    }

    private void listedTwice(int j, int first, int k, Text name) {
        diags.report(Code.DUPLICATE_ID, path(j) + ".after[" + k + "]", name.at(),
                "'" + name.value() + "' is listed twice in after",
                "Remove " + path(j) + ".after[" + k + "]; " + path(j) + ".after[" + first + "] already names it.");
    }

    private void unknownReference(int j, int k, Text name) {
        String self = steps.get(j).id().value();
        List<String> others = byId.keySet().stream().filter(id -> !id.equals(self)).sorted().toList();
        diags.report(Code.UNKNOWN_REFERENCE, path(j) + ".after[" + k + "]", name.at(),
                "step '" + self + "' runs after '" + name.value() + "', but " + scopePath + " has no step with that id",
                Suggestions.didYouMean(name.value(), others, Code.UNKNOWN_REFERENCE.hint()));
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

    // --- cycles: each self-loop on its own, then one STEP_CYCLE per larger strongly connected group

    private void reportCycles(BitSet placed) {
        for (int j = 0; j < steps.size(); j++) {
            if (references.get(j).contains(j)) reportCycle(List.of(j, j));
        }
        BitSet reported = new BitSet();
        for (int j = 0; j < steps.size(); j++) {
            if (placed.get(j) || reported.get(j)) continue;
            List<Integer> chain = closedChain(j, placed);
            if (chain.isEmpty()) continue; // behind a cycle, or only on its own self-loop
            BitSet group = reachable(j, placed);
            for (int m = group.nextSetBit(0); m >= 0; m = group.nextSetBit(m + 1)) {
                if (reachable(m, placed).get(j)) reported.set(m);
            }
            reportCycle(chain);
        }
    }

    /**
     * The shortest chain {@code j -> ... -> j} of two or more steps along {@code after} among
     * unplaced steps, or empty; self-loops are left out, as they are reported on their own.
     */
    private List<Integer> closedChain(int j, BitSet placed) {
        int[] parent = new int[steps.size()];
        Arrays.fill(parent, -2);
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        queue.add(j);
        while (!queue.isEmpty()) {
            int u = queue.poll();
            for (int v : references.get(u)) {
                if (placed.get(v) || v == u) continue;
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
            int u = queue.poll();
            for (int v : references.get(u)) {
                if (!placed.get(v) && !seen.get(v) && v != u) {
                    seen.set(v);
                    queue.add(v);
                }
            }
        }
        return seen;
    }

    /** Reported at the {@code after} entry that closes the chain: the last step's entry naming the first. */
    private void reportCycle(List<Integer> chain) {
        List<String> names = new ArrayList<>();
        for (int j : chain) names.add(steps.get(j).id().value());
        int last = chain.get(chain.size() - 2);
        int k = referencedAt.get(last).get(references.get(last).indexOf(chain.get(0)));
        Text closing = steps.get(last).after().get(k);
        String hint = last == chain.get(0)
                ? "A step cannot run after itself; remove '" + closing.value() + "' from the 'after' of step '" + names.get(0) + "'."
                : "Remove one of the 'after' entries in the cycle, e.g. '" + closing.value() + "' from step '"
                        + steps.get(last).id().value() + "'.";
        diags.report(Code.STEP_CYCLE, path(last) + ".after[" + k + "]", closing.at(),
                "the 'after' constraints of " + scopePath + " form a cycle: " + String.join(" -> ", names), hint);
    }

    private String path(int j) {
        return scopePath + "[" + j + "]";
    }
}
