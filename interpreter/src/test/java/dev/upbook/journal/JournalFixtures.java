package dev.upbook.journal;

import dev.upbook.journal.Journal.Decision;
import dev.upbook.journal.Journal.DecisionKind;
import dev.upbook.journal.Journal.NewRun;
import dev.upbook.journal.Journal.NewStep;
import dev.upbook.journal.Journal.Owner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Owners, runs and steps for journal tests. */
final class JournalFixtures {
    private JournalFixtures() {}

    static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

    /** A live owner on this host: this JVM's pid and start, under another user name. */
    static Owner liveHere(String user) {
        Owner self = Owners.current();
        return new Owner(user, self.host(), self.pid(), self.processStart());
    }

    /** An owner on this host whose process has ended (a pid that was just reaped). */
    static Owner deadHere(String user) {
        try {
            Process process = new ProcessBuilder("/bin/true").start();
            process.waitFor();
            return new Owner(user, Owners.hostName(), process.pid(), T0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An owner on this host whose pid is alive but belongs to a process started at another time. */
    static Owner reusedPidHere(String user) {
        Owner self = Owners.current();
        return new Owner(user, self.host(), self.pid(), self.processStart().minusSeconds(3600));
    }

    static Owner elsewhere(String user) {
        return new Owner(user, "far-away-host.example", 4242, T0);
    }

    static NewRun newRun(String installation, Owner owner) {
        return new NewRun(installation, "playbooks/demo/playbook.yaml", "demo", "1.0.0", "2.0.0", "plan-hash-1",
                "{\"plan\":[]}", "{\"root\":\"/srv/demo\"}", owner, T0, "0.1.0-test");
    }

    static NewStep step(int seq, String instanceId) {
        return new NewStep(seq, instanceId, seq == 0 ? "pre" : "edge", "shell", "hash-" + instanceId, false);
    }

    /** {@code count} steps {@code s0, s1, …}. */
    static List<NewStep> steps(int count) {
        List<NewStep> steps = new ArrayList<>(count);
        for (int i = 0; i < count; i++) steps.add(step(i, "s" + i));
        return steps;
    }

    static Decision decision(long runId, String installation, String instanceId, DecisionKind kind, Owner by) {
        return new Decision(runId, installation, Optional.ofNullable(instanceId), kind, "because the test says so",
                by, T0.plusSeconds(60));
    }
}
