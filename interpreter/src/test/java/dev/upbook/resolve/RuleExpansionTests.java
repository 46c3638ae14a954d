package dev.upbook.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The hops that rules and range edges generate, written as {@code from->to} in graph order. */
class RuleExpansionTests {

    private static List<String> hops(String yamlTail) {
        PlaybookFixture f = PlaybookFixture.of("""
                upbook: 1
                product: {name: demo}
                versions:
                  releases: [1.0.0, 1.0.1, 1.1.0, 1.1.1, 1.1.2, 1.2.0-rc.1, 1.2.0, 2.0.0, 2.0.1, 2.1.0]
                """ + yamlTail);
        return f.graph().hops().stream().map(h -> h.from().text() + "->" + h.to().text()).collect(Collectors.toList());
    }

    @Test
    void minorSequenceGoesToTheNextMinorOfTheSameMajorAndToTheLatestPatch() {
        assertEquals(List.of(
                "1.0.0->1.0.1", "1.0.0->1.1.0",
                "1.0.1->1.1.0",
                "1.1.0->1.1.2", "1.1.0->1.2.0",
                "1.1.1->1.1.2", "1.1.1->1.2.0",
                "1.1.2->1.2.0",
                "2.0.0->2.0.1", "2.0.0->2.1.0",
                "2.0.1->2.1.0"),
                hops("""
                rules:
                  - {id: minors, sequence: minor}
                """));
    }

    @Test
    void majorSequenceGoesToTheFirstReleaseOfTheNextMajor() {
        assertEquals(List.of(
                "1.0.0->1.2.0", "1.0.0->2.0.0", "1.0.1->1.2.0", "1.0.1->2.0.0", "1.1.0->1.2.0", "1.1.0->2.0.0",
                "1.1.1->1.2.0", "1.1.1->2.0.0", "1.1.2->1.2.0", "1.1.2->2.0.0", "1.2.0->2.0.0",
                "2.0.0->2.1.0", "2.0.1->2.1.0"),
                hops("""
                rules:
                  - {id: majors, sequence: major}
                """));
    }

    @Test
    void patchSequenceWithoutLatestPatchWalksEveryPatch() {
        assertEquals(List.of("1.0.0->1.0.1", "1.1.0->1.1.1", "1.1.1->1.1.2", "2.0.0->2.0.1"),
                hops("""
                rules:
                  - {id: patches, sequence: patch, latest-patch: false}
                """));
    }

    @Test
    void withinLimitsBothEndsOfEveryHop() {
        assertEquals(List.of("1.1.0->1.1.2", "1.1.0->1.2.0", "1.1.1->1.1.2", "1.1.1->1.2.0", "1.1.2->1.2.0"),
                hops("""
                rules:
                  - {id: minors, sequence: minor, within: ">=1.1.0 <2.0.0"}
                """));
    }

    @Test
    void rangeEdgesExpandToEveryReleaseBelowTheTarget() {
        assertEquals(List.of("1.0.0->1.1.1", "1.0.1->1.1.1", "1.1.0->1.1.1", "1.1.0->2.0.0", "1.1.1->2.0.0", "1.1.2->2.0.0"),
                hops("""
                edges:
                  - {from: 1.1.x, to: 2.0.0}
                  - {from: "*", to: 1.1.1}
                """));
    }
}
