package dev.upbook.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.upbook.load.PlaybookLoader;
import dev.upbook.spec.ast.Playbook;
import dev.upbook.spec.diag.Code;
import dev.upbook.spec.diag.Diagnostic;
import dev.upbook.spec.diag.Diagnostics;
import dev.upbook.spec.diag.Severity;
import dev.upbook.spec.version.SemverScheme;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every diagnostic of graph building and graph checks, with code and position inline in the fixture. */
class GraphDiagnosticsTests {

    private static Diagnostic only(Diagnostics diags, Code code) {
        return diags.asList().stream().filter(d -> d.code() == code).findFirst().orElseThrow();
    }

    @Test
    void aCleanGraphReportsNothing() {
        PlaybookFixture f = PlaybookFixture.of("""
                upbook: 1
                product: {name: demo}
                versions:
                  releases: [1.0.0, 1.1.0, 2.0.0]
                rules:
                  - id: minors
                    sequence: minor
                edges:
                  - from: 1.1.0
                    to: 2.0.0
                """);
        f.assertExpected(f.check());
    }

    @Test
    void invalidVersionInReleases() {
        PlaybookFixture f = PlaybookFixture.of("""
                upbook: 1
                product: {name: demo}
                versions:
                  releases:
                    - 1.0.0
                    - banana      # expect: INVALID_VERSION at banana
                    - 2.0.0
                edges:
                  - from: 1.0.0
                    to: 2.0.0
                """);
        Diagnostics diags = f.check();
        f.assertExpected(diags);
        Diagnostic d = only(diags, Code.INVALID_VERSION);
        assertEquals("versions.releases[1]", d.path());
        assertTrue(d.message().contains("'banana' is not a semver version"), d.message());
    }

    @Test
    void invalidRangeInEdgeFromAndRuleWithinAndNoPath() {
        PlaybookFixture f = PlaybookFixture.of("""
                upbook: 1
                product: {name: demo}
                versions:
                  releases: [1.0.0, 2.0.0]
                  no-path:
                    - from: "!1"      # expect: INVALID_RANGE at "!1"
                      reason: old
                edges:
                  - from: ">=1.0.0 <<2"   # expect: INVALID_RANGE at ">=1
                    to: 2.0.0
                  - from: 1.0.0
                    to: 2.0.0
                rules:
                  - id: minors
                    sequence: minor
                    within: banana    # expect: INVALID_RANGE at banana
                """);
        Diagnostics diags = f.check();
        f.assertExpected(diags);
        assertTrue(diags.asList().stream().anyMatch(d -> d.path().equals("edges[0].from")
                && d.message().startsWith("'>=1.0.0 <<2' is neither a semver version nor a range")));
        assertTrue(diags.asList().stream().anyMatch(d -> d.path().equals("rules[0].within")));
        assertTrue(diags.asList().stream().anyMatch(d -> d.path().equals("versions.no-path[0].from")));
    }

    @Test
    void duplicateReleaseIsReportedAtTheSecondMention() {
        PlaybookFixture f = PlaybookFixture.of("""
                upbook: 1
                product: {name: demo}
                versions:
                  releases:
                    - 1.0.0
                    - 2.0.0
                    - v1.0.0     # expect: DUPLICATE_RELEASE at v1.0.0
                edges:
                  - from: 1.0.0
                    to: 2.0.0
                """);
        Diagnostics diags = f.check();
        f.assertExpected(diags);
        Diagnostic d = only(diags, Code.DUPLICATE_RELEASE);
        assertEquals("versions.releases[2]", d.path());
        assertTrue(d.message().contains("versions.releases[0] (line 5) already names it as '1.0.0'"), d.message());
    }

    @Test
    void unknownReleasesInTargetsStopsBlockedAndMinimumSuggestTheClosestRelease() {
        PlaybookFixture f = PlaybookFixture.of("""
                upbook: 1
                product: {name: demo}
                versions:
                  releases: [1.0.0, 1.1.0, 2.0.0]
                  minimum: {version: 0.9.0, reason: too old}         # expect: UNKNOWN_RELEASE at 0.9.0
                  blocked:
                    - {version: 1.1.1, reason: data loss bug}        # expect: UNKNOWN_RELEASE at 1.1.1
                  required-stops:
                    - {version: 3.0.0, reason: schema change}        # expect: UNKNOWN_RELEASE at 3.0.0
                rules:
                  - id: minors
                    sequence: minor
                edges:
                  - from: 1.1.0
                    to: 2.0.1        # expect: UNKNOWN_RELEASE at 2.0.1
                  - from: 1.1.0
                    to: 2.0.0
                """);
        Diagnostics diags = f.check();
        f.assertExpected(diags);
        Diagnostic edge = diags.asList().stream().filter(d -> d.path().equals("edges[0].to")).findFirst().orElseThrow();
        assertEquals("the target 2.0.1 of edges[0] is not a release in 'versions.releases' (3 releases, 1.0.0 … 2.0.0)",
                edge.message());
        assertEquals("did you mean '2.0.0'? Otherwise add 2.0.1 to 'versions.releases'.", edge.hint());
        Diagnostic minimum = diags.asList().stream().filter(d -> d.path().equals("versions.minimum.version")).findFirst().orElseThrow();
        assertEquals("the minimum 0.9.0 is not a release in 'versions.releases' (3 releases, 1.0.0 … 2.0.0)", minimum.message());
        assertTrue(diags.asList().stream().anyMatch(d -> d.path().equals("versions.blocked[0].version")
                && d.hint().startsWith("did you mean '1.1.0'?")));
        assertTrue(diags.asList().stream().anyMatch(d -> d.path().equals("versions.required-stops[0].version")));
    }

    @Test
    void edgeDowngrade() {
        PlaybookFixture f = PlaybookFixture.of("""
                upbook: 1
                product: {name: demo}
                versions:
                  releases: [1.0.0, 2.0.0, 3.0.0]
                edges:
                  - from: 1.0.0
                    to: 2.0.0
                  - from: 2.0.0
                    to: 3.0.0
                  - from: 2.5.0      # expect: EDGE_DOWNGRADE at 2.5.0
                    to: 2.0.0
                """);
        Diagnostics diags = f.check();
        f.assertExpected(diags);
        assertEquals("edges[2] goes down from 2.5.0 to 2.0.0; upbook never downgrades", only(diags, Code.EDGE_DOWNGRADE).message());
    }

    @Test
    void aDowngradeEdgeThatClosesACycleIsAlsoAVersionCycle() {
        PlaybookFixture f = PlaybookFixture.of("""
                upbook: 1
                product: {name: demo}
                versions:
                  releases: [1.0.0, 1.5.0, 2.0.0]
                edges:
                  - from: 1.0.0
                    to: 1.5.0
                  - from: 1.5.0
                    to: 2.0.0
                  - from: 2.0.0      # expect: EDGE_DOWNGRADE at 2.0.0; VERSION_CYCLE at from
                    to: 1.0.0
                """);
        Diagnostics diags = f.check();
        f.assertExpected(diags);
        assertTrue(only(diags, Code.VERSION_CYCLE).message().startsWith(
                "the version graph has a cycle: 1.0.0 -> 1.5.0 -> 2.0.0 -> 1.0.0"), only(diags, Code.VERSION_CYCLE).message());
        assertEquals("edges[2]", only(diags, Code.VERSION_CYCLE).path());
        assertEquals("Remove edges[2]; upbook never downgrades.", only(diags, Code.VERSION_CYCLE).hint());
    }

    @Test
    void anEdgeToItselfIsAVersionCycle() {
        PlaybookFixture f = PlaybookFixture.of("""
                upbook: 1
                product: {name: demo}
                versions:
                  releases: [1.0.0, 2.0.0]
                edges:
                  - from: 1.0.0
                    to: 2.0.0
                  - from: 2.0.0      # expect: VERSION_CYCLE at from
                    to: 2.0.0
                """);
        Diagnostics diags = f.check();
        f.assertExpected(diags);
        assertTrue(only(diags, Code.VERSION_CYCLE).message().startsWith("the version graph has a cycle: 2.0.0 -> 2.0.0"));
        assertEquals("An edge from a version to itself does nothing; remove edges[1].", only(diags, Code.VERSION_CYCLE).hint());
    }

    @Test
    void duplicateEdgesAreReportedOncePerPairOfEdgesEvenForOverlappingRanges() {
        PlaybookFixture f = PlaybookFixture.of("""
                upbook: 1
                product: {name: demo}
                versions:
                  releases: [1.0.0, 1.1.0, 1.2.0, 2.0.0]
                edges:
                  - from: 1.x
                    to: 2.0.0
                  - from: ">=1.1.0 <2"     # expect: DUPLICATE_EDGE at from
                    to: 2.0.0
                  - from: 1.0.0
                    to: 1.1.0
                  - from: 1.0.0            # expect: DUPLICATE_EDGE at from
                    to: 1.1.0
                  - from: 1.1.0
                    to: 1.2.0
                """);
        Diagnostics diags = f.check();
        f.assertExpected(diags);
        assertTrue(diags.asList().stream().anyMatch(d -> d.path().equals("edges[1]")
                && d.message().equals("edges[1] declares the hop 1.1.0 → 2.0.0 again; edges[0] (line 6) already declares it")));
    }

    @Test
    void ruleHopsUnderAnExplicitEdgeAreNotDuplicates() {
        PlaybookFixture f = PlaybookFixture.of("""
                upbook: 1
                product: {name: demo}
                versions:
                  releases: [1.0.0, 1.1.0, 1.2.0]
                rules:
                  - id: minors
                    sequence: minor
                  - id: again
                    sequence: minor
                edges:
                  - from: 1.0.0
                    to: 1.1.0
                """);
        f.assertExpected(f.check());
        VersionGraph g = f.graph();
        assertEquals(HopOrigin.Kind.EDGE, g.hopsFrom(f.v("1.0.0")).get(0).origin().kind());
        assertEquals("rule minors", g.hopsFrom(f.v("1.1.0")).get(0).origin().describe());
        assertEquals(3, g.shadowed().size()); // 1.0.0→1.1.0 twice (both rules), 1.1.0→1.2.0 once (rule again)
    }

    @Test
    void edgeToBlocked() {
        PlaybookFixture f = PlaybookFixture.of("""
                upbook: 1
                product: {name: demo}
                versions:
                  releases: [1.0.0, 1.1.0, 1.2.0]
                  blocked:
                    - {version: 1.1.0, reason: corrupts attachments}
                edges:
                  - from: 1.0.0
                    to: 1.1.0       # expect: EDGE_TO_BLOCKED at 1.1.0
                  - from: 1.0.0
                    to: 1.2.0
                  - from: 1.1.0
                    to: 1.2.0
                """);
        Diagnostics diags = f.check();
        f.assertExpected(diags);
        Diagnostic d = only(diags, Code.EDGE_TO_BLOCKED);
        assertEquals("edges[0] ends on 1.1.0, which is blocked: corrupts attachments", d.message());
        assertEquals("Point the edge past the blocked version, e.g. 'to: 1.2.0'.", d.hint());
    }

    @Test
    void edgeMatchingNothingIsAWarning() {
        PlaybookFixture f = PlaybookFixture.of("""
                upbook: 1
                product: {name: demo}
                versions:
                  releases: [1.0.0, 2.0.0, 3.0.0]
                edges:
                  - from: 1.0.0
                    to: 2.0.0
                  - from: 2.0.0
                    to: 3.0.0
                  - from: ">=2.5.0 <2.9.0"   # expect: EDGE_MATCHES_NOTHING at ">=2.5
                    to: 3.0.0
                """);
        Diagnostics diags = f.check();
        f.assertExpected(diags);
        assertEquals(Severity.WARNING, only(diags, Code.EDGE_MATCHES_NOTHING).severity());
        assertTrue(!diags.hasErrors());
    }

    @Test
    void irreversibleEdgeOrRuleWithoutReason() {
        PlaybookFixture f = PlaybookFixture.of("""
                upbook: 1
                product: {name: demo}
                versions:
                  releases: [1.0.0, 1.1.0, 2.0.0]
                rules:
                  - id: minors          # expect: IRREVERSIBLE_WITHOUT_REASON at id
                    sequence: minor
                    irreversible: true
                edges:
                  - from: 1.1.0         # expect: IRREVERSIBLE_WITHOUT_REASON at from
                    to: 2.0.0
                    irreversible: true
                    reason: "   "
                """);
        Diagnostics diags = f.check();
        f.assertExpected(diags);
        assertTrue(diags.asList().stream().anyMatch(d -> d.path().equals("edges[0].reason")));
        assertTrue(diags.asList().stream().anyMatch(d -> d.path().equals("rules[0].reason")
                && d.message().equals("the rule minors is irreversible but does not say why")));
    }

    @Test
    void blankReasonsOfVersionNotesAndGaps() {
        PlaybookFixture f = PlaybookFixture.of("""
                upbook: 1
                product: {name: demo}
                versions:
                  releases: [1.0.0, 1.1.0, 2.0.0, 3.0.0]
                  blocked:
                    - {version: 1.1.0, reason: ""}            # expect: MISSING_REASON at {
                  no-path:
                    - {from: "<2", to: ">=3", reason: " "}     # expect: MISSING_REASON at {
                rules:
                  - id: majors
                    sequence: major
                edges:
                  - {from: 1.0.0, to: 2.0.0}
                """);
        Diagnostics diags = f.check();
        f.assertExpected(diags);
        assertTrue(diags.asList().stream().anyMatch(d -> d.path().equals("versions.blocked[0].reason")));
        assertTrue(diags.asList().stream().anyMatch(d -> d.path().equals("versions.no-path[0].reason")));
    }

    @Test
    void aVersionBlockedOrRequiredTwiceIsReportedAndTheFirstReasonWins() {
        PlaybookFixture f = PlaybookFixture.of("""
                upbook: 1
                product: {name: demo}
                versions:
                  releases: [1.0.0, 1.1.0, 1.2.0, 1.3.0]
                  blocked:
                    - {version: 1.1.0, reason: loses attachments}
                    - {version: v1.1.0, reason: slow}              # expect: DUPLICATE_ID at v1.1.0
                  required-stops:
                    - {version: 1.2.0, reason: migrations}
                    - {version: 1.2.0, reason: other}              # expect: DUPLICATE_ID at 1.2.0
                rules:
                  - {id: minors, sequence: minor}
                """);
        Diagnostics diags = f.check();
        f.assertExpected(diags);
        Diagnostic blocked = diags.asList().get(0);
        assertEquals("versions.blocked[1].version", blocked.path());
        assertEquals("blocked version v1.1.0 is listed twice (first at 6:17)", blocked.message());
        assertEquals("Remove versions.blocked[1]; only the reason of versions.blocked[0] is used.", blocked.hint());
        assertEquals("required stop 1.2.0 is listed twice (first at 9:17)", diags.asList().get(1).message());
        VersionGraph graph = f.graph();
        assertEquals(List.of("loses attachments"), graph.blocked().stream().map(VersionMark::reason).toList());
        assertEquals(List.of("migrations"), graph.requiredStops().stream().map(VersionMark::reason).toList());
    }

    @Test
    void aRequiredStopThatIsBlockedCannotBeCrossed() {
        PlaybookFixture f = PlaybookFixture.of("""
                upbook: 1
                product: {name: demo}
                versions:
                  releases: [1.0.0, 1.1.0, 1.2.0]
                  blocked:
                    - {version: 1.1.0, reason: broken}
                  required-stops:
                    - {version: 1.1.0, reason: migrations}   # expect: INVALID_VALUE at 1.1.0
                  no-path:
                    - {from: 1.0.0, to: 1.2.0, reason: 1.1.0 is broken and required}
                edges:
                  - {from: 1.1.0, to: 1.2.0}
                """);
        f.assertExpected(f.check());
    }

    @Test
    void deadEnd() {
        PlaybookFixture f = PlaybookFixture.of("""
                upbook: 1
                product: {name: demo}
                versions:
                  releases:
                    - 1.0.0
                    - 1.1.0          # expect: DEAD_END at 1.1.0
                    - 2.0.0
                edges:
                  - {from: 1.0.0, to: 1.1.0}
                  - {from: 1.0.0, to: 2.0.0}
                """);
        Diagnostics diags = f.check();
        f.assertExpected(diags);
        Diagnostic d = only(diags, Code.DEAD_END);
        assertEquals("release 1.1.0 has no way forward: no edge or rule leaves it, although later releases exist (2.0.0 … 2.0.0)",
                d.message());
        assertEquals("versions.releases[1]", d.path());
    }

    @Test
    void noDeadEndBelowTheMinimumOrUnderADeclaredGapOrAtTheTop() {
        PlaybookFixture f = PlaybookFixture.of("""
                upbook: 1
                product: {name: demo}
                versions:
                  releases: [0.9.0, 1.0.0, 1.1.0, 2.0.0, 2.1.0]
                  minimum: {version: 1.0.0, reason: 0.9 has an incompatible schema}
                  blocked:
                    - {version: 2.1.0, reason: withdrawn}
                  no-path:
                    - {from: 1.1.0, reason: 1.1 was a dead branch}
                edges:
                  - {from: 1.0.0, to: 1.1.0}
                  - {from: 1.0.0, to: 2.0.0}
                """);
        f.assertExpected(f.check());
    }

    @Test
    void unreachableRelease() {
        PlaybookFixture f = PlaybookFixture.of("""
                upbook: 1
                product: {name: demo}
                versions:
                  releases: [1.0.0, 1.1.0, 2.0.0]     # expect: UNREACHABLE_RELEASE at 1.1.0
                edges:
                  - {from: 1.0.0, to: 2.0.0}
                  - {from: 1.1.0, to: 2.0.0}
                """);
        Diagnostics diags = f.check();
        f.assertExpected(diags);
        assertEquals("release 1.1.0 cannot be reached: no edge or rule leads to it from an earlier release",
                only(diags, Code.UNREACHABLE_RELEASE).message());
    }

    @Test
    void pathMissingBecauseTheOnlyHopJumpsARequiredStop() {
        PlaybookFixture f = PlaybookFixture.of("""
                upbook: 1
                product: {name: demo}
                versions:
                  releases: [0.9.0, 1.0.0, 1.1.0, 2.0.0]     # expect: PATH_MISSING at 1.0.0
                  required-stops:
                    - {version: 1.1.0, reason: the 1.1 schema migration}
                edges:
                  - {from: 0.9.0, to: 1.0.0}
                  - {from: 0.9.0, to: 1.1.0}
                  - {from: 1.0.0, to: 2.0.0}
                  - {from: 1.1.0, to: 2.0.0}
                """);
        Diagnostics diags = f.check();
        f.assertExpected(diags);
        assertEquals("no path from 1.0.0 to 1.1.0, 2.0.0 (these paths must stop on 1.1.0)", only(diags, Code.PATH_MISSING).message());
    }

    @Test
    void pathMissingListsAtMostFiveTargets() {
        PlaybookFixture f = PlaybookFixture.of("""
                upbook: 1
                product: {name: demo}
                versions:
                  releases: [1.0.0, 2.0.0, 2.0.1, 2.0.2, 2.0.3, 2.0.4, 2.0.5, 2.0.6, 2.0.7]  # expect: PATH_MISSING at 1.0.0; UNREACHABLE_RELEASE at 2.0.0
                  required-stops:
                    - {version: 2.0.0, reason: the 2.0 data migration}
                rules:
                  - {id: patches, sequence: patch, within: ">=2.0.0", latest-patch: false}
                edges:
                  - {from: 1.0.0, to: 2.0.1}
                """);
        Diagnostics diags = f.check();
        f.assertExpected(diags);
        assertEquals("no path from 1.0.0 to 2.0.1, 2.0.2, 2.0.3, 2.0.4, 2.0.5 ... and 2 more (these paths must stop on 2.0.0)",
                only(diags, Code.PATH_MISSING).message());
    }

    @Test
    void declaredGapsCoverTheMissingPaths() {
        PlaybookFixture f = PlaybookFixture.of("""
                upbook: 1
                product: {name: demo}
                versions:
                  releases: [1.0.0, 2.0.0, 2.0.1, 2.0.2]
                  required-stops:
                    - {version: 2.0.0, reason: the 2.0 data migration}
                  no-path:
                    - {from: 1.x, reason: 1.x installations must be reinstalled}
                rules:
                  - {id: patches, sequence: patch, within: ">=2.0.0"}
                edges:
                  - {from: 1.0.0, to: 2.0.1}
                """);
        f.assertExpected(f.check());
    }

    @Test
    void whatTheLoaderAlreadyReportedIsNotReportedAgain() {
        Diagnostics diags = new Diagnostics();
        Playbook playbook = PlaybookLoader.load("""
                upbook: 1
                product: {name: demo}
                versions:
                  releases: [1.0.0, 2.0.0]
                  blocked:
                    - {version: 2.0.0}
                edges:
                  - {to: 2.0.0}
                """, "fixture.playbook.yaml", diags).orElseThrow();
        GraphChecks.check(VersionGraph.build(playbook, new SemverScheme(), diags), diags);
        assertEquals(List.of("MISSING_KEY versions.blocked[0].reason", "MISSING_KEY edges[0].from", "EDGE_TO_BLOCKED edges[0].to"),
                diags.asList().stream().map(d -> d.code() + " " + d.path()).collect(Collectors.toList()));
        assertEquals("edges[0] ends on 2.0.0, which is blocked", only(diags, Code.EDGE_TO_BLOCKED).message());
    }

    @Test
    void theGraphIsBuiltInThePlaybooksOwnScheme() {
        PlaybookFixture f = PlaybookFixture.of("""
                upbook: 1
                product: {name: demo}
                versions:
                  scheme: loose
                  releases: [3.60.00, 3.70.00]
                edges:
                  - {from: 3.60.00, to: 3.70.00}
                """);
        Diagnostics diags = new Diagnostics();
        VersionGraph graph = VersionGraph.build(f.playbook(), diags).orElseThrow();
        assertEquals("loose", graph.scheme().name());
        assertEquals(List.of(), diags.asList());
    }
}
