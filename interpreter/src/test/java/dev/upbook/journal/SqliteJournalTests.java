package dev.upbook.journal;

import static dev.upbook.journal.JournalFixtures.liveHere;
import static dev.upbook.journal.JournalFixtures.newRun;
import static dev.upbook.journal.JournalFixtures.steps;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.upbook.journal.Journal.DecisionKind;
import dev.upbook.journal.Journal.Lease;
import dev.upbook.journal.Journal.NewStep;
import dev.upbook.journal.Journal.RunRecord;
import dev.upbook.journal.Journal.StepRecord;
import dev.upbook.journal.Journal.StepState;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The journal contract on SQLite files under {@code target/}, plus what is particular to SQLite. */
class SqliteJournalTests extends JournalContractTests {
    private static final Path DIRECTORY = Path.of("target", "journal-tests", "sqlite-" + ProcessHandle.current().pid());
    private static final AtomicInteger STORES = new AtomicInteger();

    @Override
    protected String newStore() {
        Path file = DIRECTORY.resolve("journal-" + STORES.incrementAndGet() + ".db");
        try {
            Files.createDirectories(DIRECTORY);
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file.toString();
    }

    @Test
    void everyConnectionIsDurable() {
        SqlJournal sql = (SqlJournal) journal;
        for (int i = 0; i < 3; i++) {
            assertEquals("wal", pragma(sql, "journal_mode", "journal_mode"));
            assertEquals("2", pragma(sql, "synchronous", "synchronous"), "FULL");
            assertEquals("1", pragma(sql, "foreign_keys", "foreign_keys"));
            assertEquals(String.valueOf(Dialect.BUSY_TIMEOUT_MILLIS), pragma(sql, "busy_timeout", "timeout"));
        }
    }

    private static String pragma(SqlJournal journal, String name, String column) {
        return journal.database().read(tx -> tx.one("PRAGMA " + name, row -> row.text(column)).orElseThrow());
    }

    @Test
    void aHundredThousandStepsAreWrittenAndReadBack() throws Exception {
        Lease lease = journal.acquire(PROD, liveHere("alice"), LEASE);
        List<NewStep> plan = steps(100_000);
        RunRecord run = journal.createRun(lease, newRun(PROD, lease.owner()), plan);

        List<StepRecord> read = journal.steps(run.id());
        assertEquals(100_000, read.size());
        for (int i = 0; i < read.size(); i += 9_973) {
            assertEquals(i, read.get(i).seq());
            assertEquals("s" + i, read.get(i).instanceId());
            assertEquals(StepState.PENDING, read.get(i).state());
        }
        assertEquals(99_999, journal.step(run.id(), "s99999").orElseThrow().seq());
        journal.stepStarted(lease, run.id(), 99_999, "h", JournalFixtures.T0);
        assertEquals(StepState.RUNNING, journal.step(run.id(), "s99999").orElseThrow().state());
    }

    /**
     * Real processes: a child JVM holds the lock; while it runs, this process is refused (so both
     * JVMs agree on the child's start instant); once it is killed, the lock is taken over.
     */
    @Test
    void aKilledProcessLosesItsLockToTheNextOne() throws Exception {
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LockHolderProcess.class.getName(), state, PROD)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            String line = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            assertEquals("locked 1", line);

            LockedException refused = assertThrows(LockedException.class,
                    () -> journal.acquire(PROD, Owners.current(), LEASE));
            assertEquals(holder.pid(), refused.holder().owner().pid());
            assertTrue(refused.getMessage().contains("its process is still running on this host"),
                    refused.getMessage());

            holder.destroyForcibly().waitFor();
            Lease lease = journal.acquire(PROD, Owners.current(), LEASE);
            assertEquals(holder.pid(), lease.tookOver().orElseThrow().owner().pid());
            assertEquals(DecisionKind.LOCK_TAKEN_OVER, journal.decisions(0).get(0).kind());
        } finally {
            holder.destroyForcibly();
        }
    }

    @Test
    void theFileAndItsDirectoryAreCreated() {
        Path nested = DIRECTORY.resolve("nested-" + STORES.incrementAndGet()).resolve("deeper").resolve("j.db");
        try (Journal created = Journals.open("sqlite:" + nested)) {
            assertTrue(Files.exists(nested));
            assertEquals("sqlite:" + nested.toAbsolutePath(), created.describe());
        }
    }
}
