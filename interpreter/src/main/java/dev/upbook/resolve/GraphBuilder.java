package dev.upbook.resolve;

import dev.upbook.resolve.HopSources.Declaration;
import dev.upbook.resolve.HopSources.EdgeSource;
import dev.upbook.resolve.HopSources.RuleSource;
import dev.upbook.spec.SourceRef;
import dev.upbook.spec.ast.Edge;
import dev.upbook.spec.ast.Hop;
import dev.upbook.spec.ast.NoPath;
import dev.upbook.spec.ast.Playbook;
import dev.upbook.spec.ast.Rule;
import dev.upbook.spec.ast.Text;
import dev.upbook.spec.ast.VersionNote;
import dev.upbook.spec.ast.VersionPolicy;
import dev.upbook.spec.diag.Code;
import dev.upbook.spec.diag.Diagnostic;
import dev.upbook.spec.diag.Diagnostics;
import dev.upbook.spec.version.Version;
import dev.upbook.spec.version.VersionRange;
import dev.upbook.spec.version.VersionScheme;
import dev.upbook.spec.version.VersionSyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Builds a {@link VersionGraph} from a playbook: parses every version and range, reports what
 * does not parse or does not fit, and expands range edges and rules into hops. One builder per
 * build.
 */
final class GraphBuilder {
    private final Playbook playbook;
    private final VersionScheme scheme;
    private final Diagnostics diags;

    private final List<Version> releases = new ArrayList<>();
    private final List<SourceRef> releaseAt = new ArrayList<>();
    private final List<String> releasePath = new ArrayList<>();
    private final List<VersionMark> blocked = new ArrayList<>();
    private final List<VersionMark> stops = new ArrayList<>();
    private final List<Declaration> declarations = new ArrayList<>();
    private final List<EdgeSource> edgeSources = new ArrayList<>();
    private final List<RuleSource> ruleSources = new ArrayList<>();
    private final List<GraphHop> backwardEdges = new ArrayList<>();
    private final Map<String, Object> parsedVersions = new HashMap<>();

    /** Paths the loader already reported (a missing key, a wrong type): not parsed again, so nothing is said twice. */
    private final Set<String> reportedPaths = new HashSet<>();

    GraphBuilder(Playbook playbook, VersionScheme scheme, Diagnostics diags) {
        this.playbook = playbook;
        this.scheme = scheme;
        this.diags = diags;
        for (Diagnostic d : diags.asList()) {
            if (d.isError()) reportedPaths.add(d.path());
        }
    }

    VersionGraph build() {
        VersionPolicy policy = playbook.versions();
        readReleases(policy.releases());
        Optional<VersionMark> minimum = policy.minimum().flatMap(n -> mark(n, "versions.minimum", "minimum"));
        readMarks(policy.blocked(), "versions.blocked", "blocked version", blocked);
        readMarks(policy.requiredStops(), "versions.required-stops", "required stop", stops);
        checkStopsNotBlocked();
        List<DeclaredGap> gaps = readGaps(policy.noPath());
        readEdges();
        readRules();
        HopSources sources = new HopSources(releases, declarations, edgeSources, ruleSources);
        return expand(sources, minimum, gaps);
    }

    // --- releases and version notes

    private void readReleases(List<Text> texts) {
        record Parsed(Version version, int index, SourceRef at) {}
        List<Parsed> parsed = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            int index = i;
            version(texts.get(i), "versions.releases[" + i + "]", "release")
                    .ifPresent(v -> parsed.add(new Parsed(v, index, texts.get(index).at())));
        }
        parsed.sort(Comparator.comparing(Parsed::version).thenComparingInt(Parsed::index));
        Parsed previous = null;
        for (Parsed p : parsed) {
            if (previous != null && previous.version().compareTo(p.version()) == 0) {
                diags.report(Code.DUPLICATE_RELEASE, "versions.releases[" + p.index() + "]", p.at(),
                        "release " + p.version().text() + " is listed twice: versions.releases[" + previous.index() + "] (line "
                                + previous.at().line() + ") already names it" + spelling(previous.version(), p.version()),
                        "Remove versions.releases[" + p.index() + "].");
                continue;
            }
            releases.add(p.version());
            releaseAt.add(p.at());
            releasePath.add("versions.releases[" + p.index() + "]");
            previous = p;
        }
    }

    private static String spelling(Version first, Version second) {
        return first.text().equals(second.text()) ? "" : " as '" + first.text() + "'";
    }

    /** Reads blocked versions or required stops; for a version listed twice, the first entry (and its reason) counts. */
    private void readMarks(List<VersionNote> notes, String listPath, String what, List<VersionMark> into) {
        Map<Version, VersionMark> firsts = new TreeMap<>();
        for (int i = 0; i < notes.size(); i++) {
            Optional<VersionMark> m = mark(notes.get(i), listPath + "[" + i + "]", what);
            if (m.isEmpty()) continue;
            VersionMark first = firsts.putIfAbsent(m.get().version(), m.get());
            if (first != null) listedTwice(what, first, m.get());
        }
        into.addAll(firsts.values());
    }

    private void listedTwice(String what, VersionMark first, VersionMark again) {
        diags.report(Code.DUPLICATE_ID, again.path() + ".version", again.at(),
                what + " " + again.version().text() + " is listed twice (first at " + first.at().line() + ":"
                        + first.at().column() + ")",
                "Remove " + again.path() + "; only the reason of " + first.path() + " is used.");
    }

    private Optional<VersionMark> mark(VersionNote note, String path, String what) {
        if ((note.reason() == null || note.reason().isBlank()) && !reportedPaths.contains(path + ".reason")) {
            diags.report(Code.MISSING_REASON, path + ".reason", note.at(),
                    "the " + what + " " + note.version().value() + " needs a reason that operators will read",
                    "Add 'reason: ...' saying why.");
        }
        return release(note.version(), path + ".version", "the " + what, "")
                .map(v -> new VersionMark(v, note.reason() == null ? "" : note.reason(), note.version().at(), path));
    }

    private void checkStopsNotBlocked() {
        for (VersionMark stop : stops) {
            for (VersionMark b : blocked) {
                if (b.version().compareTo(stop.version()) == 0) {
                    diags.report(Code.INVALID_VALUE, stop.path() + ".version", stop.at(),
                            stop.version().text() + " is a required stop but also blocked (" + b.path() + ", line "
                                    + b.at().line() + "), so no path across it can exist",
                            "Remove it from 'required-stops' or from 'blocked'.");
                }
            }
        }
    }

    private List<DeclaredGap> readGaps(List<NoPath> entries) {
        List<DeclaredGap> gaps = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            NoPath entry = entries.get(i);
            String path = "versions.no-path[" + i + "]";
            if ((entry.reason() == null || entry.reason().isBlank()) && !reportedPaths.contains(path + ".reason")) {
                diags.report(Code.MISSING_REASON, path + ".reason", entry.at(),
                        "the declared gap from '" + entry.from().value() + "' to '" + entry.to().value()
                                + "' needs a reason that operators will read",
                        "Add 'reason: ...' saying why there is no path.");
            }
            Optional<VersionRange> from = range(entry.from(), path + ".from");
            Optional<VersionRange> to = range(entry.to(), path + ".to");
            if (from.isPresent() && to.isPresent()) {
                gaps.add(new DeclaredGap(from.get(), to.get(), entry.reason() == null ? "" : entry.reason(), entry.at(), path));
            }
        }
        return gaps;
    }

    /**
     * The releases a rule may stop on: blocked ones take no part, so "the first release of the next
     * series" skips a blocked release (and a series with only blocked releases).
     */
    private List<Version> stoppableReleases() {
        java.util.Set<Version> blockedVersions = new java.util.HashSet<>();
        for (VersionMark b : blocked) blockedVersions.add(b.version());
        return releases.stream().filter(v -> !blockedVersions.contains(v)).toList();
    }

    // --- edges and rules

    private void readEdges() {
        List<Edge> edges = playbook.edges();
        for (int i = 0; i < edges.size(); i++) {
            Edge edge = edges.get(i);
            String path = "edges[" + i + "]";
            checkIrreversibleReason(edge.hop(), path, edge.at(), () -> "edge " + edge.from().value() + " → " + edge.to().value());
            int declaration = declarations.size();
            declarations.add(new Declaration(HopOrigin.edge(i, edge.title(), edge.at()), edge.hop()));
            Optional<Version> to = release(edge.to(), path + ".to", "the target", " of " + path);
            Optional<Source> from = source(edge.from(), path + ".from");
            if (to.isEmpty()) continue;
            int toIndex = indexOf(to.get());
            blockedTarget(to.get()).ifPresent(b -> edgeToBlocked(edge, path, b, toIndex));
            if (from.isEmpty()) continue;
            if (from.get().single().isPresent()) {
                singleEdge(edge, path, declaration, from.get().single().get(), to.get(), toIndex);
            } else {
                rangeEdge(edge, path, declaration, from.get().range().orElseThrow(), to.get(), toIndex);
            }
        }
    }

    private void edgeToBlocked(Edge edge, String path, VersionMark blockedMark, int toIndex) {
        String reason = blockedMark.reason().isBlank() ? "" : ": " + blockedMark.reason().strip();
        diags.report(Code.EDGE_TO_BLOCKED, path + ".to", edge.to().at(),
                path + " ends on " + blockedMark.version().text() + ", which is blocked" + reason,
                nextUnblockedAbove(toIndex).map(v -> "Point the edge past the blocked version, e.g. 'to: " + v.text() + "'.")
                        .orElse(Code.EDGE_TO_BLOCKED.hint()));
    }

    private void singleEdge(Edge edge, String path, int declaration, Version from, Version to, int toIndex) {
        int c = from.compareTo(to);
        if (c >= 0) {
            backwardEdges.add(new GraphHop(from, to, declarations.get(declaration).origin(), edge.hop()));
            if (c > 0) {
                diags.report(Code.EDGE_DOWNGRADE, path, edge.from().at(),
                        path + " goes down from " + from.text() + " to " + to.text() + "; upbook never downgrades",
                        Code.EDGE_DOWNGRADE.hint());
            }
            return;
        }
        edgeSources.add(new EdgeSource(declaration, Optional.of(from), Optional.empty(), to, toIndex));
    }

    private void rangeEdge(Edge edge, String path, int declaration, VersionRange from, Version to, int toIndex) {
        EdgeSource source = new EdgeSource(declaration, Optional.empty(), Optional.of(from), to, toIndex);
        boolean matches = false;
        for (int r = 0; r < toIndex && !matches; r++) matches = source.matches(releases.get(r));
        if (!matches) {
            diags.report(Code.EDGE_MATCHES_NOTHING, path + ".from", edge.from().at(),
                    "the range '" + from.text() + "' of " + path + " matches no release below its target " + to.text()
                            + ", so the edge is never used between releases",
                    Code.EDGE_MATCHES_NOTHING.hint());
        }
        edgeSources.add(source);
    }

    private void readRules() {
        List<Rule> rules = playbook.rules();
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = rules.get(i);
            String path = "rules[" + i + "]";
            checkIrreversibleReason(rule.hop(), path, rule.at(), () -> "rule " + rule.id().value());
            int declaration = declarations.size();
            declarations.add(new Declaration(HopOrigin.rule(i, rule.id().value(), rule.title(), rule.at()), rule.hop()));
            Text within = rule.within() != null ? rule.within() : new Text("*", rule.at());
            range(within, path + ".within").ifPresent(range -> ruleSources.add(new RuleSource(declaration, range,
                    new SeriesIndex(rule.sequence().component() + 1, stoppableReleases()), rule.latestPatch())));
        }
    }

    private void checkIrreversibleReason(Hop hop, String path, SourceRef at, Supplier<String> what) {
        if (hop.irreversible() && (hop.reason() == null || hop.reason().isBlank())) {
            diags.report(Code.IRREVERSIBLE_WITHOUT_REASON, path + ".reason", at,
                    "the " + what.get() + " is irreversible but does not say why",
                    Code.IRREVERSIBLE_WITHOUT_REASON.hint());
        }
    }

    // --- expansion: one hop per (from, to), the first declaration wins

    private VersionGraph expand(HopSources sources, Optional<VersionMark> minimum, List<DeclaredGap> gaps) {
        int n = releases.size();
        int[] claimedBy = new int[n];
        int[] winner = new int[n];
        Arrays.fill(claimedBy, -1);
        IntList from = new IntList();
        IntList to = new IntList();
        List<GraphHop> hops = new ArrayList<>();
        List<GraphHop> shadowed = new ArrayList<>();
        Set<Long> reportedPairs = new HashSet<>();
        IntList targets = new IntList();
        for (int u = 0; u < n; u++) {
            int source = u;
            targets.clear();
            sources.targets(releases.get(u), (t, declaration) -> {
                if (claimedBy[t] != source) {
                    claimedBy[t] = source;
                    winner[t] = declaration;
                    targets.add(t);
                } else {
                    shadowed.add(hop(sources, source, t, declaration));
                    duplicate(winner[t], declaration, source, t, reportedPairs);
                }
            });
            targets.sort();
            for (int k = 0; k < targets.size(); k++) {
                int t = targets.get(k);
                from.add(u);
                to.add(t);
                hops.add(hop(sources, u, t, winner[t]));
            }
        }
        return new VersionGraph(scheme, releases, releaseAt, releasePath, hops, from.toArray(), to.toArray(), shadowed,
                backwardEdges, minimum, blocked, stops, gaps, sources);
    }

    private GraphHop hop(HopSources sources, int from, int to, int declaration) {
        Declaration d = sources.declaration(declaration);
        return new GraphHop(releases.get(from), releases.get(to), d.origin(), d.hop());
    }

    private void duplicate(int first, int second, int from, int to, Set<Long> reported) {
        HopOrigin a = declarations.get(first).origin();
        HopOrigin b = declarations.get(second).origin();
        if (!a.isExplicit() || !b.isExplicit() || !reported.add(((long) first << 32) | second)) return;
        diags.report(Code.DUPLICATE_EDGE, b.path(), b.at(),
                b.path() + " declares the hop " + releases.get(from).text() + " → " + releases.get(to).text()
                        + " again; " + a.path() + " (line " + a.at().line() + ") already declares it",
                "Merge the two edges, or narrow a 'from' range so that they no longer overlap.");
    }

    // --- parsing helpers

    /** A parsed edge source: exactly one of a single version and a range. */
    private record Source(Optional<Version> single, Optional<VersionRange> range) {}

    private Optional<Source> source(Text text, String path) {
        if (text.value().isBlank() || reportedPaths.contains(path)) return Optional.empty();
        Object parsed = parsed(text.value());
        if (parsed instanceof Version) return Optional.of(new Source(Optional.of((Version) parsed), Optional.empty()));
        return range(text, path, "neither a " + scheme.name() + " version nor a range")
                .map(r -> new Source(Optional.empty(), Optional.of(r)));
    }

    private Optional<Version> version(Text text, String path, String what) {
        Object parsed = parsed(text.value());
        if (parsed instanceof Version) return Optional.of((Version) parsed);
        diags.report(Code.INVALID_VERSION, path, text.at(),
                "the " + what + " '" + text.value() + "' is not a " + scheme.name() + " version: " + parsed,
                Code.INVALID_VERSION.hint());
        return Optional.empty();
    }

    /** The version a text parses to, or the parser's message; cached, as one release is named by many edges. */
    private Object parsed(String text) {
        return parsedVersions.computeIfAbsent(text, t -> {
            try {
                return scheme.parse(t);
            } catch (VersionSyntaxException | RuntimeException e) {
                return String.valueOf(e.getMessage());
            }
        });
    }

    /**
     * A version that must be one of the releases. The message names it as {@code noun}, the
     * version and {@code owner}: "the minimum 3.0", "the target 2.0.1 of edges[2]".
     */
    private Optional<Version> release(Text text, String path, String noun, String owner) {
        if (text.value().isBlank() || reportedPaths.contains(path)) return Optional.empty();
        Optional<Version> v = version(text, path, "version");
        if (v.isEmpty() || indexOf(v.get()) >= 0) return v;
        String version = v.get().text();
        String hint = ReleaseSuggestions.didYouMean(v.get(), releases)
                .map(s -> s + " Otherwise add " + version + " to 'versions.releases'.")
                .orElse("Add " + version + " to 'versions.releases', or fix the typo.");
        diags.report(Code.UNKNOWN_RELEASE, path, text.at(),
                noun + " " + version + owner + " is not a release in 'versions.releases'" + knownRange(), hint);
        return Optional.empty();
    }

    private String knownRange() {
        if (releases.isEmpty()) return " (no release is listed)";
        return " (" + releases.size() + " releases, " + releases.get(0).text() + " … " + releases.get(releases.size() - 1).text() + ")";
    }

    private Optional<VersionRange> range(Text text, String path) {
        return range(text, path, "not a valid " + scheme.name() + " range");
    }

    private Optional<VersionRange> range(Text text, String path, String problem) {
        if (reportedPaths.contains(path)) return Optional.empty();
        try {
            return Optional.of(scheme.parseRange(text.value()));
        } catch (VersionSyntaxException | RuntimeException e) {
            diags.report(Code.INVALID_RANGE, path, text.at(),
                    "'" + text.value() + "' is " + problem + ": " + e.getMessage(),
                    Code.INVALID_RANGE.hint());
            return Optional.empty();
        }
    }

    private int indexOf(Version v) {
        int i = java.util.Collections.binarySearch(releases, v);
        return i >= 0 ? i : -1;
    }

    /** The blocked mark of {@code v}; {@code blocked} is sorted by version. */
    private Optional<VersionMark> blockedTarget(Version v) {
        int low = 0;
        int high = blocked.size() - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int c = blocked.get(mid).version().compareTo(v);
            if (c == 0) return Optional.of(blocked.get(mid));
            if (c < 0) low = mid + 1;
            else high = mid - 1;
        }
        return Optional.empty();
    }

    private Optional<Version> nextUnblockedAbove(int index) {
        for (int i = index + 1; i < releases.size(); i++) {
            if (blockedTarget(releases.get(i)).isEmpty()) return Optional.of(releases.get(i));
        }
        return Optional.empty();
    }
}
