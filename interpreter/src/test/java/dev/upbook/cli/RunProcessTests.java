package dev.upbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code upbook run} as a real process: killed with SIGKILL at several points and resumed, raced
 * by several processes on one installation, and searched byte by byte for a secret.
 */
class RunProcessTests {

    /** Each step appends its name to effects.log; guarded steps look for their line first. */
    static final String PLAYBOOK = """
            upbook: 1
            product: { name: app, title: App }
            versions:
              scheme: semver
              releases: [1.0.0, 1.1.0, 1.2.0]
            pre:
              - id: s1
                type: exec
                with: { argv: [sh, -c, "echo s1 >> effects.log"] }
                guard: { type: exec, with: { argv: [grep, -qx, s1, effects.log] } }
              - id: long
                type: exec
                after: [s1]
                with: { argv: [sh, -c, "echo long-start >> trace.log; sleep 1; echo long >> effects.log"] }
                guard: { type: exec, with: { argv: [grep, -qx, long, effects.log] } }
            rules:
              - id: minors
                sequence: minor
                within: ">=1.0.0 <2.0.0"
                steps:
                  - id: migrate
                    type: exec
                    with: { argv: [sh, -c, "echo m-{{ edge.to }} >> effects.log"] }
                    guard: { type: exec, with: { argv: [grep, -qx, "m-{{ edge.to }}", effects.log] } }
            post:
              - id: plain
                type: exec
                with: { argv: [sh, -c, "echo plain >> effects.log"] }
              - id: last
                type: exec
                after: [plain]
                with: { argv: [sh, -c, "echo last >> effects.log"] }
                idempotent: true
            """;

    static final List<String> EFFECTS = List.of("s1", "long", "m-1.1.0", "m-1.2.0", "plain", "last");

    @TempDir
    Path dir;

    private String[] run(String... extra) {
        List<String> args = new ArrayList<>(List.of("run", "playbook.yaml", "--from", "1.0.0", "--to", "1.2.0",
                "--state", "journal.db", "--installation", "site"));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    private static final String[] RESUME = {"resume", "--state", "journal.db", "--installation", "site"};

    private List<String> effects() throws IOException {
        Path log = dir.resolve("effects.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    private JsonNode status() throws Exception {
        Upbooks.Started s = Upbooks.run(dir, Map.of(), "status", "--state", "journal.db", "--installation", "site", "--format", "json");
        return new ObjectMapper().readTree(s.out());
    }

    @Test
    void anUninterruptedRunDoesEveryStepOnceAndASecondRunDoesNothing() throws Exception {
        Files.writeString(dir.resolve("playbook.yaml"), PLAYBOOK);
        Upbooks.Started first = Upbooks.run(dir, Map.of(), run());
        assertEquals(0, first.process().exitValue(), first.out() + first.err());
        assertEquals(EFFECTS, effects());
        Upbooks.Started again = Upbooks.run(dir, Map.of(), run());
        assertEquals(0, again.process().exitValue(), again.out() + again.err());
        assertTrue(again.out().contains("already completed"), again.out());
        assertEquals(EFFECTS, effects());
        JsonNode status = status();
        assertEquals("complete", status.get("status").asText());
        for (JsonNode step : status.get("steps")) assertEquals("succeeded", step.get("state").asText(), step.toString());
    }

    /**
     * Kills {@code upbook run} with SIGKILL once {@code effects.log} has {@code lines} lines (0: inside
     * the long step, after it printed long-start), then resumes until done.
     */
    @ParameterizedTest(name = "kill -9 after {0} effects")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5})
    void killNineAtAnyPointThenResumeDoesEveryEffectExactlyOnce(int lines) throws Exception {
        Files.writeString(dir.resolve("playbook.yaml"), PLAYBOOK);
        Upbooks.Started running = Upbooks.start(dir, Map.of(), run());
        Path trace = dir.resolve("trace.log");
        if (lines == 0) {
            Upbooks.waitUntil(Duration.ofSeconds(60), "the long step to start", () -> Files.exists(trace));
        } else {
            Upbooks.waitUntil(Duration.ofSeconds(60), lines + " effects", () -> {
                try {
                    return effects().size() >= lines || !running.process().isAlive();
                } catch (IOException e) {
                    return false;
                }
            });
        }
        List<ProcessHandle> children = running.process().descendants().toList();
        running.kill9();
        // a child the killed upbook left behind (the long step's shell) finishes on its own; wait for it
        for (ProcessHandle child : children) child.onExit().get();

        int exit = -1;
        for (int i = 0; i < 5 && exit != 0; i++) {
            Upbooks.Started resumed = Upbooks.run(dir, Map.of(), RESUME);
            exit = resumed.process().exitValue();
            if (exit == ExitCode.DECISION_NEEDED.code()) {
                // the operator checks the installation: the unguarded step's line tells whether it ran
                JsonNode doubtful = null;
                for (JsonNode s : status().get("steps")) if (s.get("state").asText().equals("running")) doubtful = s;
                assertTrue(doubtful != null, resumed.out() + resumed.err());
                String id = doubtful.get("step").asText();
                String name = id.substring(id.lastIndexOf('/') + 1);
                boolean ran = effects().contains(name);
                Upbooks.Started mark = Upbooks.run(dir, Map.of(), "mark", id, ran ? "--done" : "--retry", "--reason", "checked effects.log",
                        "--state", "journal.db", "--installation", "site");
                assertEquals(0, mark.process().exitValue(), mark.out() + mark.err());
            } else {
                assertEquals(0, exit, resumed.out() + resumed.err());
            }
        }
        assertEquals(0, exit);
        // 'last' is idempotent: killed after its effect and before its end was journaled, it runs again
        List<String> effects = new ArrayList<>(effects());
        while (effects.size() > EFFECTS.size() && effects.get(effects.size() - 1).equals("last")) effects.remove(effects.size() - 1);
        assertEquals(EFFECTS, effects, "every non-idempotent effect exactly once, in order");
        JsonNode status = status();
        assertEquals("complete", status.get("status").asText());
        for (JsonNode step : status.get("steps")) assertEquals("succeeded", step.get("state").asText(), step.toString());
    }

    @Test
    void concurrentRunsOnOneInstallationLetExactlyOneProceedAndTheOthersNameTheHolder() throws Exception {
        Files.writeString(dir.resolve("playbook.yaml"), """
                upbook: 1
                product: { name: app }
                versions:
                  releases: [1.0.0, 1.1.0]
                edges:
                  - from: 1.0.0
                    to: 1.1.0
                    steps:
                      - id: slow
                        type: exec
                        with: { argv: [sh, -c, "echo slow >> effects.log; sleep 5"] }
                """);
        List<Upbooks.Started> all = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            all.add(Upbooks.start(dir, Map.of(), "run", "playbook.yaml", "--from", "1.0.0", "--to", "1.1.0", "--state", "journal.db",
                    "--installation", "site"));
        }
        int ok = 0;
        int locked = 0;
        for (Upbooks.Started s : all) {
            int code = s.await(Duration.ofMinutes(2));
            if (code == 0) ok++;
            if (code == ExitCode.LOCKED.code()) {
                locked++;
                assertTrue(s.err().contains("locked by") && s.err().contains("pid"), s.err());
            }
        }
        assertEquals(1, ok, "exactly one run proceeds");
        assertEquals(5, locked, "the others exit with the locked code");
        assertEquals(List.of("slow"), effects());
    }

    @Test
    void aKilledHoldersLockIsDetectedAndTakenOverOnlyByResumeWithANotice() throws Exception {
        Files.writeString(dir.resolve("playbook.yaml"), """
                upbook: 1
                product: { name: app }
                versions:
                  releases: [1.0.0, 1.1.0]
                edges:
                  - from: 1.0.0
                    to: 1.1.0
                    steps:
                      - id: slow
                        type: exec
                        with: { argv: [sh, -c, "echo slow >> effects.log; sleep 2"] }
                        idempotent: true
                """);
        Upbooks.Started holder = Upbooks.start(dir, Map.of(), "run", "playbook.yaml", "--from", "1.0.0", "--to", "1.1.0",
                "--state", "journal.db", "--installation", "site");
        Upbooks.waitUntil(Duration.ofSeconds(60), "the step to start", () -> Files.exists(dir.resolve("effects.log")));
        List<ProcessHandle> children = holder.process().descendants().toList();
        holder.kill9();
        for (ProcessHandle child : children) child.onExit().get();

        Upbooks.Started again = Upbooks.run(dir, Map.of(), "run", "playbook.yaml", "--from", "1.0.0", "--to", "1.1.0",
                "--state", "journal.db", "--installation", "site");
        assertEquals(ExitCode.DECISION_NEEDED.code(), again.process().exitValue(), again.out() + again.err());
        assertTrue(again.out().contains("took over the lock"), again.out());
        assertTrue((again.out() + again.err()).contains("upbook resume"), again.out() + again.err());
        Upbooks.Started resumed = Upbooks.run(dir, Map.of(), RESUME);
        assertEquals(0, resumed.process().exitValue(), resumed.out() + resumed.err());
        JsonNode status = status();
        boolean takeover = false;
        for (JsonNode d : status.get("decisions")) takeover |= d.get("kind").asText().equals("lock taken over");
        assertTrue(takeover, status.toString());
    }

    @Test
    void aSecretNeverAppearsInOutputJournalOrStatus() throws Exception {
        String secret = "hunter2-S3cr3t-value";
        Files.writeString(dir.resolve("playbook.yaml"), """
                upbook: 1
                product: { name: app }
                versions:
                  releases: [1.0.0, 1.1.0]
                inputs:
                  pw: { secret: true, env: APP_PASSWORD }
                preconditions:
                  - id: pw-given
                    check: { type: assert, with: { that: "inputs.pw | length > 3" } }
                edges:
                  - from: 1.0.0
                    to: 1.1.0
                    steps:
                      - id: echo
                        type: exec
                        with: { argv: [sh, -c, 'echo "the password is $0"; echo "again $0" >&2', "{{ inputs.pw }}"] }
                        register: echoed
                      - id: use
                        type: exec
                        after: [echo]
                        with: { argv: [sh, -c, 'echo "$0"; exit 3', "{{ vars.echoed.stdout }}"] }
                        on-failure: continue
                """);
        Map<String, String> env = Map.of("APP_PASSWORD", secret);
        Upbooks.Started dry = Upbooks.run(dir, env, "run", "playbook.yaml", "--from", "1.0.0", "--to", "1.1.0", "--dry-run");
        Upbooks.Started ran = Upbooks.run(dir, env, "run", "playbook.yaml", "--from", "1.0.0", "--to", "1.1.0", "--state", "journal.db",
                "--installation", "site", "--output", "ndjson");
        assertEquals(0, ran.process().exitValue(), ran.out() + ran.err());
        Upbooks.Started status = Upbooks.run(dir, env, "status", "--state", "journal.db", "--installation", "site");
        Upbooks.Started json = Upbooks.run(dir, env, "status", "--state", "journal.db", "--installation", "site", "--format", "json");
        Upbooks.Started history = Upbooks.run(dir, env, "history", "--state", "journal.db", "--installation", "site");
        byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals("playbook.yaml")).toList();
        }
        assertTrue(files.stream().anyMatch(p -> p.getFileName().toString().equals("journal.db")), files.toString());
        boolean maskedSomewhere = false;
        for (Path f : files) {
            byte[] bytes = Files.readAllBytes(f);
            assertFalse(contains(bytes, needle), "the secret is in " + f.getFileName());
            maskedSomewhere |= f.getFileName().toString().startsWith("journal.db") && contains(bytes, "******".getBytes(StandardCharsets.UTF_8));
        }
        assertTrue(maskedSomewhere, "the registered output was journaled, masked");
        for (Upbooks.Started s : List.of(dry, status, json, history)) {
            assertFalse(s.out().contains(secret) || s.err().contains(secret));
        }
    }

    static final String SLOW = """
            upbook: 1
            product: { name: app }
            versions:
              releases: [1.0.0, 1.1.0]
            edges:
              - from: 1.0.0
                to: 1.1.0
                steps:
                  - id: slow
                    type: exec
                    with: { argv: [sh, -c, "echo started >> trace.log; sleep %s; echo slow >> effects.log"] }
                  - id: next
                    type: exec
                    after: [slow]
                    with: { argv: [sh, -c, "echo next >> effects.log"] }
            """;

    @Test
    void sigtermLetsTheCurrentStepFinishAndBeRecordedThenResumeContinues() throws Exception {
        Files.writeString(dir.resolve("playbook.yaml"), SLOW.formatted("2"));
        Upbooks.Started running = Upbooks.start(dir, Map.of(), "run", "playbook.yaml", "--from", "1.0.0", "--to", "1.1.0",
                "--state", "journal.db", "--installation", "site");
        Upbooks.waitUntil(Duration.ofSeconds(60), "the slow step to start", () -> Files.exists(dir.resolve("trace.log")));
        running.process().destroy(); // SIGTERM
        assertEquals(ExitCode.STOPPED.code(), running.await(Duration.ofMinutes(1)), running.out() + running.err());
        assertEquals(List.of("slow"), effects(), "the step in progress finished; the next did not start");
        JsonNode status = status();
        assertEquals("stopped", status.get("status").asText());
        assertEquals("succeeded", status.get("steps").get(0).get("state").asText());
        assertEquals("pending", status.get("steps").get(1).get("state").asText());
        Upbooks.Started resumed = Upbooks.run(dir, Map.of(), RESUME);
        assertEquals(0, resumed.process().exitValue(), resumed.out() + resumed.err());
        assertEquals(List.of("slow", "next"), effects());
    }

    @Test
    void aSecondSignalKillsTheStepsProcessesAndLeavesTheStepInDoubt() throws Exception {
        Files.writeString(dir.resolve("playbook.yaml"), SLOW.formatted("60"));
        Upbooks.Started running = Upbooks.start(dir, Map.of(), "run", "playbook.yaml", "--from", "1.0.0", "--to", "1.1.0",
                "--state", "journal.db", "--installation", "site");
        Upbooks.waitUntil(Duration.ofSeconds(60), "the slow step to start", () -> Files.exists(dir.resolve("trace.log")));
        List<ProcessHandle> children = running.process().descendants().toList();
        assertFalse(children.isEmpty());
        running.process().destroy();
        Upbooks.waitUntil(Duration.ofSeconds(30), "the first stop request to be noticed",
                () -> Upbooks.read(running.stdout()).contains("stop requested"));
        running.process().destroy();
        assertEquals(ExitCode.STOPPED.code(), running.await(Duration.ofSeconds(30)), running.out() + running.err());
        for (ProcessHandle child : children) {
            Upbooks.waitUntil(Duration.ofSeconds(10), "child " + child.pid() + " to be killed", () -> gone(child));
        }
        assertEquals(List.of(), effects());
        assertEquals("running", status().get("steps").get(0).get("state").asText(), "in doubt: the step was killed mid-way");
        Upbooks.Started resumed = Upbooks.run(dir, Map.of(), RESUME);
        assertEquals(ExitCode.DECISION_NEEDED.code(), resumed.process().exitValue(), resumed.out() + resumed.err());
    }

    @Test
    void resumeWaitsWhileAProgramOfTheKilledRunIsStillRunning() throws Exception {
        Files.writeString(dir.resolve("playbook.yaml"), """
                upbook: 1
                product: { name: app }
                versions:
                  releases: [1.0.0, 1.1.0]
                edges:
                  - from: 1.0.0
                    to: 1.1.0
                    steps:
                      - id: long
                        type: exec
                        with: { argv: [sh, -c, "echo started >> trace.log; sleep 4; echo long >> effects.log"] }
                        guard: { type: exec, with: { argv: [grep, -qx, long, effects.log] } }
                """);
        Upbooks.Started running = Upbooks.start(dir, Map.of(), "run", "playbook.yaml", "--from", "1.0.0", "--to", "1.1.0",
                "--state", "journal.db", "--installation", "site");
        Upbooks.waitUntil(Duration.ofSeconds(60), "the long step to start", () -> Files.exists(dir.resolve("trace.log")));
        List<ProcessHandle> children = running.process().descendants().toList();
        running.kill9();
        Upbooks.Started early = Upbooks.run(dir, Map.of(), RESUME);
        assertEquals(ExitCode.DECISION_NEEDED.code(), early.process().exitValue(), early.out() + early.err());
        assertTrue(early.err().contains("is still running (pid"), early.err());
        assertEquals(List.of(), effects(), "the orphan has not finished yet, and the step was not started again");
        for (ProcessHandle child : children) child.onExit().get();
        Upbooks.Started later = Upbooks.run(dir, Map.of(), RESUME);
        assertEquals(0, later.process().exitValue(), later.out() + later.err());
        assertEquals(List.of("long"), effects(), "the orphan's effect counts; the guard saw it");
    }

    /** Gone, or a zombie that the container's init has not reaped yet (it no longer runs). */
    private static boolean gone(ProcessHandle p) {
        if (!p.isAlive()) return true;
        try {
            String stat = Files.readString(Path.of("/proc/" + p.pid() + "/stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException e) {
            return true;
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
            return true;
        }
        return false;
    }
}
