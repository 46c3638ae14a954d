package dev.upbook.cli;

import static dev.upbook.cli.CliTests.upbook;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A playbook with {@code procedure}: planned and run at the installed version, which stays. */
class ProcedureCommandTests {
    @TempDir
    Path dir;

    private Path playbook;
    private Path site;

    @BeforeEach
    void files() throws Exception {
        site = Files.createDirectories(dir.resolve("site"));
        Files.writeString(site.resolve("VERSION"), "1.4.0\n");
        Files.writeString(Files.createDirectories(site.resolve("data")).resolve("data.txt"), "the data\n");
        playbook = dir.resolve("move.playbook.yaml");
        Files.writeString(playbook, """
                upbook: 1
                product: { name: chat, title: Chat }
                versions:
                  releases: [1.3.0, 1.4.0]
                procedure:
                  title: Move the server to new hardware
                  at: ">=1.4.0"
                  reason: Both servers must run the latest release before the move.
                detect:
                  type: version
                  with: { file: "{{ inputs.site }}/VERSION", pattern: '(\\S+)' }
                inputs:
                  site: { type: path }
                  destination: { type: path }
                pre:
                  - id: copy-data
                    type: file.copy
                    with: { source: "{{ inputs.site }}/data", to: "{{ inputs.destination }}/data" }
                post:
                  - id: mark-moved
                    type: file.write
                    with: { path: "{{ inputs.destination }}/MOVED", content: "moved at {{ run.from }}\\n" }
                review:
                  - id: version-kept
                    title: the version did not change
                    target-version: true
                  - id: data-there
                    title: the data arrived
                    check:
                      type: file.assert
                      with: { path: "{{ inputs.destination }}/data/data.txt", kind: file }
                """);
    }

    private String[] run(String... extra) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("run", playbook.toString(),
                "--state", dir.resolve("journal.db").toString(), "--var", "site=" + site, "--var", "destination=" + dir.resolve("new")));
        args.addAll(java.util.List.of(extra));
        return args.toArray(String[]::new);
    }

    @Test
    void thePlanOfAProcedureNeedsNoTargetAndKeepsTheVersion() {
        CliTests.Run plan = upbook("plan", playbook.toString(), "--from", "1.4.0");
        assertEquals(0, plan.exitCode(), plan.err());
        assertTrue(plan.out().startsWith("Plan for Chat (chat): Move the server to new hardware\n  procedure at 1.4.0 (the version stays)\n"),
                plan.out());
        assertTrue(plan.out().contains("pre/copy-data") && plan.out().contains("post/mark-moved"), plan.out());
        assertFalse(plan.out().contains("Hops"), plan.out());
        CliTests.Run json = upbook("plan", playbook.toString(), "--from", "1.4.0", "--format", "json");
        assertTrue(json.out().contains("\"procedure\" : \"Move the server to new hardware\""), json.out());
    }

    @Test
    void aRunDoesTheWorkReviewsItAndASecondRunIsANoOp() throws Exception {
        Files.createDirectories(dir.resolve("new"));
        CliTests.Run run = upbook(run());
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertEquals("the data\n", Files.readString(dir.resolve("new/data/data.txt")));
        assertEquals("moved at 1.4.0\n", Files.readString(dir.resolve("new/MOVED")));
        assertTrue(run.out().contains("review/version-kept") && run.out().contains("detected 1.4.0, the target"), run.out());

        Files.writeString(dir.resolve("new/MOVED"), "touched\n");
        CliTests.Run again = upbook(run());
        assertEquals(0, again.exitCode(), again.out() + again.err());
        assertTrue(again.out().contains("This procedure ('Move the server to new hardware' at 1.4.0, plan"), again.out());
        assertTrue(again.out().contains("already completed in run #1"), again.out());
        assertEquals("touched\n", Files.readString(dir.resolve("new/MOVED")), "nothing ran again");
    }

    @Test
    void anInstallationOutsideTheProceduresRangeIsRefusedWithTheReason() throws Exception {
        Files.writeString(site.resolve("VERSION"), "1.3.0\n");
        CliTests.Run run = upbook(run());
        assertEquals(ExitCode.NO_PATH.code(), run.exitCode(), run.out() + run.err());
        assertTrue(run.err().contains("the procedure 'Move the server to new hardware' runs on an installation at >=1.4.0, not at 1.3.0: "
                + "Both servers must run the latest release before the move."), run.err());
        assertFalse(Files.exists(dir.resolve("new/data")), "nothing was done");
    }

    @Test
    void aVersionThatIsNotAReleaseIsRefused() {
        CliTests.Run plan = upbook("plan", playbook.toString(), "--from", "1.5.0");
        assertEquals(ExitCode.NO_PATH.code(), plan.exitCode());
        assertTrue(plan.err().contains("1.5.0 is not one (releases: 1.3.0, 1.4.0)"), plan.err());
    }

    @Test
    void aTargetOtherThanTheInstalledVersionIsAUsageError() {
        CliTests.Run plan = upbook("plan", playbook.toString(), "--from", "1.4.0", "--to", "1.3.0");
        assertEquals(ExitCode.USAGE.code(), plan.exitCode());
        assertTrue(plan.err().contains("this playbook is a procedure ('Move the server to new hardware'): the version stays 1.4.0; "
                + "leave out --to (or give --to 1.4.0)"), plan.err());
        assertEquals(0, upbook("plan", playbook.toString(), "--from", "1.4.0", "--to", "1.4.0").exitCode());
    }

    @Test
    void anUpgradePlaybookStillNeedsTo() throws Exception {
        Path upgrade = dir.resolve("upgrade.playbook.yaml");
        Files.writeString(upgrade, """
                upbook: 1
                product: { name: chat }
                versions:
                  releases: [1.3.0, 1.4.0]
                edges:
                  - { from: 1.3.0, to: 1.4.0 }
                """);
        CliTests.Run plan = upbook("plan", upgrade.toString(), "--from", "1.3.0");
        assertEquals(ExitCode.USAGE.code(), plan.exitCode());
        assertTrue(plan.err().contains("missing --to: the version to upgrade to"), plan.err());
        CliTests.Run run = upbook("run", upgrade.toString(), "--from", "1.3.0", "--state", dir.resolve("j.db").toString());
        assertEquals(ExitCode.USAGE.code(), run.exitCode());
        assertTrue(run.err().contains("missing --to: the version to upgrade to"), run.err());
    }
}
