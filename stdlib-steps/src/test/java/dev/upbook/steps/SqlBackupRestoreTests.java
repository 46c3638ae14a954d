package dev.upbook.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.upbook.spec.spi.StepResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sql.backup and sql.restore with the real PostgreSQL tools against the embedded PostgreSQL. The
 * round trips need {@code pg_dump} and {@code psql} on PATH (Debian's postgresql-client) and are
 * skipped, saying so, without them.
 */
class SqlBackupRestoreTests {
    private final SqlBackupStep backup = new SqlBackupStep();
    private final SqlRestoreStep restore = new SqlRestoreStep();

    @TempDir
    Path dir;

    private static boolean onPath(String program) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, program)));
    }

    private static void assumePostgresTools() {
        Assumptions.assumeTrue(onPath("pg_dump") && onPath("psql"), "pg_dump and psql are not installed (postgresql-client)");
    }

    private String seededPostgres() throws Exception {
        String url = EmbeddedPostgresServer.newDatabase();
        StepResult seeded = new SqlExecStep().run(new FakeContext(dir).with("url", url).with("sql", List.of(
                "CREATE TABLE ticket (id INTEGER PRIMARY KEY, subject TEXT NOT NULL)",
                "INSERT INTO ticket VALUES (1, 'printer; on fire'), (2, 'O''Brien''s mail')")));
        assertEquals(StepResult.Status.SUCCEEDED, seeded.status(), seeded.message());
        return url;
    }

    private Object scalar(String url, String sql) {
        StepResult result = new SqlQueryStep().run(new FakeContext(dir).with("url", url).with("sql", sql));
        assertEquals(StepResult.Status.SUCCEEDED, result.status(), result.message());
        return result.value();
    }

    @Test
    void aPostgresDumpRestoresIntoAnotherDatabase() throws Exception {
        assumePostgresTools();
        String source = seededPostgres();
        StepResult dumped = backup.run(new FakeContext(dir).with("url", source).with("to", "dumps/app.sql"));
        assertEquals(StepResult.Status.SUCCEEDED, dumped.status(), dumped.message());
        Path dump = dir.resolve("dumps/app.sql");
        String text = Files.readString(dump);
        assertTrue(text.substring(Math.max(0, text.length() - 300)).contains("-- PostgreSQL database dump complete"),
                "the trailer ends the dump (newer pg_dump versions follow it with \\unrestrict)");
        assertEquals(Map.of("path", dump.toString(), "bytes", Files.size(dump)), dumped.value());
        try (var files = Files.list(dump.getParent())) {
            assertEquals(List.of(dump), files.toList(), "no temporary file is left beside the dump");
        }

        String target = EmbeddedPostgresServer.newDatabase();
        StepResult restored = restore.run(new FakeContext(dir).with("url", target).with("from", "dumps/app.sql"));
        assertEquals(StepResult.Status.SUCCEEDED, restored.status(), restored.message());
        assertEquals(2L, scalar(target, "SELECT count(*) FROM ticket"));
        assertEquals("O'Brien's mail", scalar(target, "SELECT subject FROM ticket WHERE id = 2"));
    }

    @Test
    void cleanReplacesALiveDatabaseWholeInTheRestoresTransaction() throws Exception {
        assumePostgresTools();
        String source = seededPostgres();
        backup.run(new FakeContext(dir).with("url", source).with("to", "app.sql"));
        // the target went on after the dump: the dumped table changed, a new one appeared
        String target = seededPostgres();
        new SqlExecStep().run(new FakeContext(dir).with("url", target).with("sql", List.of(
                "ALTER TABLE ticket ADD COLUMN status TEXT", "CREATE TABLE ticket_status (id INTEGER)",
                "CREATE TYPE mood AS ENUM ('ok', 'bad')", "CREATE VIEW open_ticket AS SELECT id FROM ticket",
                "CREATE SEQUENCE extra_seq", "CREATE FUNCTION answer() RETURNS integer LANGUAGE sql AS 'SELECT 42'")));

        StepResult plain = restore.run(new FakeContext(dir).with("url", target).with("from", "app.sql"));
        assertEquals(StepResult.Status.FAILED, plain.status(), "without clean the dump collides with the live tables");
        assertTrue(plain.output().contains("already exists"), plain.output());

        StepResult clean = restore.run(new FakeContext(dir).with("url", target).with("from", "app.sql").with("clean", true));
        assertEquals(StepResult.Status.SUCCEEDED, clean.status(), clean.message() + clean.output());
        assertTrue(clean.message().endsWith("(emptied first)"), clean.message());
        assertEquals(2L, scalar(target, "SELECT count(*) FROM ticket"));
        assertEquals(0L, scalar(target, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'ticket_status'"));
        assertEquals(0L, scalar(target, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'ticket' AND column_name = 'status'"));
        assertEquals(0L, scalar(target, "SELECT count(*) FROM pg_class WHERE relname IN ('open_ticket', 'extra_seq')"));
        assertEquals(0L, scalar(target, "SELECT count(*) FROM pg_type WHERE typname = 'mood'"));
        assertEquals(0L, scalar(target, "SELECT count(*) FROM pg_proc WHERE proname = 'answer'"));
        assertEquals(1L, scalar(target, "SELECT count(*) FROM pg_namespace WHERE nspname = 'public'"), "the schema itself stays");

        // a clean restore that fails leaves the database as it was: the drop is in the same transaction
        Files.writeString(dir.resolve("broken.sql"), Files.readString(dir.resolve("app.sql"))
                .replace("-- PostgreSQL database dump complete", "SELECT no_such_function();\n-- PostgreSQL database dump complete"));
        StepResult failed = restore.run(new FakeContext(dir).with("url", target).with("from", "broken.sql").with("clean", true));
        assertEquals(StepResult.Status.FAILED, failed.status());
        assertEquals(2L, scalar(target, "SELECT count(*) FROM ticket"), "nothing was dropped");
    }

    @Test
    void aCompleteDumpIsAlreadyDoneAndAnIncompleteOneIsDumpedAnew() throws Exception {
        assumePostgresTools();
        String source = seededPostgres();
        Path dump = dir.resolve("app.sql");
        Files.writeString(dump, "--\n-- PostgreSQL database dump\n--\nCREATE TABLE ticket (\n");
        StepResult first = backup.run(new FakeContext(dir).with("url", source).with("to", "app.sql"));
        assertTrue(first.message().startsWith("dumped "), first.message());
        StepResult second = backup.run(new FakeContext(dir).with("url", source).with("to", "app.sql"));
        assertEquals(StepResult.Status.SUCCEEDED, second.status());
        assertEquals("already up to date: " + dump + " is a complete dump", second.message());
    }

    @Test
    void aFailingRestoreLeavesNothingBehind() throws Exception {
        assumePostgresTools();
        String source = seededPostgres();
        backup.run(new FakeContext(dir).with("url", source).with("to", "app.sql"));
        String target = EmbeddedPostgresServer.newDatabase();
        new SqlExecStep().run(new FakeContext(dir).with("url", target).with("sql", "CREATE TABLE marker (x INTEGER)"));
        Files.writeString(dir.resolve("app.sql"), Files.readString(dir.resolve("app.sql"))
                .replace("-- PostgreSQL database dump complete", "SELECT no_such_function();\n-- PostgreSQL database dump complete"));
        StepResult result = restore.run(new FakeContext(dir).with("url", target).with("from", "app.sql"));
        assertEquals(StepResult.Status.FAILED, result.status());
        assertTrue(result.message().startsWith("psql (restore) exited 3: "), result.message());
        assertTrue(result.output().contains("no_such_function"), result.output());
        assertEquals(0L, scalar(target, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'ticket'"),
                "psql ran the dump in one transaction");
    }

    @Test
    void anIncompleteDumpIsNotRestored() throws Exception {
        Files.writeString(dir.resolve("cut.sql"), "CREATE TABLE ticket (id INTEGER);\n");
        StepResult result = restore.run(new FakeContext(dir).with("url", "jdbc:postgresql://127.0.0.1:1/app").with("from", "cut.sql"));
        assertEquals(StepResult.Status.FAILED, result.status());
        assertEquals("dump " + dir.resolve("cut.sql") + " is incomplete (no trailer of the dump tool at its end); nothing was restored",
                result.message());
    }

    @Test
    void theToolsErrorIsMaskedAndThePasswordNeverShown() throws Exception {
        assumePostgresTools();
        String password = "dump-Pa55";
        StepResult result = backup.run(new FakeContext(dir).secret(password)
                .with("url", "jdbc:postgresql://127.0.0.1:1/app?password=" + password).with("user", "app")
                .with("password", password).with("to", "app.sql"));
        assertEquals(StepResult.Status.FAILED, result.status());
        assertTrue(result.message().startsWith("pg_dump (dump) exited 1: "), result.message());
        assertFalse(result.message().contains(password) || result.output().contains(password));
        assertFalse(Files.exists(dir.resolve("app.sql")));
    }

    @Test
    void aMissingMariaDbToolIsNamed() throws Exception {
        Assumptions.assumeFalse(onPath("mariadb-dump") || onPath("mysqldump"), "a MariaDB dump tool is installed here");
        StepResult result = backup.run(new FakeContext(dir).with("url", "jdbc:mariadb://127.0.0.1:3306/app").with("to", "app.sql"));
        assertEquals(StepResult.Status.FAILED, result.status());
        assertTrue(result.message().startsWith("mariadb-dump or mysqldump is not installed (not found on PATH "), result.message());
        assertTrue(result.message().endsWith("); install the mariadb-client package, in the major version of the server or newer"),
                result.message());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(), files.toList(), "no temporary file or credentials file is left");
        }
    }

    @Test
    void aMissingSqliteDatabaseIsNamed() throws Exception {
        StepResult result = backup.run(new FakeContext(dir).with("url", "jdbc:sqlite:app.db").with("to", "app.sql"));
        assertEquals("SQLite database " + dir.resolve("app.db") + " does not exist", result.message(),
                "SQLite round trips: SqliteBackupRestoreTests");
    }
}
