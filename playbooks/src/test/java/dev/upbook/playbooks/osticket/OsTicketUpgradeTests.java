package dev.upbook.playbooks.osticket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * The osTicket playbook run end to end against its sandbox by real upbook processes: the oldest
 * supported release to the newest and its review, crashes (kill -9) at step boundaries and inside
 * the database upgrader followed by resume, a second run, and a failing upgrader.
 */
class OsTicketUpgradeTests {
    private static final String OLDEST = "1.6 RC1";
    private static final String NEWEST = "1.18.4";
    /** Patches from the 1.6 schema to 1.18's (1.7.0 has two) and the sandbox's 1.6 attachments. */
    private static final int PATCHES = 13;
    private static final int ATTACHMENTS = 6;
    private static final List<String> MANUAL_REVIEW = List.of("test-ticket", "attachments-kept");
    private static final List<String> COUNTED = List.of("staff-panel", "installed-version", "tickets-kept",
            "messages-kept", "staff-kept", "attachments-kept-rows", "attachments-migrated", "config-kept",
            "schema-signature", "helpdesk-online", "setup-deleted");

    /** The release packages, built once for every sandbox of this class. */
    @TempDir
    static Path packages;

    @TempDir
    Path tmp;

    @Test
    void fullRunFromOldestToNewestNeedsSignOffThenIsCompleteAndASecondRunDoesNothing() throws Exception {
        try (OsTicketSandbox sb = OsTicketSandbox.build(tmp.resolve("sb"), OLDEST, packages)) {
            String config = Files.readString(sb.root.resolve("config.php"));

            Upbooks.Started run = Upbooks.run(tmp, sb.env(), sb.args("run", OsTicketSandbox.PLAYBOOK.toString(),
                    "--from", OLDEST, "--to", NEWEST, "--yes"));

            assertEquals(9, run.exitCode(), run.output());
            for (String item : COUNTED) assertReview(run.output(), item, "passed");
            for (String item : MANUAL_REVIEW) assertReview(run.output(), item, "pending");
            assertUpgraded(sb, run.output());
            assertEquals(config, Files.readString(sb.root.resolve("include/ost-config.php")), "config moved, not changed");
            assertFalse(Files.exists(sb.root.resolve("config.php")), "config.php renamed");
            assertFalse(Files.exists(sb.root.resolve("scripts")), "scripts/ not uploaded");
            assertTrue(Files.readString(sb.dir.resolve("backups/osticket-db-1.sql")).contains("-- Dump completed"),
                    "the MariaDB database dumped first (mariadb-dump)");

            String sign = inProcess(sb, "review", "sign", MANUAL_REVIEW.get(0), MANUAL_REVIEW.get(1), "--by", "tester",
                    "--note", "checked in the sandbox");
            assertTrue(sign.contains("is complete"), sign);
            String status = inProcess(sb, "status");
            assertTrue(status.contains(", complete"), status);

            List<String> effects = sb.effects();
            Upbooks.Started again = Upbooks.run(tmp, sb.env(), sb.args("run", OsTicketSandbox.PLAYBOOK.toString(),
                    "--from", OLDEST, "--to", NEWEST, "--yes"));
            assertEquals(0, again.exitCode(), again.output());
            assertTrue(again.output().contains("nothing to do"), again.output());
            assertEquals(effects, sb.effects(), "a second run changes nothing");
            assertPasswordNowhere(sb, run.output() + sign + status + again.output());
        }
    }

    /** The database password is in no output, journal or other state file, nor in the effects log. */
    private static void assertPasswordNowhere(OsTicketSandbox sb, String output) throws Exception {
        assertFalse(output.contains(OsTicketSandbox.DB_PASSWORD), "password in upbook's output");
        assertFalse(String.join("\n", sb.effects()).contains(OsTicketSandbox.DB_PASSWORD), "password in the effects log");
        List<Path> files;
        try (var walk = Files.walk(sb.dir.resolve("state"))) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertFalse(files.isEmpty(), "upbook's state directory holds the journal");
        for (Path file : files) {
            String text = new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertFalse(text.contains(OsTicketSandbox.DB_PASSWORD), "password in " + file);
        }
        String report = inProcess(sb, "report");
        assertFalse(report.contains(OsTicketSandbox.DB_PASSWORD), "password in the report");
    }

    @Test
    void crashesAtStepBoundariesAndInsideTheUpgraderThenResumeReachTheSameEndStateDoingNothingTwice() throws Exception {
        try (OsTicketSandbox sb = OsTicketSandbox.build(tmp.resolve("sb"), OLDEST, packages)) {
            sb.marker("SLOW_UPGRADE", "0.15");
            sb.marker("SLOW_ATTACHMENT", "0.15");
            List<Predicate<String>> crashWhen = List.of(
                    ndjson -> ended(ndjson) >= 4, // a boundary: after the backup of the database
                    ndjson -> sb.effectCount("attachment ") >= 3, // inside the upgrader: half the attachments moved
                    ndjson -> sb.effectCount("patch ") >= 6, // inside the upgrader: half the patches
                    ndjson -> ndjson.contains("\"step\":\"post/upgrade-database\",\"state\":\"succeeded\""));
            List<String> command = sb.args("run", OsTicketSandbox.PLAYBOOK.toString(), "--from", OLDEST, "--to", NEWEST,
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
            // in this JVM the password cannot come from the environment
            String review = inProcess(sb, "review", "--var", "db_password=" + OsTicketSandbox.DB_PASSWORD);
            for (String item : COUNTED) assertReview(review, item, "passed");
            assertUpgraded(sb, review);
        }
    }

    @Test
    void aFailingUpgraderStopsTheRunWithItsOutputAndResumeCompletesItOnceTheFaultIsGone() throws Exception {
        try (OsTicketSandbox sb = OsTicketSandbox.build(tmp.resolve("sb"), OLDEST, packages)) {
            Path fault = sb.marker("FAIL_UPGRADE", "SQLSTATE[HY000]: General error: 1205 Lock wait timeout exceeded (sandbox fault)\n");

            Upbooks.Started run = Upbooks.run(tmp, sb.env(), sb.args("run", OsTicketSandbox.PLAYBOOK.toString(),
                    "--from", OLDEST, "--to", NEWEST, "--yes"));
            assertEquals(4, run.exitCode(), run.output());
            assertTrue(run.output().contains("upgrade-database"), run.output());
            assertTrue(run.output().contains("Lock wait timeout exceeded (sandbox fault)"), run.output());
            assertFalse(run.output().contains("running recovery"), "stopped, resumable:\n" + run.output());
            assertFalse(sb.hasColumn("ost_config", "namespace"), "no patch applied");

            Files.delete(fault);
            Upbooks.Started resume = resumeToTheEnd(sb);
            assertEquals(9, resume.exitCode(), resume.output());
            for (String item : COUNTED) assertReview(resume.output(), item, "passed");
            assertUpgraded(sb, resume.output());
        }
    }

    @Test
    void anUpgraderThatExitsZeroWithoutUpgradingIsCaughtByTheSchemaSignature() throws Exception {
        String from = "1.17.7";
        try (OsTicketSandbox sb = OsTicketSandbox.build(tmp.resolve("sb"), from, packages)) {
            Path fault = sb.marker("BREAK_UPGRADE", "");

            Upbooks.Started run = Upbooks.run(tmp, sb.env(), sb.args("run", OsTicketSandbox.PLAYBOOK.toString(),
                    "--from", from, "--to", NEWEST, "--yes"));
            assertEquals(4, run.exitCode(), run.output());
            assertTrue(run.output().contains("upgrade-database"), run.output());
            assertEquals("0", sb.db("SELECT value FROM ost_config WHERE `key` = 'isonline'"), "still offline");

            Files.delete(fault);
            Upbooks.Started resume = resumeToTheEnd(sb);
            assertEquals(9, resume.exitCode(), resume.output());
            assertReview(resume.output(), "schema-signature", "passed");
            assertReview(resume.output(), "helpdesk-online", "passed");
            assertReview(resume.output(), "attachments-migrated", "skipped");
            assertEquals(List.of("patch " + sig8("1.17") + "-" + sig8("1.18")), sb.effects());
        }
    }

    /** The sandbox's default database, the one {@code upbook demo} uses: the same playbook and stand-ins on SQLite. */
    @Test
    void onSqliteAsInTheDemoTheUpgraderAndItsSignatureCheckWorkToo() throws Exception {
        String from = "1.17.7"; // built by running the upgrader from 1.6: every patch and attachment on SQLite
        try (OsTicketSandbox sb = OsTicketSandbox.build(tmp.resolve("sb"), from, packages, true)) {
            assertEquals(String.valueOf(ATTACHMENTS), sb.db("SELECT count(*) FROM ost_file_chunk WHERE length(filedata) > 0"));

            Upbooks.Started run = Upbooks.run(tmp, sb.env(), sb.args("run", OsTicketSandbox.PLAYBOOK.toString(),
                    "--from", from, "--to", NEWEST, "--yes"));

            assertEquals(9, run.exitCode(), run.output());
            assertReview(run.output(), "schema-signature", "passed");
            assertReview(run.output(), "helpdesk-online", "passed");
            assertReview(run.output(), "tickets-kept", "passed");
            assertTrue(Files.exists(sb.dir.resolve("backups/osticket-db-1.sql")), "the SQLite copy of the database");
            assertEquals(List.of("patch " + sig8("1.17") + "-" + sig8("1.18")), sb.effects());
        }
    }

    @Test
    void withinThe16RcSeriesConfigPhpBecomesOstconfigPhpAndTheWebWizardIsConfirmed() throws Exception {
        try (OsTicketSandbox sb = OsTicketSandbox.build(tmp.resolve("sb"), OLDEST, packages)) {
            String config = Files.readString(sb.root.resolve("config.php"));

            Upbooks.Started run = Upbooks.run(tmp, sb.env(), sb.args("run", OsTicketSandbox.PLAYBOOK.toString(),
                    "--from", OLDEST, "--to", "1.6 RC2", "--yes"));

            assertEquals(9, run.exitCode(), run.output());
            assertTrue(run.output().contains("post/upgrade-wizard"), run.output());
            for (String item : List.of("installed-version", "tickets-kept", "messages-kept", "config-kept", "setup-deleted")) {
                assertReview(run.output(), item, "passed");
            }
            assertReview(run.output(), "schema-signature", "skipped");
            assertEquals(config, Files.readString(sb.root.resolve("ostconfig.php")), "config.php renamed, not changed");
            assertEquals("1", sb.db("SELECT isonline FROM ost_config"), "online again (1.6 config table)");
            assertEquals(List.of(), sb.effects(), "the web wizard is the operator's: the sandbox's upgrader never ran");
        }
    }

    @Test
    void versionsOlderThan16Rc1AreRefusedWithTheGuidesReason() throws Exception {
        Upbooks.Started plan = Upbooks.run(tmp, Map.of("UPBOOK_STATE_DIR", tmp.resolve("state").toString()),
                List.of("plan", OsTicketSandbox.PLAYBOOK.toString(), "--from", "1.5.4", "--to", NEWEST));
        assertEquals(3, plan.exitCode(), plan.output());
        assertTrue(plan.output().contains("Only previous versions from version 1.6 RC1 can be upgraded"), plan.output());
    }

    /** Resumes until the run ends, recording the operator's decision whenever a step is in doubt. */
    private Upbooks.Started resumeToTheEnd(OsTicketSandbox sb) throws Exception {
        Pattern inDoubt = Pattern.compile("upbook mark (\\S+) --done");
        for (int i = 0; i < 10; i++) {
            Upbooks.Started p = Upbooks.run(tmp, sb.env(), List.of("resume", "--yes"));
            Matcher m = inDoubt.matcher(p.output());
            if (p.exitCode() != 6 || !m.find()) return p;
            // The sandbox's steps that may be in doubt (file moves, the manual check) are safe to repeat.
            Upbooks.Started mark = Upbooks.run(tmp, sb.env(),
                    List.of("mark", m.group(1), "--retry", "--reason", "crashed in the sandbox; safe to repeat"));
            assertEquals(0, mark.exitCode(), mark.output());
        }
        throw new AssertionError("resume did not end the run");
    }

    /** Every step boundary of the oldest-to-newest run (one hop; its steps differ by era through their when:). */
    @Test
    void aHaltAtEveryStepBoundaryThenResumeDoesEveryEffectOnce() throws Exception {
        try (OsTicketSandbox sb = OsTicketSandbox.build(tmp.resolve("sb"), OLDEST, packages)) {
            String config = Files.readString(sb.root.resolve("config.php"));

            CrashDrills.Result drill = CrashDrills.haltAtEveryBoundary(tmp, sb.env(),
                    sb.args("run", OsTicketSandbox.PLAYBOOK.toString(), "--from", OLDEST, "--to", NEWEST, "--yes"), 60);

            assertEquals(9, drill.exitCode(), drill.output());
            assertTrue(drill.halts() >= 12, "one process per step: " + drill.halts());
            assertUpgraded(sb, drill.output());
            assertEquals(config, Files.readString(sb.root.resolve("include/ost-config.php")), "config moved, not changed");
            assertFalse(Files.exists(sb.root.resolve("config.php")), "config.php renamed");
        }
    }

    /** The end state: the newest release, its schema signature, every row and attachment once. */
    private static void assertUpgraded(OsTicketSandbox sb, String output) throws Exception {
        assertTrue(Files.readString(sb.root.resolve("main.inc.php")).contains("'v" + NEWEST + "'"), output);
        String releaseSig = Files.readString(sb.root.resolve("include/upgrader/streams/core.sig")).trim();
        assertEquals(releaseSig, sb.db("SELECT value FROM ost_config WHERE namespace = 'core' AND `key` = 'schema_signature'"));
        assertEquals("1", sb.db("SELECT value FROM ost_config WHERE namespace = 'core' AND `key` = 'isonline'"));
        assertEquals("20", sb.db("SELECT count(*) FROM ost_ticket"));
        assertEquals("30", sb.db("SELECT count(*) FROM ost_thread_entry"));
        assertEquals(String.valueOf(ATTACHMENTS), sb.db("SELECT count(*) FROM ost_file"), "each attachment moved once");
        assertEquals(String.valueOf(ATTACHMENTS), sb.db("SELECT count(*) FROM ost_ticket_attachment WHERE file_id > 0"));
        assertFalse(Files.exists(sb.root.resolve("setup")), "setup/ deleted");
        List<String> effects = sb.effects();
        assertEquals(effects.size(), new HashSet<>(effects).size(), "an effect happened twice: " + effects);
        assertTrue(sb.effectCount("patch ") <= PATCHES, effects.toString());
        assertTrue(sb.effectCount("attachment ") <= ATTACHMENTS, effects.toString());
    }

    private static void assertReview(String output, String item, String state) {
        Pattern line = Pattern.compile("review/" + Pattern.quote(item) + "\\s+" + state + "\\b");
        assertTrue(line.matcher(output).find(), "review/" + item + " is not " + state + " in:\n" + output);
    }

    /**
     * Runs a journal command (status, review, review sign) through upbook's own command line in this
     * JVM, as the Kayako tests do: a process would cost a JVM start. 0, or 9 while items are pending.
     */
    private static String inProcess(OsTicketSandbox sb, String... command) {
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

    /** The first 8 characters of the sandbox's schema signature of a schema point (see common.sh). */
    private static String sig8(String point) throws Exception {
        byte[] md5 = java.security.MessageDigest.getInstance("MD5")
                .digest(("osticket-sandbox:" + point).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return java.util.HexFormat.of().formatHex(md5).substring(0, 8);
    }
}
