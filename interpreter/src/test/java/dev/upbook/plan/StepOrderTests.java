package dev.upbook.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.upbook.resolve.PlaybookFixture;
import dev.upbook.spec.ast.Step;
import dev.upbook.spec.diag.Code;
import dev.upbook.spec.diag.Diagnostic;
import dev.upbook.spec.diag.Diagnostics;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class StepOrderTests {

    private static final String HEAD = """
            upbook: 1
            product: {name: demo}
            versions:
              releases: [1.0.0, 2.0.0]
            edges:
              - {from: 1.0.0, to: 2.0.0}
            """;

    private static List<String> ids(List<Step> steps) {
        return steps.stream().map(s -> s.id().value()).collect(Collectors.toList());
    }

    private static Diagnostic only(Diagnostics diags, Code code) {
        return diags.asList().stream().filter(d -> d.code() == code).findFirst().orElseThrow();
    }

    @Test
    void topologicalOrderWithTiesInDeclarationOrder() {
        PlaybookFixture f = PlaybookFixture.of(HEAD + """
                pre:
                  - {id: notify, type: exec, after: [backup]}
                  - {id: maintenance-on, type: exec}
                  - {id: backup, type: exec, after: [maintenance-on]}
                  - {id: check-disk, type: exec}
                """);
        Diagnostics diags = new Diagnostics();
        List<Step> ordered = StepOrder.order(f.playbook().pre(), "pre", diags);
        assertEquals(List.of("maintenance-on", "backup", "notify", "check-disk"), ids(ordered));
        assertEquals(0, diags.size());
    }

    @Test
    void duplicateIds() {
        PlaybookFixture f = PlaybookFixture.of(HEAD + """
                pre:
                  - {id: backup, type: exec}
                  - {id: backup, type: exec}      # expect: DUPLICATE_ID at backup
                """);
        Diagnostics diags = new Diagnostics();
        StepOrder.checkPlaybook(f.playbook(), diags);
        f.assertExpected(diags);
        Diagnostic d = only(diags, Code.DUPLICATE_ID);
        assertEquals("pre[1].id", d.path());
        assertEquals("step id 'backup' is used twice in pre: pre[0] (line 8) already has it", d.message());
    }

    @Test
    void unknownReferenceSuggestsTheClosestId() {
        PlaybookFixture f = PlaybookFixture.of(HEAD + """
                post:
                  - {id: restart-web, type: exec}
                  - {id: clear-cache, type: exec, after: [restart-wbe, nothing-like-it]}   # expect: UNKNOWN_REFERENCE at restart-wbe; UNKNOWN_REFERENCE at nothing-like-it
                """);
        Diagnostics diags = new Diagnostics();
        StepOrder.checkPlaybook(f.playbook(), diags);
        f.assertExpected(diags);
        Diagnostic d = diags.asList().get(0);
        assertEquals("post[1].after[0]", d.path());
        assertEquals("step 'clear-cache' runs after 'restart-wbe', but post has no step with that id", d.message());
        assertEquals("Did you mean 'restart-web'?", d.hint());
        assertEquals(Code.UNKNOWN_REFERENCE.hint(), diags.asList().get(1).hint());
    }

    @Test
    void cyclesAreReportedAtTheFirstMemberAndTheOrderStaysTotal() {
        PlaybookFixture f = PlaybookFixture.of("""
                upbook: 1
                product: {name: demo}
                versions:
                  releases: [1.0.0, 2.0.0]
                edges:
                  - from: 1.0.0
                    to: 2.0.0
                    steps:
                      - {id: first, type: exec}
                      - {id: migrate, type: exec, after: [reindex]}     # expect: STEP_CYCLE at {
                      - {id: after-cycle, type: exec, after: [migrate]}
                      - {id: reindex, type: exec, after: [warm]}
                      - {id: warm, type: exec, after: [migrate]}
                      - {id: self, type: exec, after: [self]}           # expect: STEP_CYCLE at {
                """);
        Diagnostics diags = new Diagnostics();
        List<Step> ordered = StepOrder.order(f.playbook().edges().get(0).hop().steps(), "edges[0].steps", diags);
        f.assertExpected(diags);
        assertEquals(List.of("first", "migrate", "after-cycle", "reindex", "warm", "self"), ids(ordered));
        List<String> messages = diags.asList().stream().map(Diagnostic::message).collect(Collectors.toList());
        assertEquals(List.of("the 'after' constraints of edges[0].steps form a cycle: migrate -> reindex -> warm -> migrate",
                "the 'after' constraints of edges[0].steps form a cycle: self -> self"), messages);
        assertEquals("edges[0].steps[1].after", diags.asList().get(0).path());
    }

    @Test
    void checkPlaybookVisitsEveryScopeOnce() {
        PlaybookFixture f = PlaybookFixture.of("""
                upbook: 1
                product: {name: demo}
                versions:
                  releases: [1.0.0, 1.1.0, 1.2.0]
                rules:
                  - id: minors
                    sequence: minor
                    steps:
                      - {id: migrate, type: exec, after: [migrte]}   # expect: UNKNOWN_REFERENCE at migrte
                recoveries:
                  rollback:
                    steps:
                      - {id: restore, type: exec}
                      - {id: restore, type: exec}                  # expect: DUPLICATE_ID at restore
                """);
        Diagnostics diags = new Diagnostics();
        StepOrder.checkPlaybook(f.playbook(), diags);
        f.assertExpected(diags);
        assertTrue(diags.asList().stream().anyMatch(d -> d.path().equals("rules[0].steps[0].after[0]")));
        assertTrue(diags.asList().stream().anyMatch(d -> d.path().equals("recoveries.rollback.steps[1].id")));
    }
}
