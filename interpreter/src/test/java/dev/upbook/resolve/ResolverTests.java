package dev.upbook.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.upbook.resolve.Explanation.Choice;
import dev.upbook.resolve.Explanation.Rejected;
import dev.upbook.resolve.Explanation.Why;
import dev.upbook.resolve.Resolution.Refused;
import dev.upbook.resolve.Resolution.Refused.Kind;
import dev.upbook.spec.diag.Diagnostics;
import dev.upbook.spec.version.Version;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ResolverTests {

    /** IXP Manager: each minor in sequence, then the latest patch. */
    private static final String IXP = """
            upbook: 1
            product: {name: ixpmanager, title: IXP Manager}
            versions:
              releases: [6.0.0, 6.0.1, 6.0.2, 6.1.0, 6.1.1, 6.2.0, 6.2.1, 6.2.2, 6.2.3]
              minimum: {version: 6.0.0, reason: 5.x needs the v5-to-v6 migration guide first}
            rules:
              - id: minor-sequence
                sequence: minor
            """;

    private static String path(Resolution r) {
        return r.found().orElseThrow(() -> new AssertionError(r.message())).versions().stream()
                .map(Version::text).collect(Collectors.joining(" -> "));
    }

    private static Resolution resolve(PlaybookFixture f, String from, String to) {
        return new Resolver(f.graph()).resolve(f.v(from), f.v(to));
    }

    @Test
    void ixpMinorSequenceThenLatestPatch() {
        PlaybookFixture f = PlaybookFixture.of(IXP);
        assertEquals("6.0.2 -> 6.1.0 -> 6.2.0 -> 6.2.3", path(resolve(f, "6.0.2", "6.2.3")));
        assertEquals("6.0.0 -> 6.1.0 -> 6.2.0 -> 6.2.3", path(resolve(f, "6.0.0", "6.2.3")));
        assertEquals("6.0.0 -> 6.0.2", path(resolve(f, "6.0.0", "6.0.2")));
        assertEquals("6.1.0 -> 6.1.1", path(resolve(f, "6.1.0", "6.1.1")));
        assertEquals("6.0.2 → 6.1.0 → 6.2.0 → 6.2.3 (3 hops)", resolve(f, "6.0.2", "6.2.3").message());
    }

    @Test
    void aStartVersionThatIsNotAReleaseJoinsItsSeries() {
        PlaybookFixture f = PlaybookFixture.of(IXP);
        assertEquals("6.0.5 -> 6.1.0 -> 6.2.0", path(resolve(f, "6.0.5", "6.2.0")));
        // pre-releases take no part in rules
        assertEquals(Kind.UNKNOWN_SOURCE, ((Refused) resolve(f, "6.2.0-beta.1", "6.2.3")).kind());
    }

    @Test
    void aStartVersionMatchingNothingHasNoPath() {
        PlaybookFixture f = PlaybookFixture.of(IXP + """
                edges:
                  - {from: 6.0.0, to: 6.0.1}
                """);
        Refused r = (Refused) resolve(f, "6.1.0-rc.1", "6.2.3");
        assertEquals(Kind.UNKNOWN_SOURCE, r.kind());
        assertEquals("6.1.0-rc.1 is not a known release and no edge or rule starts from it, so there is no path to 6.2.3", r.message());
    }

    @Test
    void alreadyThere() {
        PlaybookFixture f = PlaybookFixture.of(IXP);
        Resolution r = resolve(f, "6.2.3", "6.2.3");
        assertTrue(r.found().orElseThrow().alreadyThere());
        assertEquals("already at 6.2.3; nothing to do", r.message());
    }

    @Test
    void downgradesAreRefused() {
        PlaybookFixture f = PlaybookFixture.of(IXP);
        Refused r = (Refused) resolve(f, "6.2.0", "6.1.0");
        assertEquals(Kind.DOWNGRADE, r.kind());
        assertTrue(r.message().startsWith("6.1.0 is older than 6.2.0; upbook never downgrades"), r.message());
    }

    @Test
    void belowTheMinimumTheAnswerIsNoPathWithTheAuthorsReason() {
        PlaybookFixture f = PlaybookFixture.of(IXP);
        Refused r = (Refused) resolve(f, "5.9.0", "6.2.3");
        assertEquals(Kind.BELOW_MINIMUM, r.kind());
        assertEquals("5.x needs the v5-to-v6 migration guide first", r.reason());
        assertEquals("no path from 5.9.0: it is below the minimum 6.0.0: 5.x needs the v5-to-v6 migration guide first", r.message());
    }

    @Test
    void unknownAndBlockedTargetsAndDeclaredGapsAreRefused() {
        PlaybookFixture f = PlaybookFixture.of("""
                upbook: 1
                product: {name: demo}
                versions:
                  releases: [1.0.0, 1.1.0, 1.2.0, 2.0.0]
                  blocked:
                    - {version: 1.2.0, reason: loses attachments}
                  no-path:
                    - {from: "<1.1.0", to: ">=2", reason: 1.0 must be reinstalled for 2.x}
                rules:
                  - {id: minors, sequence: minor}
                edges:
                  - {from: 1.1.0, to: 2.0.0}
                """);
        Refused unknown = (Refused) resolve(f, "1.0.0", "1.3.0");
        assertEquals(Kind.UNKNOWN_TARGET, unknown.kind());
        assertEquals("1.3.0 is not a known release (did you mean '1.2.0'?)", unknown.message());
        Refused blocked = (Refused) resolve(f, "1.0.0", "1.2.0");
        assertEquals(Kind.TARGET_BLOCKED, blocked.kind());
        assertEquals("the target 1.2.0 is blocked: loses attachments; choose another target", blocked.message());
        Refused gap = (Refused) resolve(f, "1.0.0", "2.0.0");
        assertEquals(Kind.DECLARED_GAP, gap.kind());
        assertEquals("1.0 must be reinstalled for 2.x", gap.reason());
        assertEquals("1.1.0 -> 2.0.0", path(resolve(f, "1.1.0", "2.0.0")));
    }

    @Test
    void aRequiredStopSplitsThePath() {
        PlaybookFixture f = PlaybookFixture.of("""
                upbook: 1
                product: {name: demo}
                versions:
                  releases: [1.0.0, 1.1.0, 1.2.0, 2.0.0]
                  required-stops:
                    - {version: 1.2.0, reason: the 1.2 schema migration}
                edges:
                  - {from: 1.0.0, to: 2.0.0}
                  - {from: 1.0.0, to: 1.1.0}
                  - {from: 1.1.0, to: 1.2.0}
                  - {from: 1.0.0, to: 1.2.0}
                  - {from: 1.2.0, to: 2.0.0}
                """);
        assertEquals("1.0.0 -> 1.2.0 -> 2.0.0", path(resolve(f, "1.0.0", "2.0.0")));
        // from the stop itself, or to it, the stop does not constrain
        assertEquals("1.2.0 -> 2.0.0", path(resolve(f, "1.2.0", "2.0.0")));
        assertEquals("1.0.0 -> 1.2.0", path(resolve(f, "1.0.0", "1.2.0")));
    }

    @Test
    void blockedVersionsAreNeverStoppedOnButMayBeLeft() {
        PlaybookFixture f = PlaybookFixture.of("""
                upbook: 1
                product: {name: demo}
                versions:
                  releases: [6.1.0, 6.1.1, 6.2.0, 6.2.1, 6.2.3]
                  blocked:
                    - {version: 6.2.0, reason: the 6.2.0 upgrade script corrupts sessions}
                rules:
                  - {id: minors, sequence: minor}
                edges:
                  - {from: 6.1.1, to: 6.2.1}
                """);
        // the rule's "first release of the next minor" skips the blocked 6.2.0
        assertEquals("6.1.0 -> 6.2.1 -> 6.2.3", path(resolve(f, "6.1.0", "6.2.3")));
        assertEquals("6.2.0 -> 6.2.3", path(resolve(f, "6.2.0", "6.2.3")));
    }

    @Test
    void theSearchBacktracksOutOfAGreedyDeadEnd() {
        PlaybookFixture f = PlaybookFixture.of("""
                upbook: 1
                product: {name: demo}
                versions:
                  releases: [1.0.0, 2.0.0, 3.0.0, 4.0.0]
                  no-path:
                    - {from: 3.0.0, reason: 3.0 is a dead branch}
                edges:
                  - {from: 1.0.0, to: 3.0.0}
                  - {from: 1.0.0, to: 2.0.0}
                  - {from: 2.0.0, to: 4.0.0}
                """);
        // greedy "highest next version first" would take 1.0.0 -> 3.0.0 and get stuck
        assertEquals("1.0.0 -> 2.0.0 -> 4.0.0", path(resolve(f, "1.0.0", "4.0.0")));
        Explanation e = new Resolver(f.graph()).explain(f.v("1.0.0"), f.v("4.0.0"));
        Rejected r = e.choices().get(0).rejected().get(0);
        assertEquals(Why.NO_WAY_ON, r.why());
        assertEquals("no path from 3.0.0 onward to 4.0.0", r.message());
    }

    @Test
    void tieBreakPolicy() {
        PlaybookFixture f = PlaybookFixture.of("""
                upbook: 1
                product: {name: demo}
                versions:
                  releases: [1.0.0, 2.0.0, 3.0.0, 4.0.0, 5.0.0]
                edges:
                  - {from: 1.0.0, to: 2.0.0}
                  - {from: 1.0.0, to: 3.0.0}
                  - {from: 2.0.0, to: 4.0.0}
                  - {from: 3.0.0, to: 4.0.0}
                  - {from: 1.0.0, to: 5.0.0, irreversible: true, reason: drops the legacy tables}
                  - {from: 4.0.0, to: 5.0.0}
                """);
        // fewest irreversible hops beats fewest hops; among equals the higher next version wins
        assertEquals("1.0.0 -> 3.0.0 -> 4.0.0 -> 5.0.0", path(resolve(f, "1.0.0", "5.0.0")));
        Explanation e = new Resolver(f.graph()).explain(f.v("1.0.0"), f.v("5.0.0"));
        List<String> first = e.choices().get(0).rejected().stream().map(Rejected::message).collect(Collectors.toList());
        assertEquals(List.of("tie-break: lower next version (2.0.0 < 3.0.0)", "more irreversible hops: 1 instead of 0"), first);
    }

    @Test
    void fewerHopsBeatHigherNextVersion() {
        PlaybookFixture f = PlaybookFixture.of("""
                upbook: 1
                product: {name: demo}
                versions:
                  releases: [1.0.0, 2.0.0, 3.0.0, 3.5.0, 4.0.0]
                edges:
                  - {from: 1.0.0, to: 2.0.0}
                  - {from: 1.0.0, to: 3.0.0}
                  - {from: 2.0.0, to: 4.0.0}
                  - {from: 3.0.0, to: 3.5.0}
                  - {from: 3.5.0, to: 4.0.0}
                """);
        assertEquals("1.0.0 -> 2.0.0 -> 4.0.0", path(resolve(f, "1.0.0", "4.0.0")));
        Explanation e = new Resolver(f.graph()).explain(f.v("1.0.0"), f.v("4.0.0"));
        assertEquals("longer: 3 hops instead of 2", e.choices().get(0).rejected().get(0).message());
    }

    @Test
    void explainNamesEveryRejectedAlternative() {
        PlaybookFixture f = PlaybookFixture.of("""
                upbook: 1
                product: {name: ixpmanager}
                versions:
                  releases: [6.0.0, 6.0.5, 6.1.0, 6.1.1, 6.2.0, 6.2.3, 7.0.0]
                  blocked:
                    - {version: 6.1.1, reason: broken migrations}
                  required-stops:
                    - {version: 6.1.0, reason: the 6.1 schema change}
                rules:
                  - {id: minor-sequence, sequence: minor}
                edges:
                  - {from: 6.0.0, to: 6.2.0}
                  - {from: 6.0.0, to: 7.0.0}
                  - {from: 6.1.0, to: 6.1.1}
                  - {from: 6.0.0, to: 6.1.0}
                """);
        Explanation e = new Resolver(f.graph()).explain(f.v("6.0.0"), f.v("6.2.3"));
        assertEquals("6.0.0 → 6.1.0 → 6.2.0 → 6.2.3 (3 hops)", e.resolution().message());
        Choice at600 = e.choices().get(0);
        assertEquals("6.0.0 → 6.1.0 (edges[3])", at600.chosen().toString());
        List<String> reasons = at600.rejected().stream().map(r -> r.hop().to().text() + ": " + r.message()).collect(Collectors.toList());
        assertEquals(List.of(
                "6.0.5: longer: 4 hops instead of 3",
                "6.2.0: would skip required stop 6.1.0 (the 6.1 schema change)",
                "7.0.0: beyond the target 6.2.3",
                "6.1.0: same hop as edges[3] (explicit edges come before rules)"), reasons);
        List<String> at610 = e.choices().get(1).rejected().stream().map(Rejected::message).collect(Collectors.toList());
        // the rule generates no hop into the blocked 6.1.1; only the explicit edge does
        assertEquals(List.of("lands on blocked 6.1.1 (broken migrations)"), at610);
    }

    @Test
    void noPathNamesTheUnreachableStop() {
        PlaybookFixture f = PlaybookFixture.of("""
                upbook: 1
                product: {name: demo}
                versions:
                  releases: [1.0.0, 1.1.0, 1.2.0, 2.0.0]
                  required-stops:
                    - {version: 1.2.0, reason: the 1.2 migration}
                edges:
                  - {from: 1.0.0, to: 1.1.0}
                  - {from: 1.1.0, to: 2.0.0}
                """);
        Refused r = (Refused) resolve(f, "1.0.0", "2.0.0");
        assertEquals(Kind.NO_PATH, r.kind());
        assertEquals("no path from 1.0.0 to 2.0.0: the required stop 1.2.0 (the 1.2 migration) cannot be reached; "
                + "the furthest version reachable is 1.1.0", r.message());
    }

    @Test
    void looseVersionsWithQualifiersAndLeadingZeros() {
        PlaybookFixture f = PlaybookFixture.of("""
                upbook: 1
                product: {name: kayako}
                versions:
                  scheme: loose
                  releases: ["1.6 RC1", "1.6", "1.7", "1.7.1", "1.8", 3.60.00, 3.60.01, 3.70.00]
                rules:
                  - {id: minors, sequence: minor, within: "<2"}
                edges:
                  - {from: "1.6 RC1", to: "1.6"}
                  - {from: ">=1.8 <3.60.00", to: 3.60.00}
                  - {from: 3.60.00, to: 3.70.00}
                  - {from: 3.60.00, to: 3.60.01}
                  - {from: 3.60.01, to: 3.70.00}
                """);
        assertEquals("1.6 RC1 -> 1.6 -> 1.7 -> 1.8 -> 3.60.00 -> 3.70.00", path(resolve(f, "1.6 RC1", "3.70.00")));
        assertEquals("1.7 -> 1.8", path(resolve(f, "v1.7", "1.8")), "a start that is a release reads as the release");
        Diagnostics diags = f.check();
        assertTrue(diags.asList().isEmpty(), () -> PlaybookFixture.format(diags.asList()));
    }
}
