package dev.upbook.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.upbook.journal.Journal;
import dev.upbook.journal.Journals;
import dev.upbook.steps.EmbeddedPostgresServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The executor with its journal on a real PostgreSQL (the shared store for teams): run, crash, resume, drift. */
class PostgresExecutorTests {

    @TempDir
    Path dir;

    @Test
    void aCrashedRunResumesFromThePostgresJournal() {
        try (Harness h = new Harness(dir, Journals.open(EmbeddedPostgresServer.newDatabase()))) {
            h.playbook(ExecutorTests.THREE_STEPS);
            h.effects.crashes.add("b-1.2.0@before");
            assertThrows(Effects.Crash.class, () -> h.run("1.0.0", "1.2.0", Map.of("token", "s3cret-token")));
            Outcome o = h.resume(Map.of("token", "s3cret-token"));
            assertEquals(Outcome.Kind.DECISION_NEEDED, o.kind(), o.message());
            Journal.RunRecord run = h.latest().orElseThrow();
            h.journal.decide(new Journal.Decision(run.id(), "test", java.util.Optional.of("1.1.0..1.2.0/b"),
                    Journal.DecisionKind.MARK_RETRY, "its effect is not there", Harness.deadOwner(), java.time.Instant.now()));
            Outcome done = h.resume(Map.of("token", "s3cret-token"));
            assertEquals(Outcome.Kind.SUCCEEDED, done.kind(), done.message());
            assertEquals(List.of("a", "b-1.1.0", "b-1.2.0", "c"), h.effects.log);
            assertTrue(h.steps().stream().allMatch(s -> s.state() == Journal.StepState.SUCCEEDED));
        } catch (dev.upbook.journal.LockedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aChangedPlaybookIsRefusedOnPostgresToo() {
        try (Harness h = new Harness(dir, Journals.open(EmbeddedPostgresServer.newDatabase()))) {
            h.playbook(ExecutorTests.THREE_STEPS);
            h.settings = h.settings.maxSteps(1);
            assertEquals(Outcome.Kind.STOPPED, h.run("1.0.0", "1.2.0", Map.of("token", "tok-1234")).kind());
            h.playbook(ExecutorTests.THREE_STEPS.replace("name: \"c\"", "name: \"c2\""));
            Outcome o = h.resume(Map.of("token", "tok-1234"));
            assertEquals(Outcome.Kind.DECISION_NEEDED, o.kind());
            assertTrue(o.message().contains("post/c"), o.message());
        }
    }
}
