package dev.upbook.playbooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.upbook.lint.Compilation;
import dev.upbook.lint.PlaybookCompiler;
import dev.upbook.plan.Plan;
import dev.upbook.plan.Planner;
import dev.upbook.resolve.Resolution;
import dev.upbook.resolve.Resolver;
import dev.upbook.resolve.VersionGraph;
import dev.upbook.spec.ast.Playbook;
import dev.upbook.spec.diag.Diagnostic;
import dev.upbook.spec.diag.Diagnostics;
import dev.upbook.spec.version.Version;
import dev.upbook.spec.version.VersionRange;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every shipped playbook lints clean, and every pair of its path matrix either plans (in an order
 * that respects every constraint) or is refused with the author's declared reason.
 */
class ShippedPlaybooksTests {

    @Test
    void theFiveSeedProductsAreShipped() {
        List<String> products = ShippedPlaybooks.files().stream()
                .map(f -> ShippedPlaybooks.root().relativize(f).getName(0).toString()).distinct().sorted().toList();
        assertTrue(products.containsAll(List.of("arctyk-itsm", "ixp-manager", "kayako", "mattermost", "osticket")), products::toString);
    }

    @TestFactory
    Stream<DynamicTest> everyPlaybookLintsWithoutDiagnostics() {
        return ShippedPlaybooks.files().stream().map(file -> DynamicTest.dynamicTest(file.toString(), () -> {
            Compilation c = ShippedPlaybooks.compile(file);
            assertEquals(List.of(), c.diagnostics().stream().map(Diagnostic::format).toList());
        }));
    }

    @TestFactory
    Stream<DynamicTest> everySupportedPairPlansOrIsRefusedWithTheAuthorsReason() {
        return ShippedPlaybooks.pairs().stream().map(pair -> DynamicTest.dynamicTest(pair.toString(), () -> {
            Compilation c = ShippedPlaybooks.compile(pair.file());
            VersionGraph graph = c.graph().orElseThrow();
            Resolution r = new Resolver(graph).resolve(pair.from(), pair.to());
            if (graph.gapCovering(pair.from(), pair.to()).isPresent()) {
                assertFalse(r.isFound(), "a declared no-path pair must be refused: " + r.message());
                Resolution.Refused refused = (Resolution.Refused) r;
                assertFalse(refused.reason().isBlank(), "the refusal carries the author's reason");
                return;
            }
            assertTrue(r.isFound(), () -> "no plan for " + pair + ": " + r.message());
            Plan plan = Planner.plan(c.playbook().orElseThrow(), graph, r.found().orElseThrow());
            assertEquals(pair.from(), plan.from());
            assertEquals(pair.to(), plan.to());
            assertEquals(List.of(), ShippedPlaybooks.orderViolations(plan));
            assertFalse(plan.steps().isEmpty(), "an upgrade plan has steps");
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyProcedurePlansAtEveryReleaseInItsRangeAndNowhereElse() {
        return ShippedPlaybooks.procedures().stream().map(file -> DynamicTest.dynamicTest(file.toString(), () -> {
            Compilation c = ShippedPlaybooks.compile(file);
            Playbook book = c.playbook().orElseThrow();
            VersionGraph graph = c.graph().orElseThrow();
            VersionRange at = PlaybookCompiler.procedureRange(book, graph, new Diagnostics()).orElseThrow();
            assertFalse(book.procedure().get().reason().isBlank(), "the range's reason is there for operators");
            int planned = 0;
            for (Version v : graph.releases()) {
                if (!at.contains(v)) continue;
                Plan plan = Planner.procedure(book, graph, v);
                assertEquals(v, plan.from());
                assertEquals(v, plan.to());
                assertTrue(plan.hops().isEmpty());
                assertFalse(plan.alreadyThere(), "a procedure's plan runs");
                assertEquals(List.of(), ShippedPlaybooks.orderViolations(plan));
                assertFalse(plan.steps().isEmpty(), "a procedure has steps");
                planned++;
            }
            assertTrue(planned > 0, "the procedure applies to at least one release");
        }));
    }

    @Test
    void thePathMatrixIsNotEmpty() {
        assertTrue(ShippedPlaybooks.pairs().size() >= 20, () -> "pairs: " + ShippedPlaybooks.pairs().size());
        String byFile = ShippedPlaybooks.pairs().stream()
                .collect(Collectors.groupingBy(p -> p.file().getFileName().toString(), Collectors.counting())).toString();
        assertFalse(byFile.isEmpty());
    }

    @Test
    void ixpManagerGoesThroughEachMinorThenTheLatestPatch() {
        Path file = ShippedPlaybooks.root().resolve("ixp-manager/playbook.yaml");
        Compilation c = ShippedPlaybooks.compile(file);
        VersionGraph g = c.graph().orElseThrow();
        Resolution r = new Resolver(g).resolve(g.releases().get(0), g.releases().get(g.releases().size() - 1));
        List<String> path = r.found().orElseThrow().versions().stream().map(v -> v.text()).toList();
        assertEquals("6.0.0", path.get(0));
        for (int i = 1; i < path.size() - 1; i++) {
            assertTrue(path.get(i).endsWith(".0"), () -> "intermediate stops are the first release of each minor: " + path);
        }
    }

    @Test
    void kayakoRefusesVersionsBelowTheMinimumWithTheGuidesWords() throws Exception {
        Path file = ShippedPlaybooks.root().resolve("kayako/playbook.yaml");
        VersionGraph g = ShippedPlaybooks.compile(file).graph().orElseThrow();
        Resolution r = new Resolver(g).resolve(g.scheme().parse("3.50.00"), g.releases().get(g.releases().size() - 1));
        assertFalse(r.isFound());
        assertEquals(Resolution.Refused.Kind.BELOW_MINIMUM, ((Resolution.Refused) r).kind());
        assertTrue(((Resolution.Refused) r).reason().contains("3.60.00"), r::message);
    }
}
