package dev.upbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.upbook.steps.EmbeddedPostgresServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sql.copy} through upbook itself: the copy's checkpoints live in upbook's journal, upbook is
 * killed with SIGKILL in the middle of the copy (several times), and {@code upbook resume} runs the
 * step again by itself (the type is idempotent) until the target holds exactly the source's rows —
 * none twice, none missing. Source and target are databases of one embedded PostgreSQL.
 */
class SqlCopyRunProcessTests {
    private static final int ROWS = 150_000;

    @TempDir
    Path dir;

    @Test
    void killNineDuringACopyThenResumeLeavesExactlyTheSourceRows() throws Exception {
        String source = EmbeddedPostgresServer.newDatabase();
        String target = EmbeddedPostgresServer.newDatabase();
        try (Connection s = connect(source); Statement st = s.createStatement()) {
            st.execute("CREATE TABLE tickets (id bigint PRIMARY KEY, subject text NOT NULL, posts int)");
            st.execute("INSERT INTO tickets SELECT g, 'ticket ' || g || repeat('x', g % 50), g % 7 FROM generate_series(1, " + ROWS + ") g");
        }
        try (Connection t = connect(target); Statement st = t.createStatement()) {
            st.execute("CREATE TABLE tickets (id bigint PRIMARY KEY, subject text NOT NULL, posts int)");
        }
        Files.writeString(dir.resolve("playbook.yaml"), String.join("\n",
                "upbook: 1",
                "product: { name: helpdesk }",
                "versions: { scheme: semver, releases: [3.0.0, 4.0.0] }",
                "edges:",
                "  - from: 3.0.0",
                "    to: 4.0.0",
                "    steps:",
                "      - id: import",
                "        type: sql.copy",
                "        register: imported",
                "        with:",
                "          from-url: \"" + source + "\"",
                "          to-url: \"" + target + "\"",
                "          tables: [tickets]",
                "          batch-size: 200",
                ""), StandardCharsets.UTF_8);
        String[] run = {"run", "playbook.yaml", "--from", "3.0.0", "--to", "4.0.0", "--state", "journal.db", "--installation", "desk"};
        String[] resume = {"resume", "--state", "journal.db", "--installation", "desk"};

        long[] killedAt = new long[3];
        for (int kill = 0; kill < killedAt.length; kill++) {
            Upbooks.Started running = Upbooks.start(dir, Map.of(), kill == 0 ? run : resume);
            long floor = count(target) + 2_000;
            Upbooks.waitUntil(Duration.ofSeconds(90), "the copy to pass " + floor + " rows",
                    () -> !running.process().isAlive() || countQuietly(target) >= floor);
            assertTrue(running.process().isAlive(), "the copy ended before it could be killed: " + running.out() + running.err());
            running.kill9();
            killedAt[kill] = count(target);
        }
        assertTrue(killedAt[0] < killedAt[1] && killedAt[1] < killedAt[2] && killedAt[2] < ROWS,
                "each resume went on from where the copy was: " + java.util.Arrays.toString(killedAt));

        Upbooks.Started finished = Upbooks.run(dir, Map.of(), resume);
        assertEquals(0, finished.process().exitValue(), finished.out() + finished.err());
        assertTrue(finished.out().contains("running it again"), "resume ran the interrupted copy again by itself: " + finished.out());
        try (Connection t = connect(target); Statement st = t.createStatement();
                ResultSet r = st.executeQuery("SELECT count(*), count(DISTINCT id), min(id), max(id), sum(length(subject)), sum(posts) FROM tickets");
                Connection s = connect(source); Statement ss = s.createStatement();
                ResultSet e = ss.executeQuery("SELECT count(*), count(DISTINCT id), min(id), max(id), sum(length(subject)), sum(posts) FROM tickets")) {
            r.next();
            e.next();
            for (int c = 1; c <= 6; c++) assertEquals(e.getLong(c), r.getLong(c), "column " + c + " of the comparison");
            assertEquals(ROWS, r.getLong(1));
        }
        Upbooks.Started again = Upbooks.run(dir, Map.of(), run);
        assertEquals(0, again.process().exitValue(), again.out() + again.err());
        assertTrue(again.out().contains("already"), again.out());
    }

    private static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url);
    }

    private static long count(String url) throws SQLException {
        try (Connection c = connect(url); PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM tickets");
                ResultSet r = ps.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    private static long countQuietly(String url) {
        try {
            return count(url);
        } catch (SQLException e) {
            return -1;
        }
    }
}
