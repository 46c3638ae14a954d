package dev.upbook.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.upbook.spec.spi.StepResult;
import dev.upbook.spec.spi.StepType.Use;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sql.copy between a real SQLite file, PostgreSQL and MariaDB: content, resume, crash windows, refusals. */
class SqlCopyStepTests {
    private static final int ROWS = 1234;
    private final SqlCopyStep step = new SqlCopyStep();

    @TempDir
    Path dir;

    /** A new database of {@code database} with table item filled with {@code rows} rows. */
    private String source(TestDatabase database, int rows) throws Exception {
        String url = database.newDatabase(dir.resolve("source-" + System.nanoTime()));
        if (database == TestDatabase.SQLITE) url = "jdbc:sqlite:" + dir.resolve("source-" + System.nanoTime() + ".db");
        CopyFixtures.execute(url, CopyFixtures.itemTable(database));
        CopyFixtures.fillItems(url, database, 1, rows);
        return url;
    }

    private String emptyTarget(TestDatabase database) throws Exception {
        String url = database == TestDatabase.SQLITE ? "jdbc:sqlite:" + dir.resolve("target-" + System.nanoTime() + ".db")
                : database.newDatabase(dir);
        CopyFixtures.execute(url, CopyFixtures.itemTable(database));
        return url;
    }

    private static FakeContext params(Path dir, String from, String to) {
        return new FakeContext(dir).with("from-url", from).with("to-url", to).with("tables", List.of("item")).with("batch-size", 100L);
    }

    private static StepResult succeeded(StepResult result) {
        assertEquals(StepResult.Status.SUCCEEDED, result.status(), result.message());
        return result;
    }

    private static void assertSameItems(String from, String to) throws Exception {
        List<String> expected = CopyFixtures.rows(from, "item", "id");
        List<String> actual = CopyFixtures.rows(to, "item", "id");
        assertEquals(expected.size(), actual.size(), "row count");
        for (int i = 0; i < expected.size(); i++) assertEquals(expected.get(i), actual.get(i), "row " + (i + 1));
    }

    private void copiesAllRows(TestDatabase from, TestDatabase to) throws Exception {
        String source = source(from, ROWS);
        String target = emptyTarget(to);
        JournalContext context = new JournalContext(params(dir, source, target));
        StepResult result = succeeded(step.run(context));
        assertEquals("copied " + ROWS + " rows in 1 tables", result.message());
        assertEquals(Map.of("tables", Map.of("item", (long) ROWS), "rows", (long) ROWS), result.value());
        assertSameItems(source, target);
        assertTrue(context.journaled().contains("\"complete\":true"), context.journaled());
        assertTrue(context.progressLines().get(context.progressLines().size() - 1)
                .matches("\\[##########\\] 100% item 1,234/1,234 rows, [0-9,]+ rows/s"), context.progressLines().toString());
    }

    @Test
    void runsAsAStepOnly() {
        assertTrue(step.canRun(Use.STEP));
        assertFalse(step.canRun(Use.CHECK));
    }

    @Test
    void copiesSqliteToSqlite() throws Exception {
        copiesAllRows(TestDatabase.SQLITE, TestDatabase.SQLITE);
    }

    @Test
    void copiesPostgresToPostgresThroughCopy() throws Exception {
        copiesAllRows(TestDatabase.POSTGRESQL, TestDatabase.POSTGRESQL);
    }

    @Test
    void copiesMariaDbToPostgres() throws Exception {
        copiesAllRows(TestDatabase.MARIADB, TestDatabase.POSTGRESQL);
    }

    @Test
    void copiesPostgresToMariaDb() throws Exception {
        copiesAllRows(TestDatabase.POSTGRESQL, TestDatabase.MARIADB);
    }

    @Test
    void copiesPostgresToPostgresInTextFormatWhenColumnTypesDiffer() throws Exception {
        String source = source(TestDatabase.POSTGRESQL, 300);
        String target = TestDatabase.POSTGRESQL.newDatabase(dir);
        CopyFixtures.execute(target, "CREATE TABLE item (id NUMERIC(20) PRIMARY KEY, name VARCHAR(200), price NUMERIC(14,4),"
                + " created TIMESTAMP, data BYTEA, qty BIGINT)");
        succeeded(step.run(new JournalContext(params(dir, source, target))));
        assertSameItems(source, target);
    }

    @Test
    void aTextKeyIsInlinedSafelyIntoCopyAndBoundElsewhere() throws Exception {
        String[] codes = {"a", "a'b", "a\\b", "b''; DROP TABLE tag; --", "ünï", "z\"q"};
        for (TestDatabase to : List.of(TestDatabase.POSTGRESQL, TestDatabase.MARIADB)) {
            String source = TestDatabase.POSTGRESQL.newDatabase(dir);
            String target = to.newDatabase(dir);
            CopyFixtures.execute(source, "CREATE TABLE tag (code VARCHAR(40) PRIMARY KEY, label TEXT)");
            CopyFixtures.execute(target, "CREATE TABLE tag (code VARCHAR(40) PRIMARY KEY, label TEXT)"
                    + (to == TestDatabase.MARIADB ? " DEFAULT CHARSET=utf8mb4" : ""));
            for (String code : codes) {
                CopyFixtures.execute(source, "INSERT INTO tag VALUES ('" + code.replace("'", "''") + "', 'label of " + code.replace("'", "''") + "')");
            }
            JournalContext context = new JournalContext(params(dir, source, target).with("tables", List.of("tag")).with("key", "code")
                    .with("batch-size", 1L));
            succeeded(step.run(context));
            // compared as sets: MariaDB's collation orders 'ünï' and 'z"q' unlike PostgreSQL's
            assertEquals(new java.util.TreeSet<>(CopyFixtures.rows(source, "tag", "code")),
                    new java.util.TreeSet<>(CopyFixtures.rows(target, "tag", "code")), "to " + to);
            assertTrue(context.saved.stream().anyMatch(saved -> saved.contains("\"after\":\"a\\\\b\"")), context.saved.toString());
        }
    }

    @Test
    void stopsBetweenBatchesAndTheNextAttemptCompletes() throws Exception {
        String source = source(TestDatabase.POSTGRESQL, ROWS);
        String target = emptyTarget(TestDatabase.MARIADB);
        JournalContext first = new JournalContext(params(dir, source, target)).stopAfterProgress(3);
        StepResult stopped = step.run(first);
        assertEquals(StepResult.Status.STOPPED, stopped.status(), stopped.message());
        assertEquals("stopped on request at table item after key 300 (300 rows copied); the next attempt continues there", stopped.message());
        assertEquals(300, CopyFixtures.scalar(target, "SELECT count(*) FROM item"));

        JournalContext second = new JournalContext(params(dir, source, target), first.journaled());
        StepResult result = succeeded(step.run(second));
        assertEquals("copied " + ROWS + " rows in 1 tables (resumed at table item after key 300)", result.message());
        assertEquals(Map.of("tables", Map.of("item", (long) ROWS), "rows", (long) ROWS), result.value());
        assertSameItems(source, target);
    }

    @Test
    void aCrashBetweenCommitAndCheckpointLeavesNoDuplicates() throws Exception {
        for (TestDatabase database : List.of(TestDatabase.POSTGRESQL, TestDatabase.SQLITE, TestDatabase.MARIADB)) {
            String source = source(database, ROWS);
            String target = emptyTarget(database);
            // saves: 1 = the table's start, 2 = after batch 1, 3 = after batch 2 (lost, its rows committed)
            JournalContext crashing = new JournalContext(params(dir, source, target)).failingSave(3);
            assertThrows(IllegalStateException.class, () -> step.run(crashing));
            assertTrue(crashing.journaled().contains("\"after\":100"), crashing.journaled());
            assertEquals(200, CopyFixtures.scalar(target, "SELECT count(*) FROM item"), "the second batch was committed");

            StepResult result = succeeded(step.run(new JournalContext(params(dir, source, target), crashing.journaled())));
            assertEquals("copied " + ROWS + " rows in 1 tables (resumed at table item after key 200)", result.message(), database.name());
            assertEquals(Map.of("tables", Map.of("item", (long) ROWS), "rows", (long) ROWS), result.value());
            assertEquals(ROWS, CopyFixtures.scalar(target, "SELECT count(DISTINCT id) FROM item"));
            assertSameItems(source, target);
        }
    }

    @Test
    void copiesSeveralTablesInOrderAndResumesAtTheCheckpointsTable() throws Exception {
        String source = source(TestDatabase.POSTGRESQL, 250);
        String target = emptyTarget(TestDatabase.POSTGRESQL);
        CopyFixtures.execute(source, "CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT)",
                "INSERT INTO note SELECT g, 'note ' || g FROM generate_series(1, 120) g");
        CopyFixtures.execute(target, "CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT)");
        // saves: item start, 3 batches, note start, note batch 1 (lost)
        JournalContext crashing = new JournalContext(params(dir, source, target).with("tables", List.of("item", "note"))).failingSave(6);
        assertThrows(IllegalStateException.class, () -> step.run(crashing));
        assertTrue(crashing.journaled().startsWith("{\"table\":\"note\",\"after\":null,\"rows\":0,\"copied\":{\"item\":250}}"),
                crashing.journaled());
        StepResult reordered = step.run(new JournalContext(params(dir, source, target).with("tables", List.of("note", "item")),
                crashing.journaled()));
        assertEquals("cannot resume: the checkpoint has copied [item] and is at table 'note', which does not fit tables [note, item]"
                + " (changed since the copy started); restore the step's tables, or start the copy anew in a new run", reordered.message());
        StepResult result = succeeded(step.run(new JournalContext(params(dir, source, target).with("tables", List.of("item", "note")),
                crashing.journaled())));
        assertEquals(Map.of("tables", Map.of("item", 250L, "note", 120L), "rows", 370L), result.value());
        assertEquals(CopyFixtures.rows(source, "note", "id"), CopyFixtures.rows(target, "note", "id"));
        assertSameItems(source, target);
    }

    @Test
    void aMissingTableOrColumnFailsBeforeAnyRowIsWritten() throws Exception {
        String source = source(TestDatabase.POSTGRESQL, 50);
        String target = emptyTarget(TestDatabase.POSTGRESQL);
        CopyFixtures.execute(source, "CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT, extra TEXT)");
        CopyFixtures.execute(target, "CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT)");

        StepResult noTable = step.run(new JournalContext(params(dir, source, target).with("tables", List.of("item", "absent"))));
        assertEquals(StepResult.Status.FAILED, noTable.status());
        assertTrue(noTable.message().startsWith("table 'absent' cannot be read in the source: "), noTable.message());
        StepResult noColumn = step.run(new JournalContext(params(dir, source, target).with("tables", List.of("item", "note"))));
        assertEquals(StepResult.Status.FAILED, noColumn.status());
        assertEquals("table 'note' in the target lacks the source's column(s) extra; add them to the target (its columns: id, body)",
                noColumn.message());
        StepResult noKey = step.run(new JournalContext(params(dir, source, target).with("key", "code")));
        assertTrue(noKey.message().startsWith("table 'item' in the source has no key column 'code'"), noKey.message());
        assertEquals(0, CopyFixtures.scalar(target, "SELECT count(*) FROM item"), "nothing written");
    }

    @Test
    void aNonEmptyTargetFailsAtTheFirstStartUnlessTruncatedOrContinued() throws Exception {
        String source = source(TestDatabase.SQLITE, 500);
        String target = emptyTarget(TestDatabase.SQLITE);
        CopyFixtures.fillItems(target, TestDatabase.SQLITE, 1, 120);

        StepResult refused = step.run(new JournalContext(params(dir, source, target)));
        assertEquals(StepResult.Status.FAILED, refused.status());
        assertTrue(refused.message().startsWith("table 'item' in the target already has 120 rows (the source has 500); empty it,"),
                refused.message());
        assertEquals(120, CopyFixtures.scalar(target, "SELECT count(*) FROM item"));

        StepResult continued = succeeded(step.run(new JournalContext(params(dir, source, target).with("if-target-not-empty", "continue"))));
        assertEquals(Map.of("tables", Map.of("item", 380L), "rows", 380L), continued.value());
        assertSameItems(source, target);

        CopyFixtures.execute(target, "UPDATE item SET name = 'changed' WHERE id = 7", "DELETE FROM item WHERE id > 400");
        StepResult truncated = succeeded(step.run(new JournalContext(params(dir, source, target).with("if-target-not-empty", "truncate"))));
        assertEquals(500L, ((Map<?, ?>) truncated.value()).get("rows"));
        assertSameItems(source, target);
    }

    @Test
    void aCompleteCopyIsAlreadyCopied() throws Exception {
        String source = source(TestDatabase.POSTGRESQL, 300);
        String target = emptyTarget(TestDatabase.POSTGRESQL);
        JournalContext first = new JournalContext(params(dir, source, target));
        succeeded(step.run(first));

        StepResult again = succeeded(step.run(new JournalContext(params(dir, source, target), first.journaled())));
        assertEquals("already copied 300 rows in 1 tables", again.message());
        StepResult newRun = succeeded(step.run(new JournalContext(params(dir, source, target))));
        assertEquals("already copied: the target tables hold the source's 300 rows in 1 tables", newRun.message());
        assertEquals(Map.of("tables", Map.of("item", 300L), "rows", 300L), newRun.value());
        assertEquals(300, CopyFixtures.scalar(target, "SELECT count(*) FROM item"));
    }

    @Test
    void aPassedTimeoutFailsAfterACommittedBatchAndARetryContinues() throws Exception {
        String source = source(TestDatabase.POSTGRESQL, 400);
        String target = emptyTarget(TestDatabase.POSTGRESQL);
        JournalContext first = new JournalContext(params(dir, source, target).timeout(Duration.ofNanos(1)));
        StepResult timedOut = step.run(first);
        assertEquals(StepResult.Status.FAILED, timedOut.status());
        assertEquals("timed out at table item after key 100 with 100 rows copied; the checkpoint is saved, a new attempt continues there",
                timedOut.message());
        succeeded(step.run(new JournalContext(params(dir, source, target), first.journaled())));
        assertSameItems(source, target);
    }

    @Test
    void aNullKeyFails() throws Exception {
        String source = "jdbc:sqlite:" + dir.resolve("nullkey.db");
        String target = "jdbc:sqlite:" + dir.resolve("nullkey-target.db");
        for (String url : List.of(source, target)) CopyFixtures.execute(url, "CREATE TABLE t (code TEXT UNIQUE, v TEXT)");
        CopyFixtures.execute(source, "INSERT INTO t VALUES ('a', '1'), (NULL, '2')");
        StepResult result = step.run(new JournalContext(params(dir, source, target).with("tables", List.of("t")).with("key", "code")));
        assertEquals(StepResult.Status.FAILED, result.status());
        assertTrue(result.message().startsWith("table 't' has 1 row(s) with a null key"), result.message());
    }

    @Test
    void passwordsNeverAppearInMessagesProgressOrCheckpoints() throws Exception {
        String source = source(TestDatabase.POSTGRESQL, 250);
        String withCredentials = emptyTarget(TestDatabase.MARIADB);
        String target = withCredentials.substring(0, withCredentials.indexOf('?'));
        String password = "upbook-test";
        FakeContext fake = params(dir, source, target).with("to-user", "upbook").with("to-password", password).secret(password);
        JournalContext context = new JournalContext(fake);
        StepResult result = succeeded(step.run(context));
        assertFalse(result.message().contains(password));
        assertTrue(context.progressLines().size() == 3 && context.progressLines().stream().noneMatch(line -> line.contains(password)));
        assertTrue(context.saved.stream().noneMatch(saved -> saved.contains(password)));

        String wrong = "wrong-secret-123";
        StepResult refused = step.run(new JournalContext(params(dir, source, target + "?user=upbook&password=" + wrong)));
        assertEquals(StepResult.Status.FAILED, refused.status());
        assertFalse(refused.message().contains(wrong), refused.message());
        StepResult refusedSecret = step.run(new JournalContext(params(dir, source, target).with("to-user", "upbook")
                .with("to-password", wrong).secret(wrong)));
        assertFalse(refusedSecret.message().contains(wrong), refusedSecret.message());
        assertFalse(step.describe(new dev.upbook.spec.spi.Parameters(Map.of("from-url", source, "to-url",
                target + "?password=" + wrong, "tables", List.of("item")))).contains(wrong));
    }
}
