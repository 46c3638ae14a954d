package dev.upbook.playbooks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A halt at every step boundary: {@code run}, then {@code resume} again and again, each process with
 * {@code UPBOOK_CRASH_AT=after-finish:1}, so that each one halts (as kill -9 would) right after it
 * journals the end of its first step, until a process ends otherwise.
 */
public final class CrashDrills {
    /** The exit status of a halted process (SIGKILL's). */
    public static final int HALTED = 137;

    private CrashDrills() {}

    /**
     * @param halts how many processes halted (steps ended, one per process)
     * @param exitCode the last process's exit code
     * @param output the last process's stdout and stderr
     */
    public record Result(int halts, int exitCode, String output) {}

    /** Runs {@code run}, then {@code resume --yes}, each halting after one step, until a process ends otherwise. */
    public static Result haltAtEveryBoundary(Path dir, Map<String, String> env, List<String> run, int maxProcesses)
            throws IOException, InterruptedException {
        Map<String, String> drill = new HashMap<>(env);
        drill.put("UPBOOK_CRASH_AT", "after-finish:1");
        UpbookProcess last = UpbookProcess.start(dir, drill, run); // with the shared class-data archive: a faster start
        int exit = last.await();
        int halts = 0;
        while (exit == HALTED) {
            halts++;
            if (halts >= maxProcesses) throw new AssertionError("still halting after " + halts + " processes:\n" + last.transcript());
            last = UpbookProcess.start(dir, drill, List.of("resume", "--yes"));
            exit = last.await();
        }
        return new Result(halts, exit, last.transcript());
    }
}
