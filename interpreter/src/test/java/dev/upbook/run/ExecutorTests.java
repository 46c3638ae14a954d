package dev.upbook.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.upbook.journal.Journal;
import dev.upbook.journal.Journal.StepState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecutorTests {
    static final String HEAD = """
            upbook: 1
            product: { name: demo, title: Demo }
            versions:
              scheme: semver
              releases: [1.0.0, 1.1.0, 1.2.0]
            """;

    static final String THREE_STEPS = HEAD + """
            inputs:
              token: { secret: true }
            pre:
              - id: a
                type: effect
                with: { name: a, value: "{{ inputs.token }}-x" }
                register: a_value
            rules:
              - id: minors
                sequence: minor
                within: ">=1.0.0 <2.0.0"
                steps:
                  - id: b
                    type: effect
                    with: { name: "b-{{ edge.to }}" }
            post:
              - id: c
                type: effect
                with: { name: "c" }
            """;

    @TempDir
    Path dir;
    Harness h;

    @BeforeEach
    void setUp() {
        h = new Harness(dir);
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    @Test
    void aRunExecutesEveryStepInOrderAndJournalsIt() {
        h.playbook(THREE_STEPS);
        Outcome o = h.run("1.0.0", "1.2.0", Map.of("token", "s3cr3t-value"));
        assertEquals(Outcome.Kind.SUCCEEDED, o.kind(), o.message());
        assertEquals(List.of("a", "b-1.1.0", "b-1.2.0", "c"), h.effects.log);
        List<Journal.StepRecord> steps = h.steps();
        assertEquals(4, steps.size());
        assertTrue(steps.stream().allMatch(s -> s.state() == StepState.SUCCEEDED && s.attempts() == 1), steps.toString());
        assertEquals(Journal.RunStatus.COMPLETE, h.latest().orElseThrow().status());
        // the registered value holds a secret: journaled masked
        assertEquals("{\"a_value\":\"" + Masker.MASK + "-x\"}", steps.get(0).registeredJson());
        assertFalse(h.output.toString().contains("s3cr3t-value"));
    }

    @Test
    void runningACompletedUpgradeAgainExecutesNothingAndSaysSo() {
        h.playbook(THREE_STEPS);
        h.run("1.0.0", "1.2.0", Map.of("token", "t"));
        int before = h.effects.log.size();
        Outcome again = h.run("1.0.0", "1.2.0", Map.of("token", "t"));
        assertEquals(Outcome.Kind.SUCCEEDED, again.kind());
        assertTrue(again.message().contains("already completed"), again.message());
        Outcome there = h.run("1.2.0", "1.2.0", Map.of("token", "t"));
        assertTrue(there.message().contains("already at 1.2.0"), there.message());
        assertEquals(before, h.effects.log.size());
    }

    @Test
    void aCrashAfterAStepRecordedRunningStopsForADecisionWhenTheStepIsNeitherIdempotentNorGuarded() {
        h.playbook(THREE_STEPS);
        h.effects.crashes.add("b-1.1.0@after");
        assertThrows(Effects.Crash.class, () -> h.run("1.0.0", "1.2.0", Map.of("token", "t")));
        Outcome o = h.resume(Map.of("token", "t"));
        assertEquals(Outcome.Kind.DECISION_NEEDED, o.kind(), o.message());
        assertTrue(o.message().contains("upbook mark 1.0.0..1.1.0/b --done"), o.message());
        assertEquals(StepState.RUNNING, h.steps().get(1).state());
    }

    @Test
    void aGuardedStepInterruptedAfterItsEffectIsNotRunAgain() {
        h.playbook(HEAD + """
                pre:
                  - id: a
                    type: effect
                    with: { name: a }
                    guard: { type: effect.done, with: { name: a } }
                  - id: b
                    type: effect
                    with: { name: b }
                    idempotent: true
                rules:
                  - { id: minors, sequence: minor, within: ">=1.0.0 <2.0.0" }
                """);
        h.effects.crashes.add("a@after");
        h.effects.crashes.add("b@before");
        assertThrows(Effects.Crash.class, () -> h.run("1.0.0", "1.1.0"));
        // a was interrupted after its effect: its guard says done, so it is not run again; then b crashes before its effect
        assertThrows(Effects.Crash.class, () -> h.resume());
        assertEquals(StepState.SUCCEEDED, h.steps().get(0).state());
        assertEquals(StepState.RUNNING, h.steps().get(1).state());
        // b is idempotent: run again
        Outcome last = h.resume();
        assertEquals(Outcome.Kind.SUCCEEDED, last.kind(), last.message());
        assertEquals(1, h.effects.count("a"));
        assertEquals(1, h.effects.count("b"));
    }

    @Test
    void aStepOfAnIdempotentTypeInterruptedInTheMiddleRunsAgainWithoutADecision() {
        h.playbook(HEAD + """
                pre:
                  - id: copy
                    type: effect.resumable
                    with: { name: copy }
                rules:
                  - { id: minors, sequence: minor, within: ">=1.0.0 <2.0.0" }
                """);
        h.effects.crashes.add("copy@after");
        assertThrows(Effects.Crash.class, () -> h.run("1.0.0", "1.1.0"));
        Outcome o = h.resume();
        assertEquals(Outcome.Kind.SUCCEEDED, o.kind(), o.message());
        assertTrue(h.output.toString().contains("its type effect.resumable is idempotent, running it again"), h.output.toString());
        assertEquals(StepState.SUCCEEDED, h.steps().get(0).state());
        assertEquals(2, h.effects.count("copy"), "run again as the type allows");
    }

    @Test
    void maxStepsEndsCleanlyAndResumeRunsTheRestInPasses() {
        h.playbook(THREE_STEPS);
        h.settings = h.settings.maxSteps(1);
        Outcome o = h.run("1.0.0", "1.2.0", Map.of("token", "t"));
        assertEquals(Outcome.Kind.STOPPED, o.kind(), o.message());
        assertEquals(List.of("a"), h.effects.log);
        int invocations = 1;
        Outcome last;
        do {
            last = h.resume(Map.of("token", "t"));
            invocations++;
        } while (last.kind() == Outcome.Kind.STOPPED);
        assertEquals(Outcome.Kind.SUCCEEDED, last.kind(), last.message());
        assertEquals(4, invocations);
        assertEquals(List.of("a", "b-1.1.0", "b-1.2.0", "c"), h.effects.log);
    }

    @Test
    void aRepeatingStepRunsPassesUntilItsCheckPassesAndCountsEachPassAgainstMaxSteps() {
        h.playbook(HEAD + """
                pre:
                  - id: import
                    type: effect
                    with: { name: batch }
                    idempotent: true
                    until: { type: effect.count, with: { name: batch, times: 3 } }
                    max-passes: 5
                rules:
                  - { id: minors, sequence: minor, within: ">=1.0.0 <2.0.0" }
                """);
        h.settings = h.settings.maxSteps(1);
        assertEquals(Outcome.Kind.STOPPED, h.run("1.0.0", "1.1.0").kind());
        assertEquals(1, h.steps().get(0).passes());
        assertEquals(StepState.PENDING, h.steps().get(0).state());
        assertEquals(Outcome.Kind.STOPPED, h.resume().kind());
        Outcome last = h.resume();
        assertEquals(Outcome.Kind.SUCCEEDED, last.kind(), last.message());
        assertEquals(3, h.effects.count("batch"));
        assertEquals(StepState.SUCCEEDED, h.steps().get(0).state());
    }

    @Test
    void aRepeatingStepFailsAfterMaxPasses() {
        h.playbook(HEAD + """
                pre:
                  - id: import
                    type: effect
                    with: { name: batch }
                    idempotent: true
                    until: { type: effect.count, with: { name: batch, times: 10 } }
                    max-passes: 2
                rules:
                  - { id: minors, sequence: minor, within: ">=1.0.0 <2.0.0" }
                """);
        Outcome o = h.run("1.0.0", "1.1.0");
        assertEquals(Outcome.Kind.STEP_FAILED, o.kind(), o.message());
        assertTrue(o.message().contains("still not done after 2 passes"), o.message());
    }

    @Test
    void aRepeatingStepWhoseUntilCannotBeEvaluatedFailsAfterItsFirstPass() {
        h.playbook(HEAD + """
                pre:
                  - id: maybe
                    type: effect
                    when: "false"
                    with: { name: m }
                    register: counted
                  - id: import
                    type: effect
                    after: [maybe]
                    with: { name: batch }
                    idempotent: true
                    until: { type: effect.count, with: { name: "{{ vars.counted }}", times: 3 } }
                    max-passes: 50
                rules:
                  - { id: minors, sequence: minor, within: ">=1.0.0 <2.0.0" }
                """);
        Outcome o = h.run("1.0.0", "1.1.0");
        assertEquals(Outcome.Kind.STEP_FAILED, o.kind(), o.message());
        assertTrue(o.message().contains("cannot evaluate until"), o.message());
        assertEquals(1, h.effects.count("batch"), "one pass, not fifty");
    }

    @Test
    void failingPreconditionsAreAllListedAndNothingRuns() {
        h.playbook(HEAD + """
                preconditions:
                  - id: one
                    check: { type: effect.done, with: { name: x } }
                    message: "do x first"
                  - id: two
                    check: { type: effect.done, with: { name: y } }
                pre:
                  - { id: a, type: effect, with: { name: a } }
                rules:
                  - { id: minors, sequence: minor, within: ">=1.0.0 <2.0.0" }
                """);
        Outcome o = h.run("1.0.0", "1.1.0");
        assertEquals(Outcome.Kind.PRECONDITION_FAILED, o.kind());
        assertTrue(o.message().contains("one: x is not done — do x first"), o.message());
        assertTrue(o.message().contains("two: y is not done"), o.message());
        assertTrue(h.effects.log.isEmpty());
        assertTrue(h.latest().isEmpty());
    }

    @Test
    void aFailedStepAbortsAndResumeRetriesIt() {
        h.playbook(THREE_STEPS);
        h.effects.failures.add("b-1.1.0");
        Outcome o = h.run("1.0.0", "1.2.0", Map.of("token", "t"));
        assertEquals(Outcome.Kind.STEP_FAILED, o.kind());
        assertEquals(StepState.FAILED, h.steps().get(1).state());
        Outcome r = h.resume(Map.of("token", "t"));
        assertEquals(Outcome.Kind.SUCCEEDED, r.kind(), r.message());
        assertEquals(List.of("a", "b-1.1.0", "b-1.2.0", "c"), h.effects.log);
        assertEquals(2, h.steps().get(1).attempts());
    }

    @Test
    void retriesRetryWithinTheSameRun() {
        h.playbook(HEAD + """
                pre:
                  - { id: a, type: effect, with: { name: a }, retries: 2, retry-delay: 1ms }
                rules:
                  - { id: minors, sequence: minor, within: ">=1.0.0 <2.0.0" }
                """);
        h.effects.failures.add("a");
        h.effects.failures.add("a");
        assertEquals(Outcome.Kind.SUCCEEDED, h.run("1.0.0", "1.1.0").kind());
        assertEquals(3, h.steps().get(0).attempts());
    }

    @Test
    void resumeRefusesAChangedPlaybookUnlessTheDriftIsAccepted() {
        h.playbook(THREE_STEPS);
        h.settings = h.settings.maxSteps(1);
        h.run("1.0.0", "1.2.0", Map.of("token", "t"));
        // comments and titles do not count as a change
        h.playbook("# a comment\n" + THREE_STEPS.replace("id: c\n", "id: c\n    title: The last step\n"));
        assertEquals(Outcome.Kind.STOPPED, h.resume(Map.of("token", "t")).kind());
        h.playbook(THREE_STEPS.replace("name: \"c\"", "name: \"c2\"").replace("name: a, value", "name: a0, value"));
        Outcome refused = h.resume(Map.of("token", "t"));
        assertEquals(Outcome.Kind.DECISION_NEEDED, refused.kind());
        assertTrue(refused.message().contains("pre/a"), refused.message());
        assertTrue(refused.message().contains("post/c"), refused.message());
        h.settings = h.settings.maxSteps(0).acceptDrift(java.util.Optional.of("renamed effects"));
        Outcome accepted = h.resume(Map.of("token", "t"));
        assertEquals(Outcome.Kind.SUCCEEDED, accepted.kind(), accepted.message());
        assertTrue(h.journal.decisions(h.latest().orElseThrow().id()).stream()
                .anyMatch(d -> d.kind() == Journal.DecisionKind.ACCEPT_DRIFT && d.reason().startsWith("renamed effects")));
        assertEquals(List.of("a", "b-1.1.0", "b-1.2.0", "c2"), h.effects.log);
    }

    @Test
    void anIrreversibleStepWaitsForConfirmationWithoutYes() {
        h.playbook(HEAD + """
                pre:
                  - { id: a, type: effect, with: { name: a } }
                  - { id: b, type: effect, with: { name: b }, irreversible: true, reason: "drops the old tables", after: [a] }
                rules:
                  - { id: minors, sequence: minor, within: ">=1.0.0 <2.0.0" }
                """);
        h.settings = h.settings.assumeYes(false);
        Outcome o = h.run("1.0.0", "1.1.0");
        assertEquals(Outcome.Kind.DECISION_NEEDED, o.kind());
        assertTrue(o.message().contains("drops the old tables"), o.message());
        assertEquals(List.of("a"), h.effects.log);
        h.settings = h.settings.assumeYes(true);
        assertEquals(Outcome.Kind.SUCCEEDED, h.resume().kind());
        assertEquals(List.of("a", "b"), h.effects.log);
        assertTrue(h.journal.decisions(h.latest().orElseThrow().id()).stream().anyMatch(d -> d.kind() == Journal.DecisionKind.CONFIRM));
    }

    @Test
    void aSecondRunWhileOneIsUnfinishedIsRefused() throws Exception {
        h.playbook(THREE_STEPS);
        h.settings = h.settings.maxSteps(1);
        h.run("1.0.0", "1.2.0", Map.of("token", "t"));
        Outcome o = h.run("1.0.0", "1.2.0", Map.of("token", "t"));
        assertEquals(Outcome.Kind.DECISION_NEEDED, o.kind());
        assertTrue(o.message().contains("upbook resume"), o.message());
        assertTrue(Files.exists(dir.resolve("journal.db")));
    }
}
