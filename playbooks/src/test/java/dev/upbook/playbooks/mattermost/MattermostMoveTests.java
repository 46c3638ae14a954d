package dev.upbook.playbooks.mattermost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.upbook.playbooks.UpbookProcess;
import dev.upbook.playbooks.Upbooks;
import dev.upbook.steps.EmbeddedMariaDbServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guide's "Migrating Mattermost" ({@code migrate-server.playbook.yaml}, a procedure) against two
 * sandbox servers on the embedded MariaDB: SOURCE in use, DESTINATION freshly installed at the same
 * version; upbook runs on DESTINATION.
 */
class MattermostMoveTests {
    private static final Path PLAYBOOK = Path.of(System.getProperty("upbook.playbooks", "."))
            .resolve("mattermost/migrate-server.playbook.yaml").toAbsolutePath();
    private static final Path BUILDER = PLAYBOOK.resolveSibling("sandbox/build-move.sh");
    private static final String DEST_USER = "mmuser_sandbox";
    private static final String DEST_PASSWORD = "mm-Secret-7";
    private static final String SOURCE_USER = "mmsource_sandbox";
    private static final String SOURCE_PASSWORD = "mm-Source-8";
    private static final Pattern MARK = Pattern.compile("upbook mark (\\S+) --done");
    private static final AtomicInteger DATABASES = new AtomicInteger();

    @TempDir
    Path tmp;

    @Test
    void theMoveCarriesDatabaseSettingsAndFilesKeepsDataSourceAndListenAddressAndIsDoneOnce() throws Exception {
        try (Move move = Move.build(tmp.resolve("sb"), "1.4.0")) {
            String destinationDataSource = move.destinationSetting("DataSource");
            move.destinationExecute("CREATE TABLE Leftovers (Id INT)");
            move.destinationExecute("CREATE VIEW LeftoverView AS SELECT Id FROM Leftovers");

            Upbooks.Started run = move.upbook("run", PLAYBOOK.toString(), "--yes");

            assertEquals(0, run.exitCode(), run.output());
            String out = run.out();
            assertTrue(out.contains("Run #1 complete"), out);
            for (String line : List.of("2 = 2 (captured source-teams)", "5 = 5 (captured source-users)", "4 = 4 (captured source-channels)",
                    "8 = 8 (captured source-posts)", "Sandbox Chat = Sandbox Chat (captured source-site-name)", "detected 1.4.0, the target")) {
                assertTrue(out.contains(line), line + "\n" + out);
            }
            assertEquals("8", move.destination("SELECT COUNT(*) FROM Posts"));
            assertEquals(move.source("SELECT GROUP_CONCAT(Message ORDER BY Id) FROM Posts"),
                    move.destination("SELECT GROUP_CONCAT(Message ORDER BY Id) FROM Posts"), "the posts themselves moved");
            assertEquals("0", move.destination("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"
                    + " AND TABLE_NAME IN ('Leftovers', 'LeftoverView')"), "SOURCE's database replaced DESTINATION's whole");
            assertEquals(destinationDataSource, move.destinationSetting("DataSource"), "DESTINATION's DataSource kept");
            assertEquals(":8066", move.destinationSetting("ListenAddress"), "DESTINATION's ListenAddress kept");
            assertEquals("Sandbox Chat", move.destinationSetting("SiteName"), "SOURCE's settings moved");
            assertEquals("minutes of the kick-off meeting\n",
                    Files.readString(move.root().resolve("data/teams/t1/channels/c1/users/u1/minutes.txt")), "the file store moved");
            assertEquals(List.of("stop 1.4.0", "start 1.4.0"), move.effects(), "DESTINATION stopped and started once");
            assertTrue(Files.readString(move.destinationDir().resolve("backups/source-db-1.sql")).contains("-- Dump completed"),
                    "SOURCE's dump is complete");
            assertTrue(Files.readString(move.destinationDir().resolve("backups/destination-db-before-move-1.sql")).contains("-- Dump completed"),
                    "DESTINATION's database backed up first");
            move.assertNoSecretIn(out);

            Upbooks.Started again = move.upbook("run", PLAYBOOK.toString(), "--yes");
            assertEquals(0, again.exitCode(), again.output());
            assertTrue(again.out().contains("already completed in run #1"), again.out());
            assertEquals(List.of("stop 1.4.0", "start 1.4.0"), move.effects(), "a second run does nothing");
        }
    }

    @Test
    void killNineAfterTheRestoreAndInsideTheStartThenResumeMovesEverythingOnce() throws Exception {
        try (Move move = Move.build(tmp.resolve("sb"), "1.4.0")) {
            UpbookProcess first = move.start("run", PLAYBOOK.toString(), "--yes", "-o", "ndjson");
            Upbooks.waitUntil(Duration.ofSeconds(90), "the restore to end", () -> first.out().lines()
                    .anyMatch(l -> l.contains("\"event\":\"step-ended\"") && l.contains("\"step\":\"pre/restore-into-destination\""))
                    || !first.isAlive());
            assertTrue(first.isAlive(), first.transcript());
            first.kill9WithDescendants();

            // inside the start: the server's start-up (its schema check) sleeps; a power loss ends everything
            Files.writeString(move.destinationDir().resolve("SLOW_START"), "30");
            UpbookProcess second = move.start("resume", "--yes");
            Upbooks.waitUntil(Duration.ofSeconds(90), "DESTINATION's start to begin", () -> move.processesOf("start"));
            Thread.sleep(300);
            second.kill9WithDescendants();
            Files.delete(move.destinationDir().resolve("SLOW_START"));

            List<String> marked = new ArrayList<>();
            Upbooks.Started last = null;
            for (int attempt = 0; attempt < 6; attempt++) {
                last = move.upbook("resume", "--yes");
                if (last.exitCode() != 6) break;
                Matcher m = MARK.matcher(last.output());
                assertTrue(m.find(), last.output());
                marked.add(m.group(1));
                assertEquals(0, move.upbook("mark", m.group(1), "--retry", "--reason", "checked: DESTINATION is not running").exitCode());
            }
            assertEquals(0, last.exitCode(), last.output());
            assertEquals(List.of("post/start-destination"), marked, "only the interrupted start was in doubt");
            assertEquals("8", move.destination("SELECT COUNT(*) FROM Posts"));
            assertEquals("5", move.destination("SELECT COUNT(*) FROM Users"));
            assertEquals(":8066", move.destinationSetting("ListenAddress"));
            assertEquals("Sandbox Chat", move.destinationSetting("SiteName"));
            assertEquals(List.of("stop 1.4.0", "start 1.4.0"), move.effects(), "stopped once, started once");
        }
    }

    @Test
    void aFailingStartStopsTheMoveWithItsOutputAndResumeFinishesIt() throws Exception {
        try (Move move = Move.build(tmp.resolve("sb"), "1.4.0")) {
            Files.writeString(move.destinationDir().resolve("FAIL_START"), "");
            Upbooks.Started run = move.upbook("run", PLAYBOOK.toString(), "--yes");
            assertEquals(4, run.exitCode(), run.output());
            assertTrue(run.output().contains("post/start-destination failed"), run.output());
            assertTrue(run.output().contains("platform: failed to start the server"), "the stand-in's output is shown\n" + run.output());

            Files.delete(move.destinationDir().resolve("FAIL_START"));
            Upbooks.Started resumed = move.upbook("resume", "--yes");
            assertEquals(0, resumed.exitCode(), resumed.output());
            assertEquals("8", move.destination("SELECT COUNT(*) FROM Posts"));
            assertEquals(List.of("stop 1.4.0", "start 1.4.0"), move.effects());
        }
    }

    @Test
    void theGuidesConditionsAreCheckedBeforeAnythingChanges() throws Exception {
        // DESTINATION (and SOURCE) not on the latest major build: step 1 of the guide first
        try (Move move = Move.build(tmp.resolve("old"), "1.3.0")) {
            Upbooks.Started run = move.upbook("run", PLAYBOOK.toString(), "--yes");
            assertEquals(3, run.exitCode(), run.output());
            assertTrue(run.output().contains("runs on an installation at >=1.4.0, not at 1.3.0: Guide step 1 and 2"), run.output());
            assertEquals(List.of(), move.effects(), "nothing was done");
        }
        // another database type on SOURCE
        try (Move move = Move.build(tmp.resolve("types"), "1.4.0")) {
            Upbooks.Started run = move.upbook("run", PLAYBOOK.toString(), "--yes", "--var", "source_db_url=jdbc:sqlite:" + tmp.resolve("x.db"));
            assertEquals(5, run.exitCode(), run.output());
            assertTrue(run.output().contains("same-database-type"), run.output());
            assertTrue(run.output().contains("the database type and version of SOURCE and DESTINATION deployments need to match"), run.output());
            assertEquals(List.of(), move.effects(), "nothing was done");
            assertEquals("0", move.destination("SELECT COUNT(*) FROM Posts"));
        }
    }

    /** SOURCE and DESTINATION built by build-move.sh on two new databases of the embedded MariaDB, and DESTINATION's web site. */
    private static final class Move implements AutoCloseable {
        final Path dir;
        final List<String> vars;
        final String toolPath;
        final HttpServer web;
        final String destinationUrl;
        final String sourceUrl;

        private Move(Path dir, List<String> vars, String toolPath, HttpServer web, String destinationUrl, String sourceUrl) {
            this.dir = dir;
            this.vars = vars;
            this.toolPath = toolPath;
            this.web = web;
            this.destinationUrl = destinationUrl;
            this.sourceUrl = sourceUrl;
        }

        static Move build(Path dir, String version) throws IOException, InterruptedException {
            int n = DATABASES.incrementAndGet();
            String destination = MattermostSandbox.database("mm_move_dst_" + n, DEST_USER, DEST_PASSWORD);
            String source = MattermostSandbox.database("mm_move_src_" + n, SOURCE_USER, SOURCE_PASSWORD);
            String server = "@127.0.0.1:" + EmbeddedMariaDbServer.port() + "/";
            String toolPath = EmbeddedMariaDbServer.binDirectory() + ":" + System.getenv("PATH");
            ProcessBuilder builder = new ProcessBuilder("bash", BUILDER.toString(), "--db", "mariadb://" + DEST_USER + server + destination,
                    "--source-db", "mariadb://" + SOURCE_USER + server + source, dir.toString(), version).redirectErrorStream(true);
            builder.environment().put("PATH", toolPath);
            builder.environment().put("MATTERMOST_DB_PASSWORD", DEST_PASSWORD);
            builder.environment().put("MATTERMOST_SOURCE_DB_PASSWORD", SOURCE_PASSWORD);
            Process p = builder.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) throw new AssertionError("build-move.sh failed:\n" + out);
            List<String> vars = new ArrayList<>(Arrays.asList(out.trim().split("\\s+")));
            HttpServer web = MattermostSandbox.site(dir.resolve("destination"));
            String site = "http://127.0.0.1:" + web.getAddress().getPort();
            vars.addAll(List.of("--var", "site_url=" + site + "/", "--var", "team_url=" + site + "/sandbox-team"));
            String jdbc = "jdbc:mariadb://127.0.0.1:" + EmbeddedMariaDbServer.port() + "/";
            return new Move(dir, vars, toolPath, web, jdbc + destination, jdbc + source);
        }

        Path destinationDir() {
            return dir.resolve("destination");
        }

        Path root() {
            return destinationDir().resolve("opt/mattermost");
        }

        /** upbook on DESTINATION: its stand-ins first on PATH, its journal, both passwords. */
        Map<String, String> env() {
            Map<String, String> env = new HashMap<>();
            env.put("PATH", destinationDir().resolve("bin") + ":" + toolPath);
            env.put("UPBOOK_STATE_DIR", destinationDir().resolve("state").toString());
            env.put("MATTERMOST_DB_PASSWORD", DEST_PASSWORD);
            env.put("MATTERMOST_SOURCE_DB_PASSWORD", SOURCE_PASSWORD);
            return env;
        }

        /** {@code run PLAYBOOK} gets the builder's inputs right after the playbook, so that a later {@code --var} overrides one. */
        private List<String> args(String... command) {
            List<String> args = new ArrayList<>(List.of(command));
            if (command[0].equals("run")) args.addAll(2, vars);
            return args;
        }

        Upbooks.Started upbook(String... command) throws IOException, InterruptedException {
            return Upbooks.run(dir, env(), args(command));
        }

        UpbookProcess start(String... command) throws IOException {
            return UpbookProcess.start(dir, env(), args(command));
        }

        /** Whether a stand-in {@code bin/NAME} of DESTINATION is running. */
        boolean processesOf(String name) {
            String program = destinationDir().resolve("bin").resolve(name).toString();
            return ProcessHandle.allProcesses().anyMatch(p -> p.info().arguments().map(a -> Arrays.asList(a).contains(program)).orElse(false));
        }

        List<String> effects() throws IOException {
            return Files.readAllLines(destinationDir().resolve("effects.log"));
        }

        String destinationSetting(String key) throws IOException {
            Matcher m = Pattern.compile("\"" + key + "\": \"([^\"]*)\"").matcher(Files.readString(root().resolve("config/config.json")));
            assertTrue(m.find(), key);
            return m.group(1);
        }

        String destination(String sql) throws SQLException {
            return query(destinationUrl, DEST_USER, DEST_PASSWORD, sql);
        }

        void destinationExecute(String sql) throws SQLException {
            try (Connection c = DriverManager.getConnection(destinationUrl, DEST_USER, DEST_PASSWORD); Statement s = c.createStatement()) {
                s.execute(sql);
            }
        }

        String source(String sql) throws SQLException {
            return query(sourceUrl, SOURCE_USER, SOURCE_PASSWORD, sql);
        }

        private static String query(String url, String user, String password, String sql) throws SQLException {
            try (Connection c = DriverManager.getConnection(url, user, password);
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery(sql)) {
                return rs.next() ? rs.getString(1) : null;
            }
        }

        /** Neither password in {@code output}, the journal or the effects log. */
        void assertNoSecretIn(String output) throws IOException {
            for (String secret : List.of(DEST_PASSWORD, SOURCE_PASSWORD)) {
                assertFalse(output.contains(secret), "a password is printed");
                assertFalse(Files.readString(destinationDir().resolve("effects.log")).contains(secret), "a password in the effects log");
                try (Stream<Path> files = Files.walk(destinationDir().resolve("state"))) {
                    for (Path f : files.filter(Files::isRegularFile).toList()) {
                        assertFalse(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(secret), "a password in " + f);
                    }
                }
            }
        }

        @Override
        public void close() {
            web.stop(0);
        }
    }
}
