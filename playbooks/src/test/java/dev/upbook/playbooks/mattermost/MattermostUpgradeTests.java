package dev.upbook.playbooks.mattermost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.upbook.cli.Upbook;
import dev.upbook.playbooks.CrashDrills;
import dev.upbook.playbooks.Upbooks;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Mattermost 1.x playbook run end to end against its sandbox (a database of its own on the
 * embedded MariaDB) by real upbook processes: a full run 1.2.0 → 1.3.0 → 1.4.0 and its review,
 * kill -9 at step boundaries and inside a slow server start followed by resume, a second run, and
 * a failing stand-in; and once on the sandbox's SQLite default, which {@code upbook demo} builds.
 */
class MattermostUpgradeTests {
    private static final String OLDEST = "1.2.0";
    private static final String NEWEST = "1.4.0";
    private static final String HOP1 = "1.2.0..1.3.0/";
    private static final String HOP2 = "1.3.0..1.4.0/";
    /** What the stand-ins did, in order, when every hop ran once. */
    private static final List<String> EFFECTS = List.of("download 1.3.0", "stop 1.2.0", "migrate 1.2.0 -> 1.3.0",
            "start 1.3.0", "download 1.4.0", "stop 1.3.0", "migrate 1.3.0 -> 1.4.0", "start 1.4.0");
    private static final List<String> PASSED = List.of(HOP1 + "team-url-answers", HOP1 + "server-version",
            HOP2 + "team-url-answers", HOP2 + "server-version", "version", "teams-kept", "users-kept",
            "channels-kept", "posts-kept", "data-source-kept", "site-name-kept", "file-store-kept");

    @TempDir
    Path tmp;

    @Test
    void fullRunFromOldestToNewestNeedsSignOffThenIsCompleteAndASecondRunDoesNothing() throws Exception {
        try (MattermostSandbox sb = MattermostSandbox.build(tmp.resolve("sb"), OLDEST)) {
            String config = Files.readString(sb.root().resolve("config/config.json"));

            Upbooks.Started run = Upbooks.run(tmp, sb.env(), sb.args("run", MattermostSandbox.PLAYBOOK.toString(),
                    "--to", NEWEST, "--yes"));

            assertEquals(9, run.exitCode(), run.output());
            assertUpgraded(sb, run.output());
            for (String item : PASSED) assertReview(run.output(), item, "passed");
            assertReview(run.output(), "team-in-browser", "pending");
            assertReview(run.output(), "settings-reviewed", "pending");
            assertEquals(config, Files.readString(sb.root().resolve("config/config.json")), "config.json kept");
            assertEquals(6, sb.dir.resolve("backups").toFile().list().length, "3 backups per hop");
            for (String hop : List.of("1.2.0", "1.3.0")) {
                String dump = Files.readString(sb.dir.resolve("backups/mattermost-db-" + hop + "-1.sql"));
                assertTrue(dump.contains("-- Dump completed") && dump.contains("CREATE TABLE `Posts`"),
                        "a complete mariadb-dump of the stopped server's database before " + hop + " is replaced");
            }

            Upbooks.Started sign = Upbooks.run(tmp, sb.env(),
                    List.of("review", "sign", "--all-pending", "--by", "tester", "--note", "checked in the sandbox"));
            assertEquals(0, sign.exitCode(), sign.output());
            String status = inProcess(sb, "status");
            assertTrue(status.contains(", complete"), status);

            Upbooks.Started again = Upbooks.run(tmp, sb.env(), sb.args("run", MattermostSandbox.PLAYBOOK.toString(),
                    "--to", NEWEST, "--yes"));
            assertEquals(0, again.exitCode(), again.output());
            assertEquals(EFFECTS, sb.effects(), "a second run changes nothing");
            assertEquals(config, Files.readString(sb.root().resolve("config/config.json")));
            assertPasswordNowhere(sb, run.output(), again.output(), inProcess(sb, "report"),
                    Upbooks.run(tmp, sb.env(), sb.args("plan", MattermostSandbox.PLAYBOOK.toString(), "--from", OLDEST, "--to", NEWEST)).output());
        }
    }

    @Test
    void theSandboxDefaultSqliteDatabaseUpgradesWithTheSamePlaybook() throws Exception {
        try (MattermostSandbox sb = MattermostSandbox.buildOnSqlite(tmp.resolve("sb"), OLDEST)) {
            String config = Files.readString(sb.root().resolve("config/config.json"));

            Upbooks.Started run = Upbooks.run(tmp, sb.env(), sb.args("run", MattermostSandbox.PLAYBOOK.toString(),
                    "--to", NEWEST, "--yes"));

            assertEquals(9, run.exitCode(), run.output());
            assertUpgraded(sb, run.output());
            for (String item : PASSED) assertReview(run.output(), item, "passed");
            assertEquals(config, Files.readString(sb.root().resolve("config/config.json")), "config.json kept");
            assertTrue(Files.readString(sb.dir.resolve("backups/mattermost-db-1.3.0-1.sql"), StandardCharsets.ISO_8859_1)
                    .startsWith("SQLite format 3"), "sql.backup copies a SQLite database");
        }
    }

    @Test
    void crashesAtStepBoundariesAndInsideASlowStartThenResumeReachTheSameEndStateDoingNothingTwice() throws Exception {
        try (MattermostSandbox sb = MattermostSandbox.build(tmp.resolve("sb"), OLDEST)) {
            sb.marker("SLOW_START", "1.5");
            String config = Files.readString(sb.root().resolve("config/config.json"));
            List<Predicate<String>> crashWhen = List.of(
                    ndjson -> succeeded(ndjson, HOP1 + "download"), // a boundary: downloaded, server still up
                    ndjson -> startedStep(ndjson, HOP1 + "start") && sleptInStart(sb), // inside the slow start
                    ndjson -> succeeded(ndjson, HOP2 + "install"), // between extract and config restore
                    ndjson -> startedStep(ndjson, HOP2 + "start") && sleptInStart(sb));
            List<String> command = sb.args("run", MattermostSandbox.PLAYBOOK.toString(), "--to", NEWEST, "--yes",
                    "--output", "ndjson");
            int crashes = 0;
            for (Predicate<String> when : crashWhen) {
                for (int attempt = 0; attempt < 3; attempt++) {
                    Upbooks.Started p = Upbooks.start(tmp, sb.env(), command);
                    Upbooks.waitUntil(Duration.ofSeconds(60), "a crash point or the end",
                            () -> !p.process().isAlive() || when.test(p.out()));
                    command = List.of("resume", "--yes", "--output", "ndjson");
                    if (p.process().isAlive()) {
                        p.crash();
                        crashes++;
                        break;
                    }
                    // a step in doubt after the last crash: the operator's decision, then the same crash point
                    if (p.exitCode() != 6 || !markInDoubt(sb, p.output())) break;
                }
            }
            assertEquals(crashWhen.size(), crashes, "crashed " + crashes + " times");

            Upbooks.Started end = resumeToTheEnd(sb);
            assertEquals(9, end.exitCode(), end.output());
            Upbooks.Started review = Upbooks.run(tmp, sb.env(), List.of("review"));
            for (String item : PASSED) assertReview(review.output(), item, "passed");
            assertUpgraded(sb, review.output());
            assertEquals(config, Files.readString(sb.root().resolve("config/config.json")), "config.json kept");
        }
    }

    @Test
    void aFailingServerStartStopsTheRunWithItsOutputAndResumeCompletesItOnceTheFaultIsGone() throws Exception {
        try (MattermostSandbox sb = MattermostSandbox.build(tmp.resolve("sb"), OLDEST)) {
            Path fault = sb.marker("FAIL_START", "");

            Upbooks.Started run = Upbooks.run(tmp, sb.env(), sb.args("run", MattermostSandbox.PLAYBOOK.toString(),
                    "--to", NEWEST, "--yes"));
            assertEquals(4, run.exitCode(), run.output());
            assertTrue(run.output().contains(HOP1 + "start"), run.output());
            assertTrue(run.output().contains("failed to start the server (sandbox fault FAIL_START)"), run.output());
            assertEquals(OLDEST, sb.db("SELECT Value FROM Systems WHERE Name = 'Version'"), "schema not upgraded");

            Files.delete(fault);
            Upbooks.Started resume = Upbooks.run(tmp, sb.env(), List.of("resume", "--yes"));
            assertEquals(9, resume.exitCode(), resume.output());
            assertUpgraded(sb, resume.output());
        }
    }

    /** Resumes until the run ends, recording the operator's decision whenever a step is in doubt. */
    private Upbooks.Started resumeToTheEnd(MattermostSandbox sb) throws Exception {
        for (int i = 0; i < 10; i++) {
            Upbooks.Started p = Upbooks.run(tmp, sb.env(), List.of("resume", "--yes"));
            if (p.exitCode() != 6 || !markInDoubt(sb, p.output())) return p;
        }
        throw new AssertionError("resume did not end the run");
    }

    /** The sandbox's steps in doubt (service start/stop, manual) are safe to run again. */
    private static boolean markInDoubt(MattermostSandbox sb, String output) {
        Matcher m = Pattern.compile("upbook mark (\\S+) --done").matcher(output);
        if (!m.find()) return false;
        inProcess(sb, "mark", m.group(1), "--retry", "--reason", "crashed in the sandbox; safe to repeat");
        return true;
    }

    @Test
    void aHaltAtEveryStepBoundaryThenResumeReachesTheSameEndStateDoingEveryEffectOnce() throws Exception {
        try (MattermostSandbox sb = MattermostSandbox.build(tmp.resolve("sb"), OLDEST)) {
            String config = Files.readString(sb.root().resolve("config/config.json"));

            CrashDrills.Result drill = CrashDrills.haltAtEveryBoundary(tmp, sb.env(),
                    sb.args("run", MattermostSandbox.PLAYBOOK.toString(), "--to", NEWEST, "--yes"), 80);

            assertEquals(9, drill.exitCode(), drill.output());
            assertTrue(drill.halts() >= 20, "one process per step: " + drill.halts());
            assertUpgraded(sb, drill.output());
            assertEquals(config, Files.readString(sb.root().resolve("config/config.json")), "config.json kept");
        }
    }

    /** At the newest version with every schema change, every row and file kept, every effect once. */
    private static void assertUpgraded(MattermostSandbox sb, String output) throws Exception {
        assertEquals(NEWEST, sb.db("SELECT Value FROM Systems WHERE Name = 'Version'"), output);
        assertEquals("1", sb.db(sb.onSqlite() ? "SELECT count(*) FROM sqlite_master WHERE name = 'Preferences'"
                : "SELECT count(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'Preferences'"),
                "1.4 schema");
        assertEquals("5", sb.db("SELECT count(*) FROM Users WHERE ThemeProps = ''"), "1.3 schema, users kept");
        assertEquals("8", sb.db("SELECT count(*) FROM Posts"));
        assertEquals("minutes of the kick-off meeting\n", Files.readString(
                sb.root().resolve("data/teams/t1/channels/c1/users/u1/minutes.txt")), "file store kept");
        assertTrue(Files.readString(sb.root().resolve("bin/platform")).contains("VERSION=" + NEWEST));
        assertTrue(Files.exists(sb.dir.resolve("run/mattermost.pid")), "the server runs");
        assertEquals(EFFECTS, sb.effects(), "every effect exactly once, in order");
    }

    /**
     * The database password (also inside config.json's DataSource) is masked everywhere upbook
     * writes: output, journal and state, the effects log.
     */
    private static void assertPasswordNowhere(MattermostSandbox sb, String... outputs) throws IOException {
        for (String output : outputs) {
            assertFalse(output.contains(MattermostSandbox.DB_PASSWORD), "the password in upbook's output\n" + output);
        }
        assertFalse(String.join("\n", sb.effects()).contains(MattermostSandbox.DB_PASSWORD), "the password in the effects log");
        try (Stream<Path> files = Files.walk(sb.dir.resolve("state"))) {
            for (Path file : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
                String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertFalse(content.contains(MattermostSandbox.DB_PASSWORD), "the password in " + file);
            }
        }
    }

    private static void assertReview(String output, String item, String state) {
        Pattern line = Pattern.compile("review/" + Pattern.quote(item) + "\\s+" + state + "\\b");
        assertTrue(line.matcher(output).find(), "review/" + item + " is not " + state + " in:\n" + output);
    }

    /** Runs a journal command in this JVM; 0, or 9 while review items are pending. */
    private static String inProcess(MattermostSandbox sb, String... command) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of("--state", sb.dir.resolve("state/journal.db").toString()));
        StringWriter text = new StringWriter();
        PrintWriter w = new PrintWriter(text);
        int rc = Upbook.commandLine(w, w).execute(args.toArray(String[]::new));
        w.flush();
        assertTrue(rc == 0 || rc == 9, rc + ": " + text);
        return text.toString();
    }

    private static boolean succeeded(String ndjson, String step) {
        return ndjson.contains("\"step\":\"" + step + "\",\"state\":\"succeeded\"");
    }

    private static boolean startedStep(String ndjson, String step) {
        return ndjson.contains("\"event\":\"step-started\",") && ndjson.contains("\"step\":\"" + step + "\"");
    }

    /** The start stand-in is inside its sleep: it has run for a while and has not started the server. */
    private static boolean sleptInStart(MattermostSandbox sb) {
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !Files.exists(sb.dir.resolve("run/mattermost.pid"));
    }
}
