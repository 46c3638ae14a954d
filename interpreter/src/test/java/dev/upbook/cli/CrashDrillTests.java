package dev.upbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.upbook.run.CrashDrill;
import dev.upbook.run.Executor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code UPBOOK_CRASH_AT}: real upbook processes that halt at a chosen point of a step, then resume. */
class CrashDrillTests {
    @TempDir
    Path dir;

    private Path playbook;

    @BeforeEach
    void playbook() throws Exception {
        Files.createDirectories(dir.resolve("site"));
        playbook = dir.resolve("drill.playbook.yaml");
        Files.writeString(playbook, """
                upbook: 1
                product: { name: drill }
                versions:
                  releases: [1.0.0, 2.0.0]
                edges:
                  - from: 1.0.0
                    to: 2.0.0
                    steps:
                      - id: one
                        type: file.write
                        with: { path: "site/one", content: "1\\n" }
                      - id: count
                        type: exec
                        after: [one]
                        with: { argv: [sh, -c, "echo x >> site/count"] }
                      - id: three
                        type: file.write
                        after: [count]
                        with: { path: "site/three", content: "3\\n" }
                """);
    }

    private Upbooks.Started upbook(Map<String, String> env, String... args) throws Exception {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("UPBOOK_STATE_DIR", dir.resolve("state").toString());
        return Upbooks.run(dir, all, args);
    }

    @Test
    void haltingAtEveryStepBoundaryAndResumingDoesEveryStepOnce() throws Exception {
        Map<String, String> drill = Map.of(CrashDrill.VARIABLE, "after-finish:1");
        Upbooks.Started first = upbook(drill, "run", playbook.toString(), "--from", "1.0.0", "--to", "2.0.0");
        assertEquals(CrashDrill.EXIT_STATUS, first.process().exitValue(), first.out() + first.err());
        assertTrue(first.err().contains("upbook: crash drill (UPBOOK_CRASH_AT): halting at after-finish of 1.0.0..2.0.0/one"), first.err());
        assertTrue((first.out() + first.err()).contains("crash drill armed: UPBOOK_CRASH_AT=after-finish:1"), "the operator is warned");
        int processes = 1;
        Upbooks.Started last = first;
        while (last.process().exitValue() == CrashDrill.EXIT_STATUS && processes < 10) {
            last = upbook(drill, "resume");
            processes++;
        }
        assertEquals(0, last.process().exitValue(), last.out() + last.err());
        assertEquals(4, processes, "one process per step, and the last one finds nothing left but the end");
        assertEquals("x\n", Files.readString(dir.resolve("site/count")), "the non-idempotent step ran once");
        assertEquals("3\n", Files.readString(dir.resolve("site/three")));
    }

    @Test
    void haltingAfterAStepsWorkLeavesItInDoubtForTheOperator() throws Exception {
        Upbooks.Started first = upbook(Map.of(CrashDrill.VARIABLE, "after-run:2"), "run", playbook.toString(), "--from", "1.0.0", "--to", "2.0.0");
        assertEquals(CrashDrill.EXIT_STATUS, first.process().exitValue(), first.out() + first.err());
        assertEquals("x\n", Files.readString(dir.resolve("site/count")), "the step did its work before the halt");

        Upbooks.Started resume = upbook(Map.of(), "resume");
        assertEquals(ExitCode.DECISION_NEEDED.code(), resume.process().exitValue(), resume.out() + resume.err());
        assertTrue((resume.out() + resume.err()).contains("upbook mark 1.0.0..2.0.0/count --done"), resume.out() + resume.err());
        assertEquals(0, upbook(Map.of(), "mark", "1.0.0..2.0.0/count", "--done", "--reason", "site/count has the line").process().exitValue());
        Upbooks.Started done = upbook(Map.of(), "resume");
        assertEquals(0, done.process().exitValue(), done.out() + done.err());
        assertEquals("x\n", Files.readString(dir.resolve("site/count")), "not run twice");
    }

    @Test
    void aMalformedDrillIsAUsageErrorAndNothingRuns() throws Exception {
        Upbooks.Started run = upbook(Map.of(CrashDrill.VARIABLE, "after-lunch:1"), "run", playbook.toString(), "--from", "1.0.0", "--to", "2.0.0");
        assertEquals(ExitCode.USAGE.code(), run.process().exitValue());
        assertTrue(run.err().contains("UPBOOK_CRASH_AT=after-lunch:1: expected POINT:N"), run.err());
        assertTrue(Files.notExists(dir.resolve("site/one")));
    }

    @Test
    void theSpecificationIsParsed() {
        PrintStream err = new PrintStream(new ByteArrayOutputStream());
        assertTrue(CrashDrill.parse(null, err).isEmpty());
        assertTrue(CrashDrill.parse(" ", err).isEmpty());
        for (String ok : List.of("before-start:1", "after-start:2", "after-run:10", "after-finish:3")) {
            assertTrue(CrashDrill.parse(ok, err).isPresent(), ok);
        }
        for (String bad : List.of("after-finish", "after-finish:0", "after-finish:-1", "AFTER_FINISH:1", "after-finish:1:2", ":1")) {
            assertThrows(IllegalArgumentException.class, () -> CrashDrill.parse(bad, err), bad);
        }
        CrashDrill drill = CrashDrill.parse("after-finish:2", err).orElseThrow();
        drill.at(Executor.Point.AFTER_RUN, "x"); // another point: not counted, no halt
        drill.at(Executor.Point.AFTER_FINISH, "x"); // the first of two: no halt
    }
}
