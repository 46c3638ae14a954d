package dev.upbook.playbooks.kayako;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.upbook.cli.Upbook;
import dev.upbook.playbooks.CrashDrills;
import dev.upbook.playbooks.Upbooks;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kayako 3 → 4 playbook run end to end against its sandbox by real upbook processes, both
 * databases on the embedded MariaDB server: a full run and its review, crashes (kill -9) at step
 * boundaries and inside long steps followed by resume, a second run, a failing stand-in, and the
 * refusals (a version below 3.60.00, version 4 pointed at the version 3 database).
 */
class KayakoUpgradeTests {
    private static final String OLDEST = "3.60.00";
    private static final String NEWEST = "4.92.4";
    /** The hop's instance-id prefix: upbook prints the loose version 3.60.00 as 3.60.0. */
    private static final String HOP = "3.60.0..4.92.4/";
    /** Rows the importer moves from the sandbox's version 3 data (unapproved comment left out). */
    private static final int IMPORTED_ROWS = 3 + 7 + 9 + 18 + 4 + 3 + 2 + 3;
    private static final List<String> MANUAL_REVIEW = List.of("staff-permissions", "user-group-permissions",
            "template-groups", "templates", "languages", "loginshare", "attachment-types", "parser-logs",
            "kb-draft-articles", "alerts", "downloads", "clean-urls", "unapproved-comments", "custom-fields",
            "ticket-views", "search-index", "kayako-desktop", "import-collisions");
    private static final List<String> COUNTED = List.of("import-complete", "imported-version", "staff-imported",
            "users-imported", "tickets-imported", "ticket-posts-imported", "attachments-imported",
            "kb-and-downloads-imported", "approved-comments-imported");

    @TempDir
    Path tmp;

    @Test
    void fullRunFromOldestToNewestNeedsSignOffThenIsCompleteAndASecondRunDoesNothing() throws Exception {
        try (KayakoSandbox sb = KayakoSandbox.build(tmp.resolve("sb"), OLDEST, NEWEST)) {
            sb.configure(10, 0);
            String v3Config = Files.readString(sb.dir.resolve("v3/config/config.php"));
            String v4Config = Files.readString(sb.dir.resolve("v4/__swift/config/config.php"));

            Upbooks.Started run = Upbooks.run(tmp, sb.env(), sb.args("run", KayakoSandbox.PLAYBOOK.toString(),
                    "--from", OLDEST, "--to", NEWEST, "--yes"));

            assertEquals(9, run.exitCode(), run.output());
            assertImported(sb, run.output());
            for (String item : COUNTED) assertReview(run.output(), HOP + item, "passed");
            for (String item : MANUAL_REVIEW) assertReview(run.output(), HOP + item, "pending");
            assertReview(run.output(), "v4-answers", "passed");
            assertEquals(v3Config, Files.readString(sb.dir.resolve("v3/config/config.php")), "v3 config kept");
            assertEquals(v4Config, Files.readString(sb.dir.resolve("v4/__swift/config/config.php")), "v4 config kept");
            assertTrue(Files.readString(sb.dir.resolve("www/support/index.html")).contains("upgrading our help desk"),
                    "the docroot serves the notice page");
            String dump = backupOfV3(sb);
            assertTrue(dump.contains("-- Dump completed") && dump.contains("CREATE TABLE `swattachmentchunks`"),
                    "a complete mariadb-dump of the version 3 database");

            for (String item : MANUAL_REVIEW.subList(0, MANUAL_REVIEW.size() - 1)) signInProcess(sb, item);
            String last = MANUAL_REVIEW.get(MANUAL_REVIEW.size() - 1);
            Upbooks.Started sign = Upbooks.run(tmp, sb.env(),
                    List.of("review", "sign", last, "--by", "tester", "--note", "checked in the sandbox"));
            assertEquals(0, sign.exitCode(), sign.output());
            String status = inProcess(sb, "status");
            assertTrue(status.contains(", complete"), status);

            List<String> effects = sb.effects();
            Upbooks.Started again = Upbooks.run(tmp, sb.env(), sb.args("run", KayakoSandbox.PLAYBOOK.toString(),
                    "--from", OLDEST, "--to", NEWEST, "--yes"));
            assertEquals(0, again.exitCode(), again.output());
            assertEquals(effects, sb.effects(), "a second run changes nothing");
            assertNoPassword(sb, run.output() + again.output() + status);
        }
    }

    @Test
    void theDemosSqliteDefaultRunsTheSamePlaybookToTheSameEndState() throws Exception {
        try (KayakoSandbox sb = KayakoSandbox.buildOnSqlite(tmp.resolve("sb"), OLDEST, NEWEST)) {
            sb.configure(10, 0);
            Upbooks.Started run = Upbooks.run(tmp, sb.env(), sb.args("run", KayakoSandbox.PLAYBOOK.toString(),
                    "--from", OLDEST, "--to", NEWEST, "--yes"));

            assertEquals(9, run.exitCode(), run.output());
            assertImported(sb, run.output());
            for (String item : COUNTED) assertReview(run.output(), HOP + item, "passed");
            assertTrue(backupOfV3(sb).startsWith("SQLite format 3"), "sql.backup copied the SQLite database");
        }
    }

    @Test
    void crashesAtStepBoundariesAndInsideLongStepsThenResumeReachTheSameEndStateDoingNothingTwice() throws Exception {
        try (KayakoSandbox sb = KayakoSandbox.build(tmp.resolve("sb"), OLDEST, NEWEST)) {
            sb.configure(6, 0.05);
            List<Predicate<String>> crashWhen = List.of(
                    ndjson -> ended(ndjson) >= 2, // a boundary: after offline
                    ndjson -> startedStep(ndjson, "move-attachments") && effectCount(sb, "moveattachments") >= 1,
                    ndjson -> startedStep(ndjson, "import-console") && effectCount(sb, "import ") >= 12,
                    ndjson -> startedStep(ndjson, "import-console") && effectCount(sb, "import ") >= 30,
                    ndjson -> ndjson.contains("\"step\":\"" + HOP + "import-console\",\"state\":\"succeeded\""));
            List<String> command = sb.args("run", KayakoSandbox.PLAYBOOK.toString(), "--from", OLDEST, "--to", NEWEST,
                    "--yes", "--output", "ndjson");
            int crashes = 0;
            for (Predicate<String> when : crashWhen) {
                Upbooks.Started p = Upbooks.start(tmp, sb.env(), command);
                Upbooks.waitUntil(Duration.ofSeconds(60), "a crash point or the end",
                        () -> !p.process().isAlive() || when.test(p.out()));
                if (p.process().isAlive()) {
                    p.crash();
                    crashes++;
                }
                command = List.of("resume", "--yes", "--output", "ndjson");
            }
            assertTrue(crashes >= 3, "crashed " + crashes + " times");

            Upbooks.Started end = resumeToTheEnd(sb);
            assertEquals(9, end.exitCode(), end.output());
            Upbooks.Started review = Upbooks.run(tmp, sb.env(), List.of("review"));
            for (String item : COUNTED) assertReview(review.output(), HOP + item, "passed");
            assertImported(sb, review.output());
        }
    }

    @Test
    void aFailingStandInStopsTheRunWithItsOutputAndResumeCompletesItOnceTheFaultIsGone() throws Exception {
        try (KayakoSandbox sb = KayakoSandbox.build(tmp.resolve("sb"), OLDEST, NEWEST)) {
            sb.configure(10, 0);
            Path fault = Files.writeString(sb.dir.resolve("FAIL_MOVE_ATTACHMENTS"), "");

            Upbooks.Started run = Upbooks.run(tmp, sb.env(), sb.args("run", KayakoSandbox.PLAYBOOK.toString(),
                    "--from", OLDEST, "--to", NEWEST, "--yes"));
            assertEquals(4, run.exitCode(), run.output());
            assertTrue(run.output().contains("move-attachments failed: exit 1"), run.output());
            // run and status show only the exit code; the program's own output is in the report
            Upbooks.Started report = Upbooks.run(tmp, sb.env(), List.of("report", "--format", "md"));
            assertTrue(report.output().contains("Permission denied (sandbox fault)"), report.output());
            assertEquals("0", sb.v4("SELECT count(*) FROM swtickets"), "nothing imported");

            Files.delete(fault);
            Upbooks.Started resume = Upbooks.run(tmp, sb.env(), List.of("resume", "--yes"));
            assertEquals(9, resume.exitCode(), resume.output());
            assertImported(sb, resume.output());
        }
    }

    @Test
    void aFailingImportRunsTheGuidesRestartRecoveryAndANewRunOnAFreshSetupCompletes() throws Exception {
        try (KayakoSandbox sb = KayakoSandbox.build(tmp.resolve("sb"), OLDEST, NEWEST)) {
            sb.configure(10, 0);
            Path fault = Files.writeString(sb.dir.resolve("FAIL_IMPORT"), "");
            List<String> run = sb.args("run", KayakoSandbox.PLAYBOOK.toString(), "--from", OLDEST, "--to", NEWEST, "--yes");

            Upbooks.Started failed = Upbooks.run(tmp, sb.env(), run);
            assertEquals(4, failed.exitCode(), failed.output());
            assertTrue(failed.output().contains("running recovery 'restart-import'"), failed.output());
            assertTrue(failed.output().contains("recover/restart-import/rerun-setup"), failed.output());

            Files.delete(fault);
            sb.reinstallV4();
            Upbooks.Started again = Upbooks.run(tmp, sb.env(), run);
            assertEquals(9, again.exitCode(), again.output());
            assertImported(sb, again.output());
            for (String item : COUNTED) assertReview(again.output(), HOP + item, "passed");
        }
    }

    @Test
    void versionsOlderThan360AreRefusedWithTheGuidesWords() throws Exception {
        Upbooks.Started plan = Upbooks.run(tmp, Map.of("UPBOOK_STATE_DIR", tmp.resolve("state").toString()),
                List.of("plan", KayakoSandbox.PLAYBOOK.toString(), "--from", "3.50.06", "--to", NEWEST));
        assertEquals(3, plan.exitCode(), plan.output());
        assertTrue(plan.output().contains("It is not possible to upgrade to version 4 from any version older than 3.60.00"),
                plan.output());
    }

    @Test
    void version4PointedAtTheVersion3DatabaseIsRefusedBeforeAnythingRuns() throws Exception {
        try (KayakoSandbox sb = KayakoSandbox.build(tmp.resolve("sb"), OLDEST, NEWEST)) {
            String v3Url = "jdbc:mariadb://localhost:" + dev.upbook.steps.EmbeddedMariaDbServer.port() + "/" + sb.v3Database;
            Upbooks.Started run = Upbooks.run(tmp, sb.env(), sb.args(Map.of("v4_db_name", sb.v3Database, "v4_db_url", v3Url),
                    "run", KayakoSandbox.PLAYBOOK.toString(), "--from", OLDEST, "--to", NEWEST, "--yes"));

            assertEquals(5, run.exitCode(), run.output()); // a precondition failed
            assertTrue(run.output().contains("3.60.0..4.92.4/v4-database-is-new: v4_db_name (" + sb.v3Database
                    + ") is the version 3 database"), run.output());
            assertTrue(run.output().contains("Also a new database is to be used to install version 4."), run.output());
            assertEquals(List.of(), sb.effects(), "nothing ran");
            assertEquals("6", sb.v3("SELECT count(*) FROM swattachmentchunks"), "the version 3 database is untouched");
            assertEquals("0", sb.v4("SELECT count(*) FROM swtickets"), "nothing imported");
        }
    }

    @Test
    void version4UrlNamingTheVersion3DatabaseInOtherWordsStopsTheRunBeforeTheImport() throws Exception {
        try (KayakoSandbox sb = KayakoSandbox.build(tmp.resolve("sb"), OLDEST, NEWEST)) {
            sb.configure(10, 0);
            String v3UrlByAddress = "jdbc:mariadb://127.0.0.1:" + dev.upbook.steps.EmbeddedMariaDbServer.port() + "/" + sb.v3Database;
            Upbooks.Started run = Upbooks.run(tmp, sb.env(), sb.args(Map.of("v4_db_url", v3UrlByAddress),
                    "run", KayakoSandbox.PLAYBOOK.toString(), "--from", OLDEST, "--to", NEWEST, "--yes"));

            assertEquals(4, run.exitCode(), run.output());
            assertTrue(run.output().contains("v4-database-holds-version-4 failed: result 0, expected 1"), run.output());
            assertTrue(sb.effects().stream().noneMatch(e -> e.startsWith("import ")), "nothing imported: " + sb.effects());
            assertEquals("0", sb.v3("SELECT count(*) FROM information_schema.tables WHERE table_schema = '" + sb.v3Database
                    + "' AND table_name = 'swimportregistry'"), "the importer never wrote into the version 3 database");
        }
    }

    /** Resumes until the run ends, recording the operator's decision whenever a step is in doubt. */
    private Upbooks.Started resumeToTheEnd(KayakoSandbox sb) throws Exception {
        Pattern inDoubt = Pattern.compile("upbook mark (\\S+) --done");
        for (int i = 0; i < 10; i++) {
            Upbooks.Started p = Upbooks.run(tmp, sb.env(), List.of("resume", "--yes"));
            Matcher m = inDoubt.matcher(p.output());
            if (p.exitCode() != 6 || !m.find()) return p;
            // The sandbox's steps in doubt (maintenance, manual) are safe to run again.
            Upbooks.Started mark = Upbooks.run(tmp, sb.env(),
                    List.of("mark", m.group(1), "--retry", "--reason", "crashed in the sandbox; safe to repeat"));
            assertEquals(0, mark.exitCode(), mark.output());
        }
        throw new AssertionError("resume did not end the run");
    }

    /**
     * Data preserved, nothing twice: the server's version 4 database holds every imported version 3
     * row exactly once (as many rows as version 3, each import id once), and every effect happened once.
     */
    /** A halt after every step and after every pass of the import (each pass ends with a journaled checkpoint). */
    @Test
    void aHaltAtEveryStepBoundaryAndAfterEveryImportPassThenResumeImportsEveryRecordOnce() throws Exception {
        try (KayakoSandbox sb = KayakoSandbox.build(tmp.resolve("sb"), OLDEST, NEWEST)) {
            sb.configure(10, 0);
            String v3Config = Files.readString(sb.dir.resolve("v3/config/config.php"));

            CrashDrills.Result drill = CrashDrills.haltAtEveryBoundary(tmp, sb.env(),
                    sb.args("run", KayakoSandbox.PLAYBOOK.toString(), "--from", OLDEST, "--to", NEWEST, "--yes"), 100);

            assertEquals(9, drill.exitCode(), drill.output());
            assertTrue(drill.halts() >= 14, "one process per step or pass: " + drill.halts());
            assertImported(sb, drill.output());
            assertEquals(v3Config, Files.readString(sb.dir.resolve("v3/config/config.php")), "version 3 left as it was");
        }
    }

    private static void assertImported(KayakoSandbox sb, String output) throws Exception {
        assertEquals(NEWEST, sb.v4("SELECT data FROM swsettings WHERE vkey = 'version'"), output);
        for (String table : List.of("swusers", "swtickets", "swticketposts", "swattachments")) {
            assertEquals(sb.v3("SELECT count(*) FROM " + table), sb.v4("SELECT count(*) FROM " + table), table);
            assertEquals(sb.v3("SELECT count(*) FROM " + table),
                    sb.v4("SELECT count(DISTINCT importid) FROM " + table + " WHERE importid IS NOT NULL"), table + " import ids");
        }
        assertEquals(sb.v3("SELECT count(*) FROM swcomments WHERE isapproved = 1"),
                sb.v4("SELECT count(DISTINCT importid) FROM swcomments"), "approved comments, once each");
        assertEquals(sb.v3("SELECT (SELECT count(*) FROM swkbarticles) + (SELECT count(*) FROM swdownloaditems)"),
                sb.v4("SELECT count(DISTINCT importkey) FROM swkbarticles"), "articles and downloads, once each");
        assertEquals("4", sb.v4("SELECT count(*) FROM swstaff"), "3 imported + the installer's admin");
        assertTrue(sb.v4("SELECT username FROM swstaff WHERE importid = 1").startsWith("admin_imp"), "collision rule");
        assertEquals("0", sb.v3("SELECT count(*) FROM swattachmentchunks"), "attachments moved out of the v3 DB");
        assertEquals("4", sb.v4("SELECT count(*) FROM swattachments WHERE storefilename <> ''"));
        List<String> effects = sb.effects();
        assertEquals(effects.size(), new HashSet<>(effects).size(), "an effect happened twice: " + effects);
        assertEquals(4, effects.stream().filter(e -> e.startsWith("moveattachments ")).count(), effects.toString());
        assertTrue(effects.stream().filter(e -> e.startsWith("import ")).count() <= IMPORTED_ROWS, effects.toString());
        try (var files = Files.list(sb.dir.resolve("v4/__swift/files"))) {
            assertTrue(files.filter(f -> f.getFileName().toString().startsWith("attach_")).count() >= 4, "files copied");
        }
    }

    /** The version 3 database's dump that backup-database wrote. */
    private static String backupOfV3(KayakoSandbox sb) throws Exception {
        try (var backups = Files.list(sb.dir.resolve("backups"))) {
            Path dump = backups.filter(f -> f.getFileName().toString().matches("kayako3-3\\.60\\.00-.*\\.sql")).findFirst()
                    .orElseThrow(() -> new AssertionError("no dump of the version 3 database in " + sb.dir.resolve("backups")));
            return new String(Files.readAllBytes(dump), java.nio.charset.StandardCharsets.ISO_8859_1); // a SQLite copy is binary
        }
    }

    /** The database password is in none of the run's outputs, the journal, the report and the effects log. */
    private void assertNoPassword(KayakoSandbox sb, String outputs) throws Exception {
        Upbooks.Started report = Upbooks.run(tmp, sb.env(), List.of("report", "--format", "md"));
        assertEquals(0, report.exitCode(), report.output());
        StringBuilder state = new StringBuilder(); // the journal with its -wal file, reports, plans
        try (var files = Files.walk(sb.dir.resolve("state"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                state.append(new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        }
        for (String text : List.of(outputs, report.output(), state.toString(), String.join("\n", sb.effects()))) {
            assertTrue(!text.contains(KayakoSandbox.DB_PASSWORD), "the password leaked");
        }
    }

    private static void assertReview(String output, String item, String state) {
        Pattern line = Pattern.compile("review/" + Pattern.quote(item) + "\\s+" + state + "\\b");
        assertTrue(line.matcher(output).find(), "review/" + item + " is not " + state + " in:\n" + output);
    }

    /** Signs an item off in this JVM (a process per item would cost a JVM start each). */
    private static void signInProcess(KayakoSandbox sb, String item) {
        inProcess(sb, "review", "sign", item, "--by", "tester", "--note", "checked in the sandbox");
    }

    /** Runs a journal command in this JVM; 0, or 9 while review items are pending. */
    private static String inProcess(KayakoSandbox sb, String... command) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of("--state", sb.dir.resolve("state/journal.db").toString()));
        StringWriter text = new StringWriter();
        PrintWriter w = new PrintWriter(text);
        int rc = Upbook.commandLine(w, w).execute(args.toArray(String[]::new));
        w.flush();
        assertTrue(rc == 0 || rc == 9, rc + ": " + text);
        return text.toString();
    }

    private static int ended(String ndjson) {
        int n = 0;
        for (String line : ndjson.split("\n")) if (line.contains("\"event\":\"step-ended\"")) n++;
        return n;
    }

    private static boolean startedStep(String ndjson, String step) {
        return ndjson.contains("\"event\":\"step-started\",") && ndjson.contains("\"step\":\"" + HOP + step + "\"");
    }

    private static long effectCount(KayakoSandbox sb, String prefix) {
        try {
            return sb.effects().stream().filter(e -> e.startsWith(prefix)).count();
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
