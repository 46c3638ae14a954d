package dev.upbook.playbooks;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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

    /** @param halts how many processes halted (steps ended, one per process) */
    public record Result(int halts, Upbooks.Started last, List<String> transcripts) {}

    public static Result haltAtEveryBoundary(Path dir, Map<String, String> env, List<String> run, int maxProcesses)
            throws IOException, InterruptedException {
        Map<String, String> drill = new HashMap<>(env);
        drill.put("UPBOOK_CRASH_AT", "after-finish:1");
        List<String> transcripts = new ArrayList<>();
        Upbooks.Started last = Upbooks.start(dir, drill, run);
        last.await(Duration.ofMinutes(2));
        transcripts.add(last.output());
        int halts = 0;
        while (last.exitCode() == HALTED) {
            halts++;
            if (halts >= maxProcesses) throw new AssertionError("still halting after " + halts + " processes:\n" + last.output());
            last = Upbooks.start(dir, drill, List.of("resume", "--yes"));
            last.await(Duration.ofMinutes(2));
            transcripts.add(last.output());
        }
        return new Result(halts, last, transcripts);
    }
}
