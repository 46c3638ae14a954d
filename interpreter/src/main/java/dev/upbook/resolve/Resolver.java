package dev.upbook.resolve;

import dev.upbook.resolve.Explanation.Choice;
import dev.upbook.resolve.Explanation.Rejected;
import dev.upbook.resolve.Explanation.Why;
import dev.upbook.resolve.Resolution.Found;
import dev.upbook.resolve.Resolution.Refused;
import dev.upbook.resolve.Resolution.Refused.Kind;
import dev.upbook.spec.version.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Finds the path from an installed version to a target release.
 *
 * <p>Policy, in order: refuse downgrades; {@code from == to} is the empty path; refuse sources
 * below the minimum, unknown or blocked targets and pairs covered by a declared gap, each with the
 * author's reason. Otherwise, among the valid paths (never stopping on a blocked release, never
 * jumping over a required stop between the two ends), choose by: 1. fewest irreversible hops,
 * 2. fewest hops, 3. at the first version where two paths differ, the higher next version,
 * 4. for one (from, to) pair, explicit edge before rule and earlier declaration first (settled
 * when the graph is built, which keeps one hop per pair).
 *
 * <p>Hops only go upward, so the graph is a DAG in version order; the search is a dynamic
 * program over the releases between the two ends, from the target down, in O(V + E) with arrays,
 * without recursion. It finds a path exactly when one exists: there are no greedy dead ends.
 */
public final class Resolver {
    private final VersionGraph graph;

    public Resolver(VersionGraph graph) {
        this.graph = graph;
    }

    /** The path from {@code from} to {@code to}; versions that are releases are answered as the playbook writes them. */
    public Resolution resolve(Version from, Version to) {
        Version start = asWritten(from);
        Version target = asWritten(to);
        Optional<Refused> refusal = refuseUpFront(start, target);
        if (refusal.isPresent()) return refusal.get();
        if (start.compareTo(target) == 0) return new Found(start, target, List.of());
        return new Search(start, target).run().result();
    }

    /** The resolution together with, for each version on the path, the alternatives not taken and why. */
    public Explanation explain(Version from, Version to) {
        Version start = asWritten(from);
        Version target = asWritten(to);
        Optional<Refused> refusal = refuseUpFront(start, target);
        if (refusal.isPresent()) return new Explanation(refusal.get(), List.of());
        if (start.compareTo(target) == 0) return new Explanation(new Found(start, target, List.of()), List.of());
        Search search = new Search(start, target).run();
        Resolution result = search.result();
        if (!result.isFound()) return new Explanation(result, List.of());
        return new Explanation(result, search.choices());
    }

    /**
     * The release equal to {@code v} (so {@code v1.0.0} typed on the command line reads {@code 1.0.0}
     * like the hops do), or {@code v} itself when it is not a release.
     */
    private Version asWritten(Version v) {
        int i = graph.indexOf(v);
        return i >= 0 ? graph.release(i) : v;
    }

    private Optional<Refused> refuseUpFront(Version from, Version to) {
        int c = from.compareTo(to);
        if (c > 0) {
            return refuse(from, to, Kind.DOWNGRADE, to.text() + " is older than " + from.text()
                    + "; upbook never downgrades (restore a backup or follow the product's rollback procedure)", "");
        }
        if (c == 0) return Optional.empty();
        if (graph.belowMinimum(from)) {
            VersionMark min = graph.minimum().orElseThrow();
            return refuse(from, to, Kind.BELOW_MINIMUM, "no path from " + from.text() + ": it is below the minimum "
                    + min.version().text() + ": " + min.reason().strip(), min.reason());
        }
        if (!graph.isRelease(to)) {
            String hint = ReleaseSuggestions.didYouMean(to, graph.releases()).map(s -> " (" + s + ")").orElse("");
            return refuse(from, to, Kind.UNKNOWN_TARGET, to.text() + " is not a known release" + hint, "");
        }
        Optional<VersionMark> blocked = graph.blockedMark(to);
        if (blocked.isPresent()) {
            return refuse(from, to, Kind.TARGET_BLOCKED, "the target " + to.text() + " is blocked: " + blocked.get().reason().strip()
                    + "; choose another target", blocked.get().reason());
        }
        Optional<DeclaredGap> gap = graph.gapCovering(from, to);
        if (gap.isPresent()) {
            return refuse(from, to, Kind.DECLARED_GAP, "the playbook declares no path from " + from.text() + " to " + to.text()
                    + " (" + gap.get().path() + "): " + gap.get().reason().strip(), gap.get().reason());
        }
        return Optional.empty();
    }

    private static Optional<Refused> refuse(Version from, Version to, Kind kind, String message, String reason) {
        return Optional.of(new Refused(from, to, kind, message, reason));
    }

    /**
     * The dynamic program for one request. Nodes are the releases with index in
     * {@code [low, target]} plus the start; {@code length[i - low]} is the number of hops of the
     * best path from release i to the target (-1: none), {@code irreversible[i - low]} its
     * irreversible hops and {@code next[i - low]} the hop taken.
     */
    private final class Search {
        private final Version from;
        private final Version to;
        private final int target;
        private final int startIndex;   // -1 when the start is not a release
        private final int low;          // the lowest release index above the start
        private final int[] length;
        private final int[] irreversible;
        private final int[] next;
        private final List<GraphHop> startHops;
        private GraphHop startChoice;
        private int startLength = -1;
        private int startIrreversible;

        Search(Version from, Version to) {
            this.from = from;
            this.to = to;
            this.target = graph.indexOf(to);
            this.startIndex = graph.indexOf(from);
            this.low = graph.firstIndexAbove(from);
            int n = target - low + 1;
            this.length = new int[n];
            this.irreversible = new int[n];
            this.next = new int[n];
            this.startHops = startIndex >= 0 ? List.of() : graph.hopsFrom(from);
        }

        Search run() {
            for (int i = target; i >= low; i--) solve(i);
            Best best = startIndex >= 0 ? bestOf(startIndex, low) : bestOfStartHops();
            startLength = best.length;
            startIrreversible = best.irreversible;
            if (best.hop >= 0) startChoice = startIndex >= 0 ? graph.hops().get(best.hop) : startHops.get(best.hop);
            return this;
        }

        private void solve(int i) {
            int k = i - low;
            if (i == target) {
                length[k] = 0;
                irreversible[k] = 0;
                next[k] = -1;
                return;
            }
            if (graph.isBlocked(i)) {
                length[k] = -1;
                return;
            }
            Best best = bestOf(i, i + 1);
            length[k] = best.length;
            irreversible[k] = best.irreversible;
            next[k] = best.hop;
        }

        /** The best hop out of release {@code i}; hops are scanned from the highest target down, so ties keep the higher one. */
        private Best bestOf(int i, int above) {
            Best best = new Best();
            for (int h = graph.outStart(i + 1) - 1; h >= graph.outStart(i); h--) {
                int t = graph.hopTo(h);
                if (!usable(above, t)) continue;
                best.offer(h, 1 + length[t - low], (graph.hops().get(h).irreversible() ? 1 : 0) + irreversible[t - low]);
            }
            return best;
        }

        /** The best of the hops computed for a start that is not a release; {@code Best.hop} indexes {@code startHops}. */
        private Best bestOfStartHops() {
            Best best = new Best();
            for (int j = startHops.size() - 1; j >= 0; j--) {
                GraphHop hop = startHops.get(j);
                int t = graph.indexOf(hop.to());
                if (!usable(low, t)) continue;
                best.offer(j, 1 + length[t - low], (hop.irreversible() ? 1 : 0) + irreversible[t - low]);
            }
            return best;
        }

        /** A hop from a node whose next release is {@code above} into release {@code t} can be on a path. */
        private boolean usable(int above, int t) {
            return t <= target && !graph.isBlocked(t) && !graph.jumpsStop(above, t) && length[t - low] >= 0;
        }

        Resolution result() {
            if (startLength >= 0) return new Found(from, to, path());
            if (startIndex < 0 && startHops.isEmpty()) {
                return new Refused(from, to, Kind.UNKNOWN_SOURCE, from.text() + " is not a known release and no edge or rule "
                        + "starts from it, so there is no path to " + to.text(), "");
            }
            return new Refused(from, to, Kind.NO_PATH, noPathMessage(), "");
        }

        private List<GraphHop> path() {
            List<GraphHop> path = new ArrayList<>(startLength);
            GraphHop hop = startChoice;
            while (hop != null) {
                path.add(hop);
                int t = graph.indexOf(hop.to());
                hop = t == target ? null : graph.hops().get(next[t - low]);
            }
            return path;
        }

        // --- why there is no path

        private String noPathMessage() {
            boolean[] reached = forwardReach();
            int furthest = -1;
            for (int i = low; i < target; i++) {
                if (reached[i - low]) furthest = i;
            }
            StringBuilder sb = new StringBuilder("no path from " + from.text() + " to " + to.text());
            for (VersionMark stop : graph.stopsBetween(from, to)) {
                if (!reached[graph.indexOf(stop.version()) - low]) {
                    sb.append(": the required stop ").append(stop.describe()).append(" cannot be reached");
                    return sb.append(furthestNote(furthest)).toString();
                }
            }
            return sb.append(furthest < 0 ? ": no usable hop leaves " + from.text() : furthestNote(furthest)).toString();
        }

        private String furthestNote(int furthest) {
            return furthest < 0 ? "" : "; the furthest version reachable is " + graph.release(furthest).text();
        }

        /** Which releases in {@code [low, target]} the start reaches at all under the constraints. */
        private boolean[] forwardReach() {
            boolean[] reached = new boolean[target - low + 1];
            for (GraphHop hop : graph.hopsFrom(from)) reach(reached, low, graph.indexOf(hop.to()));
            for (int i = low; i < target; i++) {
                if (!reached[i - low]) continue;
                for (int h = graph.outStart(i); h < graph.outStart(i + 1); h++) reach(reached, i + 1, graph.hopTo(h));
            }
            return reached;
        }

        private void reach(boolean[] reached, int above, int t) {
            if (t <= target && !graph.isBlocked(t) && !graph.jumpsStop(above, t)) reached[t - low] = true;
        }

        // --- explanation

        List<Choice> choices() {
            Map<Version, List<GraphHop>> shadowed = shadowedFrom();
            List<Choice> choices = new ArrayList<>();
            int above = low;
            List<GraphHop> leaving = graph.hopsFrom(from);
            int len = startLength;
            int irr = startIrreversible;
            for (GraphHop chosen : path()) {
                List<Rejected> rejected = new ArrayList<>();
                for (GraphHop alternative : leaving) {
                    if (alternative.to().compareTo(chosen.to()) != 0) rejected.add(reject(alternative, above, chosen, len, irr));
                }
                for (GraphHop s : shadowed.getOrDefault(chosen.from(), List.of())) rejected.add(shadow(s));
                choices.add(new Choice(chosen.from(), chosen, len, irr, rejected));
                int t = graph.indexOf(chosen.to());
                if (t == target) break;
                leaving = graph.hopsFrom(chosen.to());
                above = t + 1;
                len = length[t - low];
                irr = irreversible[t - low];
            }
            return choices;
        }

        private Rejected reject(GraphHop hop, int above, GraphHop chosen, int bestLength, int bestIrreversible) {
            int t = graph.indexOf(hop.to());
            if (t > target) return new Rejected(hop, Why.BEYOND_TARGET, "beyond the target " + to.text());
            if (graph.isBlocked(t)) {
                return new Rejected(hop, Why.LANDS_ON_BLOCKED, "lands on blocked " + graph.blockedMark(t).describe());
            }
            if (graph.jumpsStop(above, t)) {
                VersionMark stop = graph.skippedStop(hop.from(), hop.to()).orElseThrow();
                return new Rejected(hop, Why.SKIPS_REQUIRED_STOP, "would skip required stop " + stop.describe());
            }
            int k = t - low;
            if (length[k] < 0) {
                return new Rejected(hop, Why.NO_WAY_ON, "no path from " + hop.to().text() + " onward to " + to.text());
            }
            int len = 1 + length[k];
            int irr = (hop.irreversible() ? 1 : 0) + irreversible[k];
            if (irr > bestIrreversible) {
                return new Rejected(hop, Why.MORE_IRREVERSIBLE,
                        "more irreversible hops: " + irr + " instead of " + bestIrreversible);
            }
            if (len > bestLength) {
                return new Rejected(hop, Why.LONGER, "longer: " + len + " hops instead of " + bestLength);
            }
            return new Rejected(hop, Why.TIE_BREAK, "tie-break: lower next version (" + hop.to().text() + " < "
                    + chosen.to().text() + ")");
        }

        private Rejected shadow(GraphHop hop) {
            GraphHop winner = graph.hopsFrom(hop.from()).stream()
                    .filter(h -> h.to().compareTo(hop.to()) == 0).findFirst().orElseThrow();
            String rule = winner.origin().isExplicit() && !hop.origin().isExplicit()
                    ? "explicit edges come before rules" : "the earlier declaration wins";
            return new Rejected(hop, Why.SHADOWED, "same hop as " + winner.origin().describe() + " (" + rule + ")");
        }

        private Map<Version, List<GraphHop>> shadowedFrom() {
            Map<Version, List<GraphHop>> byFrom = new TreeMap<>();
            for (GraphHop s : graph.shadowed()) {
                if (s.from().compareTo(from) >= 0 && s.to().compareTo(to) <= 0) {
                    byFrom.computeIfAbsent(s.from(), k -> new ArrayList<>()).add(s);
                }
            }
            return byFrom;
        }
    }

    /** The best candidate seen so far: fewer irreversible hops, then fewer hops; the first offered wins ties. */
    private static final class Best {
        int hop = -1;
        int length = -1;
        int irreversible;

        void offer(int candidate, int len, int irr) {
            if (length < 0 || irr < irreversible || (irr == irreversible && len < length)) {
                hop = candidate;
                length = len;
                irreversible = irr;
            }
        }
    }
}
