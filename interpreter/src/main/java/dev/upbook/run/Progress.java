package dev.upbook.run;

import java.time.Duration;

/**
 * What an operator (or a machine) sees while a run executes. The executor masks every text
 * before it gets here. Implementations: {@link LineProgress} (a live line per step on a terminal,
 * plain lines otherwise) and {@link NdjsonProgress} (one JSON event per line).
 */
public interface Progress {

    /** A line of information outside a step (preconditions, lock, plan summary, decisions). */
    void info(String line);

    /** A warning or problem outside a step. */
    void warn(String line);

    void runStarted(long runId, String installation, String from, String to, String planHash, int steps, boolean resumed);

    /** @param index 1-based position in the plan, {@code total} the plan's size */
    void stepStarted(String instanceId, String title, int index, int total, int attempt);

    /** A line of progress from inside the running step. */
    void stepProgress(String instanceId, String line);

    /** @param state the journal state the step ended in (succeeded, failed, skipped, pending) */
    void stepEnded(String instanceId, String state, Duration elapsed, String message);

    void runEnded(Outcome outcome);
}
