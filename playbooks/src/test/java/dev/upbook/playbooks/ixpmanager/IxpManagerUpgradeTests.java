package dev.upbook.playbooks.ixpmanager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.upbook.playbooks.CrashDrills;
import dev.upbook.playbooks.UpbookProcess;
import dev.upbook.playbooks.Upbooks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The IXP Manager v6 playbook run end to end, unchanged, against its sandbox (a database of its own
 * on the embedded MariaDB, stand-ins for php/artisan, composer, systemctl and sudo, a git
 * repository with a tag per release): a full upgrade with its review, crashes and resume, a second
 * run, and a failing stand-in; and once on the sandbox's SQLite default, which {@code upbook demo}
 * builds.
 */
class IxpManagerUpgradeTests {
    private static final String OLDEST = "6.0.0";
    private static final String NEWEST = "6.4.2";
    /** The migrations the releases after 6.0.0 add, each of which must be applied exactly once. */
    private static final List<String> MIGRATIONS = List.of(
            "2021_09_15_000000_add_cust_peeringdb_id",
            "2022_01_10_000000_create_cust_notes",
            "2022_06_01_000000_rebuild_switchport",
            "2023_02_01_000000_add_vlaninterface_rsmorespecifics",
            "2023_05_01_000000_index_cust_shortname");
    private static final Pattern MARK = Pattern.compile("upbook mark (\\S+) --done");

    @TempDir
    Path tmp;

    @Test
    void fullRunFromOldestToNewestKeepsDataAndConfigAndCompletesOnceSignedOff() throws Exception {
        try (IxpSandbox sandbox = IxpSandbox.build(tmp.resolve("sb"), OLDEST)) {
            String envBefore = Files.readString(sandbox.root.resolve(".env"));

            UpbookProcess run = sandbox.startRun(NEWEST);
            int exit = run.await();
            String out = run.out();

            assertEquals(9, exit, "every step done, manual review items pending\n" + run.transcript());
            assertTrue(out.contains("6.0.0 → 6.4.2"), out);
            for (String hop : List.of("6.0.0..6.1.0", "6.1.0..6.2.0", "6.2.0..6.3.0", "6.3.0..6.4.0", "6.4.0..6.4.2")) {
                assertTrue(out.contains("review/" + hop + "/version-is-target  passed"), hop + "\n" + out);
                assertTrue(out.contains("review/" + hop + "/site-answers"), hop + "\n" + out);
            }
            assertTrue(out.contains("review/customers-kept") && out.contains("40 = 40 (captured customers)"), out);
            assertTrue(out.contains("40 = 40 (captured switch-ports)"), out);
            assertTrue(out.contains("40 = 40 (captured vlan-interfaces)"), out);
            assertTrue(out.contains("36 = 36 (captured active-customers)"), out);
            assertTrue(out.contains("40 = 40 (captured port-details)"), out);
            assertReviewState(out, "final-version", "passed");
            assertReviewState(out, "config-kept", "passed");
            assertReviewState(out, "database-config-kept", "passed");
            assertReviewState(out, "no-pending-migrations", "pending");
            assertEndState(sandbox, envBefore);
            assertEquals(5, occurrences(sandbox.effects(), "artisan down"), "one maintenance window per hop");
            for (String dump : List.of("ixpmanager-before-1.sql", "ixpmanager-6.2.0-before-6.3.0-1.sql")) {
                String text = Files.readString(sandbox.dir.resolve("backups").resolve(dump));
                assertTrue(text.contains("-- Dump completed") && text.contains("CREATE TABLE `switchport`"),
                        "a complete mariadb-dump before the upgrade and before each hop's migrations: " + dump);
            }

            IxpSandbox.Result signed = sandbox.upbook("review", "sign", "no-pending-migrations", "--by", "tester",
                    "--note", "migrate:status shows every migration as Ran");
            assertEquals(0, signed.exit(), signed.process().transcript());
            IxpSandbox.Result status = sandbox.upbook("status");
            assertTrue(status.out().contains("complete"), status.out());

            List<String> effectsBefore = sandbox.effects();
            IxpSandbox.Result again = sandbox.upbook(runArgs(sandbox));
            assertEquals(0, again.exit(), again.process().transcript());
            assertEquals(effectsBefore, sandbox.effects(), "a second run changes nothing");
            assertFalse(again.out().contains("artisan"), "no step ran\n" + again.out());
            assertPasswordNowhere(sandbox, run.transcript(), again.process().transcript(),
                    sandbox.upbook("report").out(), sandbox.upbook("plan", sandbox.playbook().toString(), "--from", OLDEST, "--to", NEWEST).out());
        }
    }

    @Test
    void theSandboxDefaultSqliteDatabaseUpgradesWithTheSamePlaybook() throws Exception {
        try (IxpSandbox sandbox = IxpSandbox.buildOnSqlite(tmp.resolve("sb"), "6.2.0")) {
            String envBefore = Files.readString(sandbox.root.resolve(".env"));

            UpbookProcess run = sandbox.startRun(NEWEST);

            assertEquals(9, run.await(), run.transcript());
            assertTrue(run.out().contains("40 = 40 (captured port-details)"), run.out());
            assertEquals(NEWEST, sandbox.version());
            assertEquals(envBefore, Files.readString(sandbox.root.resolve(".env")));
            assertEquals(40, sandbox.count("SELECT COUNT(*) FROM view_switch_details_by_custid WHERE ifIndex IS NOT NULL"));
            assertEquals(6, sandbox.count("SELECT COUNT(*) FROM migrations"));
            assertTrue(Files.readString(sandbox.dir.resolve("backups/ixpmanager-6.2.0-before-6.3.0-1.sql"), StandardCharsets.ISO_8859_1)
                    .startsWith("SQLite format 3"), "sql.backup copies a SQLite database");
        }
    }

    @Test
    void killNineAtStepBoundariesAndInsideTheMigrationThenResumeReachesTheSameEndStateDoingNothingTwice() throws Exception {
        try (IxpSandbox sandbox = IxpSandbox.build(tmp.resolve("sb"), OLDEST)) {
            String envBefore = Files.readString(sandbox.root.resolve(".env"));

            UpbookProcess first = sandbox.startRun(NEWEST, "-o", "ndjson");
            killAfterStepEnded(first, "6.0.0..6.1.0/checkout");
            UpbookProcess second = sandbox.start("resume", "--yes", "-o", "ndjson");
            killAfterStepEnded(second, "6.1.0..6.2.0/composer-install");
            UpbookProcess third = sandbox.start("resume", "--yes", "-o", "ndjson");
            killAfterStepEnded(third, "6.1.0..6.2.0/maintenance-off");

            // Inside a long step: kill upbook alone while artisan migrate sleeps before its migration;
            // the orphaned stand-in finishes it, and resume must not start it next to it or again.
            sandbox.marker("SLOW_MIGRATION", "30");
            UpbookProcess fourth = sandbox.start(resumeArgs());
            Upbooks.waitUntil(Duration.ofSeconds(60), "the 6.3.0 migration to start",
                    () -> effectsContain(sandbox, "migrate-start 2022_06_01_000000_rebuild_switchport"));
            fourth.kill9();
            sandbox.removeMarker("SLOW_MIGRATION");
            IxpSandbox.Result whileOrphanRuns = sandbox.upbook(resumeArgs());
            assertEquals(6, whileOrphanRuns.exit(), "a live program of the interrupted step: the operator decides\n"
                    + whileOrphanRuns.process().transcript());
            assertTrue(whileOrphanRuns.process().transcript().contains("a program it started is still running"),
                    whileOrphanRuns.process().transcript());
            sandbox.stopOrphanedMigrate(); // the operator stops it, as resume suggests
            assertFalse(effectsContain(sandbox, "migrate 2022_06_01_000000_rebuild_switchport"));

            UpbookProcess fifth = sandbox.start("resume", "--yes", "-o", "ndjson");
            killAfterStepEnded(fifth, "6.3.0..6.4.0/checkout");

            // Inside a step that is not idempotent: artisan up of the 6.4.0 hop, killed with its
            // programs (a power loss); resume cannot tell whether it ran and asks for upbook mark.
            sandbox.marker("SLOW_UP", "30");
            UpbookProcess sixth = sandbox.start(resumeArgs());
            Upbooks.waitUntil(Duration.ofSeconds(60), "artisan up to start", () -> effectsContain(sandbox, "slow UP"));
            // the stand-in logs "slow UP" just before it starts its sleep: let the sleep start, so that the
            // snapshot of descendants below includes it (else it would outlive the kill as an orphan)
            Thread.sleep(300);
            sixth.kill9WithDescendants();
            sandbox.removeMarker("SLOW_UP");
            List<String> marked = new java.util.ArrayList<>();
            IxpSandbox.Result last = resumeToTheEnd(sandbox, marked);

            assertEquals(List.of("6.3.0..6.4.0/maintenance-off"), marked, "the operator was asked about artisan up");
            assertEquals(9, last.exit(), last.process().transcript());
            assertEndState(sandbox, envBefore);
            assertEquals(5, occurrences(sandbox.effects(), "artisan down"), "maintenance mode entered once per hop");
            assertEquals(5, occurrences(sandbox.effects(), "artisan up"), "maintenance mode left once per hop");
            Map<String, Long> installs = sandbox.effects().stream().filter(e -> e.startsWith("composer install"))
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            assertEquals(5, installs.size(), "one composer install per release\n" + installs);
            assertTrue(installs.values().stream().allMatch(n -> n == 1), "no release installed twice\n" + installs);
            IxpSandbox.Result review = sandbox.upbook("review", "sign", "no-pending-migrations", "--by", "tester", "--note", "checked");
            assertEquals(0, review.exit(), review.process().transcript());
        }
    }

    @Test
    void aFailingStandInStopsTheRunWithItsOutputAndResumeAfterTheFixCompletesIt() throws Exception {
        try (IxpSandbox sandbox = IxpSandbox.build(tmp.resolve("sb"), "6.3.0")) {
            String envBefore = Files.readString(sandbox.root.resolve(".env"));
            sandbox.marker("FAIL_MIGRATE", "SQLSTATE[42S01]: Base table or view already exists (sandbox)\n");

            // this run takes the guide's other composer: IXPROOT/composer.phar, kept up to date
            UpbookProcess run = sandbox.startRun(NEWEST, "--var", "composer_phar=true", "--var", "composer_selfupdate=true");
            int exit = run.await();

            assertEquals(4, exit, run.transcript());
            assertTrue(run.transcript().contains("6.3.0..6.4.0/migrate failed: exit 1"), run.transcript());
            assertTrue(sandbox.maintenanceOn(), "the site stays in maintenance mode while the run is stopped");
            IxpSandbox.Result report = sandbox.upbook("report");
            assertTrue(report.out().contains("injected failure at MIGRATE")
                    && report.out().contains("SQLSTATE[42S01]: Base table or view already exists"),
                    "the stand-in's output is kept with the failed step\n" + report.out());
            assertEquals(1, sandbox.count("SELECT COUNT(*) FROM migrations WHERE migration LIKE '2022_06%'"));

            sandbox.removeMarker("FAIL_MIGRATE");
            IxpSandbox.Result resumed = sandbox.upbook(resumeArgs());

            assertEquals(9, resumed.exit(), resumed.process().transcript());
            assertEquals(NEWEST, sandbox.version());
            assertFalse(sandbox.maintenanceOn());
            assertEquals(envBefore, Files.readString(sandbox.root.resolve(".env")));
            assertEquals(6, sandbox.count("SELECT COUNT(*) FROM migrations"));
            assertEquals(6, sandbox.count("SELECT COUNT(DISTINCT migration) FROM migrations"));
            assertEquals(40, sandbox.count("SELECT COUNT(*) FROM switchport"));
            assertEquals(2, occurrences(sandbox.effects(), "composer selfupdate"), "composer.phar updated on each hop");
            assertEquals(2, sandbox.effects().stream().filter(e -> e.startsWith("composer install")).distinct().count());
        }
    }

    /** Every step boundary of the last hop, with its migration (the rule gives every hop the same steps). */
    @Test
    void aHaltAtEveryStepBoundaryThenResumeAppliesEveryMigrationOnce() throws Exception {
        try (IxpSandbox sandbox = IxpSandbox.build(tmp.resolve("sb"), "6.4.0")) {
            String envBefore = Files.readString(sandbox.root.resolve(".env"));

            CrashDrills.Result drill = CrashDrills.haltAtEveryBoundary(sandbox.dir, sandbox.env(), List.of(runArgs(sandbox)), 120);

            assertEquals(9, drill.exitCode(), drill.output());
            assertTrue(drill.halts() >= 20, "one process per step: " + drill.halts());
            assertEquals(NEWEST, sandbox.version());
            assertFalse(sandbox.maintenanceOn(), "maintenance mode is off");
            assertEquals(envBefore, Files.readString(sandbox.root.resolve(".env")), ".env kept");
            assertEquals(40, sandbox.count("SELECT COUNT(*) FROM cust"));
            assertEquals(40, sandbox.count("SELECT COUNT(*) FROM switchport"));
            assertEquals(40, sandbox.count("SELECT COUNT(*) FROM view_switch_details_by_custid WHERE ifIndex IS NOT NULL"));
            List<String> migrations = sandbox.effects().stream().filter(e -> e.startsWith("migrate ")).toList();
            assertEquals(List.of("migrate 2023_05_01_000000_index_cust_shortname"), migrations, "the hop's migration, once");
            assertEquals(migrations.stream().distinct().toList(), migrations, "no migration applied twice");
            assertEquals(sandbox.count("SELECT COUNT(*) FROM migrations"), sandbox.count("SELECT COUNT(DISTINCT migration) FROM migrations"));
            assertTrue(drill.output().contains("40 = 40 (captured customers)"), drill.output());
        }
    }

    private static String[] runArgs(IxpSandbox sandbox) {
        List<String> args = new java.util.ArrayList<>(List.of("run", sandbox.playbook().toString(), "--to", NEWEST, "--yes"));
        args.addAll(sandbox.vars());
        return args.toArray(String[]::new);
    }

    private static String[] resumeArgs() {
        return new String[] {"resume", "--yes"};
    }

    /**
     * Resumes until the run is no longer waiting: a step in doubt is marked for a retry (every
     * step of the playbook either checks its state or is safe to repeat), a live program of an
     * interrupted step is waited for.
     */
    private static IxpSandbox.Result resumeToTheEnd(IxpSandbox sandbox, List<String> marked) throws Exception {
        IxpSandbox.Result result = null;
        for (int attempt = 0; attempt < 8; attempt++) {
            result = sandbox.upbook(resumeArgs());
            if (result.exit() != 6) return result;
            Matcher m = MARK.matcher(result.process().transcript());
            if (m.find()) {
                marked.add(m.group(1));
                IxpSandbox.Result mark = sandbox.upbook("mark", m.group(1), "--retry", "--reason", "checked after the crash");
                assertEquals(0, mark.exit(), mark.process().transcript());
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

    private static void assertEndState(IxpSandbox sandbox, String envBefore) throws IOException, SQLException {
        assertEquals(NEWEST, sandbox.version(), "version.php");
        assertFalse(sandbox.maintenanceOn(), "maintenance mode is off");
        assertEquals(envBefore, Files.readString(sandbox.root.resolve(".env")), ".env kept");
        assertEquals(40, sandbox.count("SELECT COUNT(*) FROM cust"));
        assertEquals(40, sandbox.count("SELECT COUNT(*) FROM switchport"));
        assertEquals(40, sandbox.count("SELECT COUNT(*) FROM vlaninterface"));
        assertEquals(40, sandbox.count("SELECT COUNT(*) FROM cust_notes"), "the 6.2.0 migration moved every join date once");
        assertEquals(40, sandbox.count("SELECT COUNT(*) FROM view_switch_details_by_custid WHERE ifIndex IS NOT NULL"),
                "views.sql of 6.4.2 recreated the view the 6.3.0 migration dropped");
        assertEquals(6, sandbox.count("SELECT COUNT(*) FROM migrations"));
        for (String migration : MIGRATIONS) {
            assertEquals(1, occurrences(sandbox.effects(), "migrate " + migration), migration + " applied once");
            assertEquals(1, sandbox.count("SELECT COUNT(*) FROM migrations WHERE migration = '" + migration + "'"));
        }
    }

    /** The database password is masked everywhere upbook writes: output, journal and state, the effects log. */
    private static void assertPasswordNowhere(IxpSandbox sandbox, String... outputs) throws IOException {
        for (String output : outputs) {
            assertFalse(output.contains(IxpSandbox.DB_PASSWORD), "the password in upbook's output\n" + output);
        }
        assertFalse(String.join("\n", sandbox.effects()).contains(IxpSandbox.DB_PASSWORD), "the password in the effects log");
        try (Stream<Path> files = Files.walk(sandbox.dir.resolve("state"))) {
            for (Path file : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
                String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertFalse(content.contains(IxpSandbox.DB_PASSWORD), "the password in " + file);
            }
        }
    }

    private static void assertReviewState(String out, String item, String state) {
        assertTrue(Pattern.compile("review/" + Pattern.quote(item) + " +" + state).matcher(out).find(),
                "review/" + item + " is " + state + "\n" + out);
    }

    private static boolean effectsContain(IxpSandbox sandbox, String line) {
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
