package dev.upbook.playbooks.arctykitsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.upbook.playbooks.CrashDrills;
import dev.upbook.playbooks.UpbookProcess;
import dev.upbook.playbooks.Upbooks;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Arctyk ITSM playbook run end to end, unchanged, against its sandbox (a PostgreSQL database in
 * the embedded server, backed up with pg_dump and restored with psql,
 * stand-ins for the virtualenv's pip and python manage.py and for systemctl, a git repository with
 * a tag per release): a full upgrade with its review, crashes and resume, a second run, and a
 * failing migration that runs the guide's rollback procedure.
 */
class ArctykItsmUpgradeTests {
    private static final String OLDEST = "0.2.0";
    private static final String NEWEST = "0.4.0";
    /** The migrations the releases after 0.2.0 add, each of which must be applied exactly once. */
    private static final List<String> MIGRATIONS = List.of(
            "tickets.0002_status_model",
            "tickets.0003_status_category",
            "tickets.0004_recurring_inactive",
            "workflow.0001_transitions");
    private static final Pattern MARK = Pattern.compile("upbook mark (\\S+) --done");

    @TempDir
    java.nio.file.Path tmp;

    @Test
    void fullRunFromOldestToNewestKeepsDataAndConfigAndCompletesOnceSignedOff() throws Exception {
        try (ArctykSandbox sandbox = ArctykSandbox.build(tmp.resolve("sb"), OLDEST)) {
            String envBefore = Files.readString(sandbox.root.resolve(".env"));

            ArctykSandbox.Result run = sandbox.upbook(sandbox.runArgs(NEWEST));
            String out = run.out();

            assertEquals(9, run.exit(), "every step done, manual review items pending\n" + run.transcript());
            assertTrue(out.contains("0.2.0 → 0.4.0"), out);
            for (String hop : List.of("0.2.0..0.3.0", "0.3.0..0.4.0")) {
                assertReviewState(out, hop + "/version-is-target", "passed");
            }
            assertTrue(out.contains("30 = 30 (captured tickets)"), out);
            assertTrue(out.contains("60 = 60 (captured comments)"), out);
            assertTrue(out.contains("5 = 5 (captured users)"), out);
            assertTrue(out.contains("3 = 3 (captured recurring-tickets)"), out);
            for (String item : List.of("final-version", "tickets-kept", "comments-kept", "users-kept", "recurring-records-kept",
                    "config-kept", "application-answers", "no-pending-migrations", "celery-workers")) {
                assertReviewState(out, item, "passed");
            }
            assertReviewState(out, "critical-functionality", "pending");
            assertReviewState(out, "0.3.0..0.4.0/ajax-forms", "pending");
            assertEndState(sandbox, envBefore);
            assertEquals(2, occurrences(sandbox.effects(), "arctyk-web.service restart"), "web server restarted once per hop");
            assertEquals(2, occurrences(sandbox.effects(), "arctyk-celery.service restart"), "workers restarted once per hop");
            assertTrue(Files.readString(sandbox.dir.resolve("backups/backup_1.sql")).contains("PostgreSQL database dump complete"),
                    "the database is backed up first (pg_dump)");

            ArctykSandbox.Result signed = sandbox.upbook("review", "sign", "--all-pending", "--by", "tester",
                    "--note", "tickets created, moved through the workflow and closed on the sandbox");
            assertEquals(0, signed.exit(), signed.transcript());
            ArctykSandbox.Result status = sandbox.upbook("status");
            assertTrue(status.out().contains("complete"), status.out());

            List<String> effectsBefore = sandbox.effects();
            ArctykSandbox.Result again = sandbox.upbook(sandbox.runArgs(NEWEST));
            assertEquals(0, again.exit(), again.transcript());
            assertEquals(effectsBefore, sandbox.effects(), "a second run changes nothing");
            assertFalse(again.out().contains("manage.py"), "no step ran\n" + again.out());
            assertPasswordNowhere(sandbox, run.transcript() + signed.transcript() + status.transcript() + again.transcript());
        }
    }

    @Test
    void killNineAtStepBoundariesAndInsideLongStepsThenResumeReachesTheSameEndStateDoingNothingTwice() throws Exception {
        try (ArctykSandbox sandbox = ArctykSandbox.build(tmp.resolve("sb"), OLDEST)) {
            String envBefore = Files.readString(sandbox.root.resolve(".env"));

            UpbookProcess first = sandbox.start(sandbox.runArgs(NEWEST, "-o", "ndjson"));
            killAfterStepEnded(first, "pre/backup-database");
            UpbookProcess second = sandbox.start("resume", "--yes", "-o", "ndjson");
            killAfterStepEnded(second, "0.2.0..0.3.0/checkout");
            UpbookProcess third = sandbox.start("resume", "--yes", "-o", "ndjson");
            killAfterStepEnded(third, "0.2.0..0.3.0/migrate");

            // Inside a long idempotent step: collectstatic sleeps, upbook and its programs are killed
            // (a power loss); resume runs it again by itself.
            sandbox.marker("SLOW_COLLECTSTATIC", "30");
            UpbookProcess fourth = sandbox.start("resume", "--yes");
            Upbooks.waitUntil(Duration.ofSeconds(60), "collectstatic to start", () -> effectsContain(sandbox, "slow COLLECTSTATIC"));
            Thread.sleep(300); // the stand-in logs "slow" before it starts sleep: let it start, so that it is killed too
            fourth.kill9WithDescendants();
            sandbox.removeMarker("SLOW_COLLECTSTATIC");

            UpbookProcess fifth = sandbox.start("resume", "--yes", "-o", "ndjson");
            killAfterStepEnded(fifth, "0.3.0..0.4.0/install-requirements");

            // Inside the 0.4 migrate: kill upbook alone while manage.py migrate sleeps before its first
            // migration; the orphan goes on, resume must not start another one next to it.
            sandbox.marker("SLOW_MIGRATION", "30");
            UpbookProcess sixth = sandbox.start("resume", "--yes");
            Upbooks.waitUntil(Duration.ofSeconds(60), "the 0.4.0 migrations to start",
                    () -> effectsContain(sandbox, "migrate-start tickets.0003_status_category"));
            Thread.sleep(300);
            sixth.kill9();
            sandbox.removeMarker("SLOW_MIGRATION");
            ArctykSandbox.Result whileOrphanRuns = sandbox.upbook("resume", "--yes");
            assertEquals(6, whileOrphanRuns.exit(), "a live program of the interrupted step: the operator decides\n"
                    + whileOrphanRuns.transcript());
            assertTrue(whileOrphanRuns.transcript().contains("a program it started is still running"), whileOrphanRuns.transcript());
            sandbox.stopOrphanedMigrate(); // the operator stops it, as resume suggests
            assertFalse(effectsContain(sandbox, "migrate tickets.0003_status_category"), "the killed migration left nothing");

            List<String> marked = new ArrayList<>();
            ArctykSandbox.Result last = resumeToTheEnd(sandbox, marked);

            assertEquals(9, last.exit(), last.transcript());
            assertTrue(last.out().contains("30 = 30 (captured tickets)"), last.out());
            assertEndState(sandbox, envBefore);
            List<String> pip = sandbox.effects().stream().filter(e -> e.startsWith("pip install")).toList();
            assertEquals(List.of("pip install Django==5.0.9 celery==5.4.0", "pip install Django==5.1.2"), pip,
                    "each release's requirements installed once");
            assertEquals(1, occurrences(sandbox.effects(), "collectstatic 6 copied (0.4.0)"), "0.4 static files collected once");
            ArctykSandbox.Result signed = sandbox.upbook("review", "sign", "--all-pending", "--by", "tester", "--note", "checked");
            assertEquals(0, signed.exit(), signed.transcript());
        }
    }

    @Test
    void aHaltAtEveryStepBoundaryThenResumeReachesTheSameEndStateDoingNothingTwice() throws Exception {
        try (ArctykSandbox sandbox = ArctykSandbox.build(tmp.resolve("sb"), OLDEST)) {
            String envBefore = Files.readString(sandbox.root.resolve(".env"));

            CrashDrills.Result drill = CrashDrills.haltAtEveryBoundary(sandbox.dir, sandbox.env(), List.of(sandbox.runArgs(NEWEST)), 60);

            assertEquals(9, drill.exitCode(), drill.output());
            assertTrue(drill.halts() >= 15, "one process per step: " + drill.halts());
            assertTrue(drill.output().contains("30 = 30 (captured tickets)"), drill.output());
            assertEndState(sandbox, envBefore);
            List<String> pip = sandbox.effects().stream().filter(e -> e.startsWith("pip install")).toList();
            assertEquals(List.of("pip install Django==5.0.9 celery==5.4.0", "pip install Django==5.1.2"), pip,
                    "each release's requirements installed once");
            assertEquals(2, occurrences(sandbox.effects(), "arctyk-web.service restart"), "the web server restarted once per hop");
        }
    }

    @Test
    void aFailingMigrationStopsTheRunWithItsOutputAndTheRollbackRestoresDatabaseAndVersion() throws Exception {
        try (ArctykSandbox sandbox = ArctykSandbox.build(tmp.resolve("sb"), OLDEST)) {
            String envBefore = Files.readString(sandbox.root.resolve(".env"));
            ArctykSandbox.Result run = runFailingInTheSecondMigrationOfTheLastHop(sandbox);
            assertTrue(run.out().contains("(emptied first)"), "the restore emptied the schema for psql\n" + run.out());
            ArctykSandbox.Result report = sandbox.upbook("report");
            assertTrue(report.out().contains("injected failure in migration"), "the output is kept with the failed step\n" + report.out());

            // a recovered run is over: resume refuses, a new run after the fix completes the upgrade
            ArctykSandbox.Result resume = sandbox.upbook("resume", "--yes");
            assertNotEquals(0, resume.exit(), resume.transcript());
            assertNotEquals(9, resume.exit(), resume.transcript());
            sandbox.removeMarker("FAIL_MIGRATION");
            ArctykSandbox.Result again = sandbox.upbook(sandbox.runArgs(NEWEST));
            assertEquals(9, again.exit(), again.transcript());
            assertTrue(again.out().contains("30 = 30 (captured tickets)"), again.out());
            assertEndState(sandbox, envBefore, 2);
        }
    }

    /** The sandbox's default, the one {@code upbook demo} uses: the same playbook backs up and restores a SQLite file. */
    @Test
    void onSqliteAsInTheDemoTheRollbackRestoresTheDatabaseFile() throws Exception {
        try (ArctykSandbox sandbox = ArctykSandbox.build(tmp.resolve("sb"), OLDEST, ArctykSandbox.Database.SQLITE)) {
            runFailingInTheSecondMigrationOfTheLastHop(sandbox);
        }
    }

    /**
     * The 0.4 migrate applies its first migration, then fails in the second (as Django would); the
     * guide's rollback procedure runs: services stopped, database restored, previous version back.
     */
    private static ArctykSandbox.Result runFailingInTheSecondMigrationOfTheLastHop(ArctykSandbox sandbox) throws Exception {
        sandbox.marker("FAIL_MIGRATION", "tickets.0004_recurring_inactive");

        ArctykSandbox.Result run = sandbox.upbook(sandbox.runArgs(NEWEST));

        assertEquals(4, run.exit(), run.transcript());
        assertTrue(run.transcript().contains("0.3.0..0.4.0/migrate failed: exit 1"), run.transcript());
        assertTrue(run.transcript().contains("injected failure in migration tickets.0004_recurring_inactive"),
                "the stand-in's output is shown\n" + run.transcript());
        assertTrue(effectsContain(sandbox, "migrate tickets.0003_status_category"), "the migration before it was applied");
        assertTrue(run.out().contains("recover/rollback/investigate"), run.out());
        assertEquals(OLDEST, sandbox.version());
        assertEquals(2, sandbox.count("SELECT COUNT(*) FROM django_migrations"), "the 0.2.0 database is back");
        assertFalse(sandbox.hasTable("tickets_status"), "0.3's table is gone with the restore");
        assertFalse(sandbox.hasColumn("tickets_ticket", "status_id"), "0.3's column is gone with the restore");
        assertTrue(sandbox.hasTable("tickets_ticket"));
        assertEquals(30, sandbox.count("SELECT COUNT(*) FROM tickets_ticket WHERE status IS NOT NULL"));
        assertTrue(sandbox.installedPackages().contains("Django==4.2.16"), "0.2.0's requirements reinstalled");
        assertEquals("active", sandbox.serviceState("arctyk-web.service"));
        assertEquals("active", sandbox.serviceState("arctyk-celery.service"));
        List<String> effects = sandbox.effects();
        assertTrue(effects.indexOf("arctyk-web.service stop") < effects.indexOf("pip install Django==4.2.16 celery==5.3.6")
                && effects.indexOf("pip install Django==4.2.16 celery==5.3.6") < effects.indexOf("arctyk-web.service start"),
                "stop, revert, restart\n" + effects);
        return run;
    }

    /**
     * Resumes until the run is no longer waiting: a step in doubt is marked for a retry (every
     * step of the playbook checks its state or is safe to repeat), a live program is waited for.
     */
    private static ArctykSandbox.Result resumeToTheEnd(ArctykSandbox sandbox, List<String> marked) throws Exception {
        ArctykSandbox.Result result = null;
        for (int attempt = 0; attempt < 8; attempt++) {
            result = sandbox.upbook("resume", "--yes");
            if (result.exit() != 6) return result;
            Matcher m = MARK.matcher(result.transcript());
            if (m.find()) {
                marked.add(m.group(1));
                ArctykSandbox.Result mark = sandbox.upbook("mark", m.group(1), "--retry", "--reason", "checked after the crash");
                assertEquals(0, mark.exit(), mark.transcript());
            } else {
                Thread.sleep(300);
            }
        }
        return result;
    }

    /** kill -9 of upbook and its programs right after {@code step} is journaled as ended. */
    private static void killAfterStepEnded(UpbookProcess upbook, String step) throws Exception {
        String ended = "\"event\":\"step-ended\",\"time\":";
        String id = "\"step\":\"" + step + "\"";
        Upbooks.waitUntil(Duration.ofSeconds(60), step + " to end", () -> upbook.out().lines()
                .anyMatch(l -> l.contains(ended) && l.contains(id)) || !upbook.isAlive());
        assertTrue(upbook.isAlive(), "upbook ended before " + step + " did\n" + upbook.transcript());
        upbook.kill9WithDescendants();
    }

    private static void assertEndState(ArctykSandbox sandbox, String envBefore) throws IOException, SQLException {
        assertEndState(sandbox, envBefore, 1);
    }

    /** {@code applications}: how often the 0.3 migration ran (the failure test's rolled-back attempt adds one). */
    private static void assertEndState(ArctykSandbox sandbox, String envBefore, int applications) throws IOException, SQLException {
        assertEquals(NEWEST, sandbox.version(), "pyproject.toml");
        assertEquals(envBefore, Files.readString(sandbox.root.resolve(".env")), ".env kept");
        assertTrue(sandbox.installedPackages().contains("Django==5.1.2"), "0.4.0's Django installed");
        assertEquals("active", sandbox.serviceState("arctyk-web.service"));
        assertEquals("active", sandbox.serviceState("arctyk-celery.service"));
        assertTrue(Files.exists(sandbox.root.resolve("staticfiles/scss/base/_variables.scss")), "0.4 static files collected");
        assertEquals(30, sandbox.count("SELECT COUNT(*) FROM tickets_ticket"));
        assertEquals(60, sandbox.count("SELECT COUNT(*) FROM tickets_comment"));
        assertEquals(30, sandbox.count("SELECT COUNT(*) FROM tickets_ticket t JOIN tickets_status s ON s.id = t.status_id"),
                "every ticket moved to the status table once");
        assertEquals(3, sandbox.count("SELECT COUNT(*) FROM tickets_recurringticket WHERE active = 0"));
        assertEquals(3, sandbox.count("SELECT COUNT(*) FROM workflow_transition"));
        assertEquals(6, sandbox.count("SELECT COUNT(*) FROM django_migrations"));
        for (String migration : MIGRATIONS) {
            String name = migration.substring(migration.indexOf('.') + 1);
            assertEquals(1, sandbox.count("SELECT COUNT(*) FROM django_migrations WHERE name = '" + name + "'"), migration);
        }
        // applied once per attempt: the rolled-back attempt of the failure test applied 0002 and 0003 once more
        assertEquals(applications, occurrences(sandbox.effects(), "migrate tickets.0002_status_model"), "0002 applied");
        assertEquals(1, occurrences(sandbox.effects(), "migrate workflow.0001_transitions"), "workflow migration applied once");
    }

    /** The database password is in no output, journal, report or other state file, nor in the effects log. */
    private static void assertPasswordNowhere(ArctykSandbox sandbox, String output) throws IOException, InterruptedException {
        assertFalse(output.contains(ArctykSandbox.DB_PASSWORD), "password in upbook's output");
        assertFalse(String.join("\n", sandbox.effects()).contains(ArctykSandbox.DB_PASSWORD), "password in the effects log");
        List<java.nio.file.Path> files;
        try (var walk = Files.walk(sandbox.dir.resolve("state"))) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertFalse(files.isEmpty(), "upbook's state directory holds the journal");
        for (java.nio.file.Path file : files) {
            String text = new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertFalse(text.contains(ArctykSandbox.DB_PASSWORD), "password in " + file);
        }
        ArctykSandbox.Result report = sandbox.upbook("report");
        assertFalse(report.transcript().contains(ArctykSandbox.DB_PASSWORD), "password in the report");
    }

    private static void assertReviewState(String out, String item, String state) {
        assertTrue(Pattern.compile("review/" + Pattern.quote(item) + " +" + state).matcher(out).find(),
                "review/" + item + " is " + state + "\n" + out);
    }

    private static boolean effectsContain(ArctykSandbox sandbox, String line) {
        try {
            return sandbox.effects().contains(line);
        } catch (IOException e) {
            return false;
        }
    }

    private static long occurrences(List<String> lines, String line) {
        return lines.stream().filter(line::equals).count();
    }
}
