package dev.upbook.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.upbook.spec.ast.Hop;
import dev.upbook.spec.ast.Text;
import dev.upbook.spec.diag.Code;
import dev.upbook.spec.diag.Diagnostics;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * 20,000 releases and about 200,000 hops: the search is iterative, so a long path hits no recursion
 * limit, and the path is checked against an independent breadth-first search (no irreversible hops
 * here, so the policy reduces to fewest hops, then the higher next version). Timings are measured
 * by bench/run, not here.
 */
class ResolverScaleTests {
    /** Large enough for a path of thousands of hops (no recursion limits), small enough for a unit test. */
    private static final int N = 20_000;
    private static final int[] STRIDES = {1, 2, 3, 5, 8, 13, 21, 34, 55, 89};

    @Test
    void twoHundredThousandHopsResolveToTheOptimalPathWithoutRecursionLimits() {
        {
            Ast ast = Ast.playbook();
            Text[] versions = new Text[N];
            for (int i = 0; i < N; i++) {
                versions[i] = ast.text(Integer.toString(i));
                ast.release(versions[i]);
            }
            Hop hop = Ast.hop();
            for (int i = 0; i < N; i++) {
                for (int s : STRIDES) {
                    if (i + s < N) ast.edge(versions[i], versions[i + s], hop);
                }
            }
            boolean[] blocked = new boolean[N];
            for (int i = 997; i < N - 1; i += 1000) {
                blocked[i] = true;
                ast.blocked(Integer.toString(i));
            }
            boolean[] stop = new boolean[N];
            for (int i = 10_000; i < N; i += 10_000) {
                stop[i] = true;
                ast.stop(Integer.toString(i));
            }
            Diagnostics diags = new Diagnostics();
            VersionGraph graph = VersionGraph.build(ast.build(), TestScheme.INSTANCE, diags);
            assertTrue(diags.asList().stream().allMatch(d -> d.code() == Code.EDGE_TO_BLOCKED), "only edges into blocked versions");
            assertTrue(graph.hops().size() > 190_000, "hops: " + graph.hops().size());

            Resolution r = new Resolver(graph).resolve(TestScheme.v("0"), TestScheme.v(Integer.toString(N - 1)));

            int[] distance = distancesToTarget(N - 1, blocked, stop);
            int[] path = r.found().orElseThrow().versions().stream().mapToInt(v -> (int) v.component(0)).toArray();
            assertEquals(distance[0], path.length - 1, "fewest hops");
            for (int k = 0; k + 1 < path.length; k++) {
                int u = path[k];
                assertEquals(highestBestNext(u, N - 1, distance, blocked, stop), path[k + 1], "tie-break at " + u);
            }
            Explanation e = new Resolver(graph).explain(TestScheme.v("0"), TestScheme.v(Integer.toString(N - 1)));
            assertEquals(path.length - 1, e.choices().size());
        }
    }

    /** Reverse breadth-first search from the target over the allowed hops. */
    private static int[] distancesToTarget(int target, boolean[] blocked, boolean[] stop) {
        int[] d = new int[N];
        Arrays.fill(d, -1);
        d[target] = 0;
        ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(target));
        while (!queue.isEmpty()) {
            int v = queue.poll();
            if (blocked[v] && v != target) continue;
            for (int s : STRIDES) {
                int u = v - s;
                if (u >= 0 && d[u] < 0 && allowed(u, v, target, blocked, stop)) {
                    d[u] = d[v] + 1;
                    queue.add(u);
                }
            }
        }
        return d;
    }

    private static int highestBestNext(int u, int target, int[] d, boolean[] blocked, boolean[] stop) {
        for (int k = STRIDES.length - 1; k >= 0; k--) {
            int v = u + STRIDES[k];
            if (v <= target && allowed(u, v, target, blocked, stop) && d[v] == d[u] - 1) return v;
        }
        return -1;
    }

    private static boolean allowed(int u, int v, int target, boolean[] blocked, boolean[] stop) {
        if (v > target || blocked[v]) return false;
        for (int s = u + 1; s < v; s++) {
            if (stop[s]) return false;
        }
        return true;
    }
}
