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

    private static List<String> messages(Diagnostics diags) {
        return diags.asList().stream().map(Diagnostic::message).collect(Collectors.toList());
    }

    private static List<String> paths(Diagnostics diags) {
        return diags.asList().stream().map(Diagnostic::path).collect(Collectors.toList());
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
        assertEquals("did you mean 'restart-web'?", d.hint());
        assertEquals(Code.UNKNOWN_REFERENCE.hint(), diags.asList().get(1).hint());
    }

    @Test
    void unknownReferenceNeverSuggestsTheStepItself() {
        PlaybookFixture f = PlaybookFixture.of(HEAD + """
                pre:
                  - {id: backup, type: exec, after: [backups]}   # expect: UNKNOWN_REFERENCE at backups
                  - {id: notify, type: exec}
                """);
        Diagnostics diags = new Diagnostics();
        StepOrder.checkPlaybook(f.playbook(), diags);
        f.assertExpected(diags);
        assertEquals(Code.UNKNOWN_REFERENCE.hint(), only(diags, Code.UNKNOWN_REFERENCE).hint());
    }

    @Test
    void cyclesAreReportedAtTheAfterEntryThatClosesThemAndTheOrderStaysTotal() {
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
                      - {id: migrate, type: exec, after: [reindex]}
                      - {id: after-cycle, type: exec, after: [migrate]}
                      - {id: reindex, type: exec, after: [warm]}
                      - {id: warm, type: exec, after: [first, migrate]}   # expect: STEP_CYCLE at migrate
                      - {id: self, type: exec, after: [self]}           # expect: STEP_CYCLE at self]
                """);
        Diagnostics diags = new Diagnostics();
        List<Step> ordered = StepOrder.order(f.playbook().edges().get(0).hop().steps(), "edges[0].steps", diags);
        f.assertExpected(diags);
        assertEquals(List.of("first", "migrate", "after-cycle", "reindex", "warm", "self"), ids(ordered));
        assertEquals(List.of("the 'after' constraints of edges[0].steps form a cycle: self -> self",
                "the 'after' constraints of edges[0].steps form a cycle: migrate -> reindex -> warm -> migrate"), messages(diags));
        assertEquals(List.of("edges[0].steps[5].after[0]", "edges[0].steps[4].after[1]"), paths(diags));
        assertEquals("A step cannot run after itself; remove 'self' from the 'after' of step 'self'.", diags.asList().get(0).hint());
        assertEquals("Remove one of the 'after' entries in the cycle, e.g. 'migrate' from step 'warm'.", diags.asList().get(1).hint());
    }

    @Test
    void aSelfLoopInsideALargerCycleIsNamedOnItsOwn() {
        PlaybookFixture f = PlaybookFixture.of(HEAD + """
                pre:
                  - {id: b, type: exec, after: [c]}
                  - {id: c, type: exec, after: [b, c]}   # expect: STEP_CYCLE at b, c]; STEP_CYCLE at c]
                """);
        Diagnostics diags = new Diagnostics();
        StepOrder.checkPlaybook(f.playbook(), diags);
        f.assertExpected(diags);
        assertEquals(List.of("the 'after' constraints of pre form a cycle: c -> c",
                "the 'after' constraints of pre form a cycle: b -> c -> b"), messages(diags));
        assertEquals(List.of("pre[1].after[1]", "pre[1].after[0]"), paths(diags));
    }

    @Test
    void anIdListedTwiceInAfterIsReportedAtTheSecondEntry() {
        PlaybookFixture f = PlaybookFixture.of(HEAD + """
                pre:
                  - {id: backup, type: exec}
                  - {id: notify, type: exec, after: [backup, backup]}   # expect: DUPLICATE_ID at backup]
                """);
        Diagnostics diags = new Diagnostics();
        List<Step> ordered = StepOrder.order(f.playbook().pre(), "pre", diags);
        f.assertExpected(diags);
        Diagnostic d = only(diags, Code.DUPLICATE_ID);
        assertEquals("pre[1].after[1]", d.path());
        assertEquals("'backup' is listed twice in after", d.message());
        assertEquals("Remove pre[1].after[1]; pre[1].after[0] already names it.", d.hint());
        assertEquals(List.of("backup", "notify"), ids(ordered));
    }

    @Test
    void anUnknownIdListedTwiceIsUnknownOnceAndDuplicateOnce() {
        PlaybookFixture f = PlaybookFixture.of(HEAD + """
                pre:
                  - {id: notify, type: exec, after: [zz, zz]}   # expect: UNKNOWN_REFERENCE at zz; DUPLICATE_ID at zz]
                """);
        Diagnostics diags = new Diagnostics();
        StepOrder.checkPlaybook(f.playbook(), diags);
        f.assertExpected(diags);
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
