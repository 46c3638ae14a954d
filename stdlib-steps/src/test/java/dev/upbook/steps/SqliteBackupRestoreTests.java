package dev.upbook.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.upbook.spec.spi.StepResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sql.backup} and {@code sql.restore} of a real SQLite database file: round trip, already done, damaged copies. */
class SqliteBackupRestoreTests {
    @TempDir
    Path dir;

    private long count(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
                ResultSet r = st.executeQuery("SELECT count(*) FROM ticket")) {
            r.next();
            return r.getLong(1);
        }
    }

    @Test
    void aBackupRestoresTheDatabaseAsItWas() throws Exception {
        String url = "jdbc:sqlite:desk.db";
        String absolute = "jdbc:sqlite:" + dir.resolve("desk.db");
        try (Connection c = DriverManager.getConnection(absolute); Statement st = c.createStatement()) {
            st.execute("PRAGMA journal_mode=WAL");
            st.execute("CREATE TABLE ticket (id INTEGER PRIMARY KEY, subject TEXT)");
            for (int i = 0; i < 100; i++) st.execute("INSERT INTO ticket (subject) VALUES ('t" + i + "')");
        }
        StepResult backup = new SqlBackupStep().run(new FakeContext(dir).with("url", url).with("to", "backups/desk-1.0.db"));
        assertEquals(StepResult.Status.SUCCEEDED, backup.status(), backup.message());
        assertTrue(backup.message().startsWith("copied SQLite database " + dir.resolve("desk.db")), backup.message());
        StepResult again = new SqlBackupStep().run(new FakeContext(dir).with("url", url).with("to", "backups/desk-1.0.db"));
        assertTrue(again.message().startsWith("already up to date"), again.message());

        try (Connection c = DriverManager.getConnection(absolute); Statement st = c.createStatement()) {
            st.execute("DELETE FROM ticket WHERE id > 40");
        }
        assertEquals(40, count(absolute));
        StepResult restore = new SqlRestoreStep().run(new FakeContext(dir).with("url", url).with("from", "backups/desk-1.0.db"));
        assertEquals(StepResult.Status.SUCCEEDED, restore.status(), restore.message());
        assertEquals(100, count(absolute), "the restored database is the one backed up");
    }

    @Test
    void aDamagedCopyIsNotRestoredAndIsMadeAgain() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("desk.db");
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE ticket (id INTEGER PRIMARY KEY)");
            st.execute("INSERT INTO ticket VALUES (1)");
        }
        Path copy = dir.resolve("copy.db");
        Files.writeString(copy, "SQLite format 3 but cut short");
        StepResult refused = new SqlRestoreStep().run(new FakeContext(dir).with("url", url).with("from", copy.toString()));
        assertEquals(StepResult.Status.FAILED, refused.status());
        assertEquals("copy " + copy + " is not an intact SQLite database; nothing was restored", refused.message());
        assertEquals(1, count(url));
        StepResult made = new SqlBackupStep().run(new FakeContext(dir).with("url", url).with("to", copy.toString()));
        assertTrue(made.message().startsWith("copied SQLite database"), "an incomplete copy is made anew: " + made.message());
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".upbook-tmp")), "no temporary file is left");
        }
    }
}
