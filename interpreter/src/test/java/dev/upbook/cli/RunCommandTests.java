package dev.upbook.cli;

import static dev.upbook.cli.CliTests.upbook;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.upbook.journal.Journal;
import dev.upbook.journal.Journals;
import dev.upbook.journal.Owners;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run, resume, status, history, mark, unlock and abandon commands, in-process. */
class RunCommandTests {

    @TempDir
    Path dir;
    String playbook;
    String state;

    @BeforeEach
    void setUp() throws Exception {
        state = dir.resolve("journal.db").toString();
        playbook = Files.writeString(dir.resolve("app.playbook.yaml"), """
                upbook: 1
                product: { name: app }
                versions:
                  releases: [1.0.0, 1.1.0]
                inputs:
                  dir: { type: path }
                  token: { secret: true, env: RUN_COMMAND_TESTS_UNSET_VARIABLE }
                preconditions:
                  - id: dir-exists
                    check: { type: file.assert, with: { path: "{{ inputs.dir }}", kind: directory } }
                    message: "create {{ inputs.dir }} first"
                edges:
                  - from: 1.0.0
                    to: 1.1.0
                    steps:
                      - id: one
                        type: exec
                        with: { argv: [sh, -c, 'echo one >> effects.log', "{{ inputs.token }}"], cwd: "{{ inputs.dir }}" }
                      - id: two
                        type: exec
                        after: [one]
                        with: { argv: [sh, -c, 'echo two >> effects.log'], cwd: "{{ inputs.dir }}" }
                """).toString();
    }

    private List<String> args(String... extra) {
        List<String> a = new ArrayList<>(List.of("run", playbook, "--from", "1.0.0", "--to", "1.1.0", "--state", state,
                "--var", "dir=" + dir, "--var", "token=tok-SECRET-42"));
        a.addAll(List.of(extra));
        return a;
    }

    private CliTests.Run run(String... extra) {
        return upbook(args(extra).toArray(String[]::new));
    }

    private List<String> effects() throws Exception {
        Path log = dir.resolve("effects.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    @Test
    void dryRunRendersEveryStepWithSecretsMaskedAndExecutesNothing() throws Exception {
        CliTests.Run r = run("--dry-run");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("1.0.0..1.1.0/one"), r.out());
        assertTrue(r.out().contains("cwd: " + dir), r.out());
        assertTrue(r.out().contains("******"), r.out());
        assertFalse(r.out().contains("tok-SECRET-42"), r.out());
        assertEquals(List.of(), effects());
        assertFalse(Files.exists(Path.of(state)), "a dry run writes no journal");
    }

    @Test
    void aFailedPreconditionListsItsMessageAndRunsNothing() throws Exception {
        CliTests.Run r = upbook("run", playbook, "--from", "1.0.0", "--to", "1.1.0", "--state", state,
                "--var", "dir=" + dir.resolve("missing"), "--var", "token=tok-123456");
        assertEquals(ExitCode.PRECONDITION_FAILED.code(), r.exitCode());
        assertTrue(r.err().contains("dir-exists") && r.err().contains("create " + dir.resolve("missing") + " first"), r.err());
        assertEquals(List.of(), effects());
    }

    @Test
    void inputProblemsAreUsageErrorsListedAtOnce() {
        CliTests.Run r = upbook("run", playbook, "--from", "1.0.0", "--to", "1.1.0", "--state", state, "--var", "dri=x");
        assertEquals(ExitCode.USAGE.code(), r.exitCode());
        assertTrue(r.err().contains("did you mean 'dir'?"), r.err());
        assertTrue(r.err().contains("input 'token' has no value"), r.err());
    }

    @Test
    void withoutFromDetectOrJournalTheInstalledVersionIsAsked() {
        CliTests.Run r = upbook("run", playbook, "--to", "1.1.0", "--state", state, "--var", "dir=" + dir, "--var", "token=tok-123456");
        assertEquals(ExitCode.USAGE.code(), r.exitCode());
        assertTrue(r.err().contains("give --from"), r.err());
    }

    @Test
    void markDoneIsJournaledAndResumeSkipsTheStep() throws Exception {
        assertEquals(ExitCode.STOPPED.code(), run("--max-steps", "1").exitCode());
        CliTests.Run unknown = upbook("mark", "1.0.0..1.1.0/tow", "--done", "--reason", "x", "--state", state);
        assertEquals(ExitCode.USAGE.code(), unknown.exitCode());
        assertTrue(unknown.err().contains("did you mean '1.0.0..1.1.0/two'?"), unknown.err());
        CliTests.Run mark = upbook("mark", "1.0.0..1.1.0/two", "--done", "--reason", "did it by hand", "--state", state);
        assertEquals(0, mark.exitCode(), mark.err());
        CliTests.Run resume = upbook("resume", "--state", state, "--var", "token=tok-123456");
        assertEquals(0, resume.exitCode(), resume.err());
        assertEquals(List.of("one"), effects(), "the step marked done was not run");
        CliTests.Run status = upbook("status", "--state", state);
        assertTrue(status.out().contains("mark done 1.0.0..1.1.0/two by"), status.out());
        assertTrue(status.out().contains("did it by hand"), status.out());
        CliTests.Run history = upbook("history", "--state", state);
        assertTrue(history.out().contains("#1") && history.out().contains("complete"), history.out());
    }

    @Test
    void unlockFreesOnlyWithForceWhileTheHolderLooksAliveAndJournalsIt() throws Exception {
        try (Journal journal = Journals.open(state)) {
            journal.acquire("default", Owners.current(), Duration.ofMinutes(5));
        }
        CliTests.Run busy = run();
        assertEquals(ExitCode.LOCKED.code(), busy.exitCode());
        assertTrue(busy.err().contains("locked by"), busy.err());
        CliTests.Run refused = upbook("unlock", "--reason", "stuck", "--state", state);
        assertEquals(ExitCode.LOCKED.code(), refused.exitCode(), refused.out());
        assertTrue(refused.err().contains("--force"), refused.err());
        CliTests.Run forced = upbook("unlock", "--force", "--reason", "the operator left", "--state", state);
        assertEquals(0, forced.exitCode(), forced.err());
        assertTrue(forced.out().contains("Freed the lock"), forced.out());
        assertEquals("Installation 'default' is not locked.\n", upbook("unlock", "--reason", "x", "--state", state).out());
        assertEquals(0, run().exitCode());
        assertEquals(List.of("one", "two"), effects());
    }

    @Test
    void abandonGivesUpAnUnfinishedRunSoThatANewOneMayStart() throws Exception {
        assertEquals(ExitCode.STOPPED.code(), run("--max-steps", "1").exitCode());
        CliTests.Run blocked = run();
        assertEquals(ExitCode.DECISION_NEEDED.code(), blocked.exitCode());
        assertTrue(blocked.err().contains("upbook abandon"), blocked.err());
        assertEquals(0, upbook("abandon", "--reason", "starting over", "--state", state).exitCode());
        assertEquals(ExitCode.USAGE.code(), upbook("resume", "--state", state).exitCode(), "an abandoned run cannot be resumed");
        assertEquals(0, run().exitCode());
        assertEquals(List.of("one", "one", "two"), effects());
    }

    @Test
    void ndjsonProgressIsOneJsonEventPerLine() throws Exception {
        CliTests.Run r = run("--output", "ndjson");
        assertEquals(0, r.exitCode(), r.err());
        List<String> events = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : r.out().split("\n")) {
            JsonNode event = json.readTree(line);
            events.add(event.get("event").asText());
            assertFalse(line.contains("tok-SECRET-42"));
        }
        assertEquals("run-started", events.get(events.indexOf("run-started")));
        assertEquals("run-ended", events.get(events.size() - 1));
        assertEquals(2, events.stream().filter("step-ended"::equals).count(), events.toString());
    }
}
