package dev.upbook.bench;

import dev.upbook.journal.Journal;
import dev.upbook.journal.Journal.Lease;
import dev.upbook.journal.Journal.NewRun;
import dev.upbook.journal.Journal.NewStep;
import dev.upbook.journal.Journal.StepState;
import dev.upbook.journal.Journals;
import dev.upbook.journal.Owners;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Times the journal at the executor's scale; prints figures, asserts nothing; not a test.
 * createRun and steps() with a large plan (JDBC batches in one transaction; one primary-key range
 * scan), single-step lookups by instance id, and the durable per-step writes the executor makes
 * (stepStarted + stepFinished, each a fenced transaction that commits to disk).
 *
 * <p>Usage: {@code JournalBench [STATE] [STEPS] [ROUNDS]}; STATE (empty: the default) defaults to a new SQLite file under
 * {@code target/}, STEPS to 100,000, ROUNDS (createRun + steps() repeated, JIT warm-up) to 3.
 */
public final class JournalBench {
    private JournalBench() {}

    public static void main(String[] args) throws Exception {
        String state = args.length > 0 && !args[0].isEmpty() ? args[0] : newSqliteFile();
        int stepCount = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        List<NewStep> plan = plan(stepCount);

        long openStart = System.nanoTime();
        try (Journal journal = Journals.open(state)) {
            print("open + migrate", openStart, 1);
            Lease lease = journal.acquire("bench", Owners.current(), Duration.ofMinutes(5));
            long runId = 0;
            for (int round = 1; round <= rounds; round++) {
                long start = System.nanoTime();
                runId = journal.createRun(lease, newRun(lease), plan).id();
                print("round " + round + ": createRun, " + stepCount + " steps", start, 1);
                start = System.nanoTime();
                int read = journal.steps(runId).size();
                print("round " + round + ": steps(), " + read + " rows", start, 1);
            }
            int lookups = Math.min(10_000, stepCount);
            long start = System.nanoTime();
            for (int i = 0; i < lookups; i++) journal.step(runId, "step-" + (i * 7919L % stepCount));
            print("step(runId, instanceId)", start, lookups);

            int writes = Math.min(1_000, stepCount);
            start = System.nanoTime();
            for (int seq = 0; seq < writes; seq++) {
                journal.stepStarted(lease, runId, seq, "input", Instant.now());
                journal.stepFinished(lease, runId, seq, StepState.SUCCEEDED, Instant.now(), "ok", "", null);
            }
            print("stepStarted + stepFinished (2 durable commits)", start, writes);
            start = System.nanoTime();
            for (int i = 0; i < writes; i++) journal.heartbeat(lease);
            print("heartbeat", start, writes);
            System.out.println("journal: " + journal.describe());
            journal.release(lease);
        }
    }

    private static String newSqliteFile() throws Exception {
        Path directory = Files.createDirectories(Path.of("target", "journal-bench"));
        return Files.createTempFile(directory, "journal-", ".db").toString();
    }

    private static List<NewStep> plan(int count) {
        List<NewStep> steps = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            steps.add(new NewStep(i, "step-" + i, "edge", "shell", "sha256:" + Integer.toHexString(i * 31), false));
        }
        return steps;
    }

    private static NewRun newRun(Lease lease) {
        return new NewRun(lease.installation(), "bench/playbook.yaml", "bench", "1.0.0", "2.0.0", "plan-hash",
                "{}", "{}", lease.owner(), Instant.now(), "bench");
    }

    private static void print(String what, long startNanos, int operations) {
        double millis = (System.nanoTime() - startNanos) / 1e6;
        String each = operations > 1 ? String.format(Locale.ROOT, " (%.3f ms each)", millis / operations) : "";
        System.out.printf(Locale.ROOT, "%-52s %10.1f ms%s%n", what, millis, each);
    }
}
