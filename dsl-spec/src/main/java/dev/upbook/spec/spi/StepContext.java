package dev.upbook.spec.spi;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * What a step or check sees while it runs. The executor builds one per attempt.
 *
 * <p>Parameters arrive rendered: templates are expanded on the parsed values, expressions
 * (parameters of type expression) are already evaluated to {@link Boolean}s, secrets hold their
 * real value. A step must never print or return a parameter it did not compute itself without
 * passing it through {@link #mask(String)}; the executor masks what it journals and prints as well.
 */
public interface StepContext {

    /** The step instance id, e.g. {@code 6.0.0..6.1.0/migrate}, or a check's path. */
    String instanceId();

    /** The rendered parameters under {@code with:}. */
    Parameters parameters();

    /** The directory relative paths are resolved against (where {@code upbook run} was started). */
    Path workingDirectory();

    /** The step's {@code timeout:}, when it has one; the step should stop its work when it passes. */
    Optional<Duration> timeout();

    /** Whether the operator accepted every confirmation up front ({@code --yes}). */
    boolean assumeYes();

    /**
     * Asks the operator a question on the terminal; empty when there is no terminal (a
     * non-interactive run), in which case the step must use a pre-given answer or fail.
     */
    Optional<String> ask(String question);

    /** Progress from inside a long step (one line); the executor masks it and shows it. */
    void progress(String line);

    /** Replaces every secret value in {@code text} with a mask. */
    String mask(String text);

    /** Values registered by earlier steps ({@code vars}), read-only. */
    Map<String, Object> vars();

    /**
     * True once the operator asked the run to stop (SIGINT/SIGTERM); long steps that can stop
     * at a safe point (between batches) should do so and report {@link StepResult#stopped}.
     */
    boolean stopRequested();

    /**
     * Registers a running child process so that a second signal kills it and its descendants;
     * call {@link #processEnded(ProcessHandle)} when it ends.
     */
    void processStarted(ProcessHandle process);

    void processEnded(ProcessHandle process);

    /**
     * Environment variables that every program the step starts must get. upbook marks a step's
     * programs with them so that, after upbook itself was killed, a resume can tell that a program
     * of the interrupted step is still running (and wait for the operator instead of starting the
     * step again next to it).
     */
    default Map<String, String> processEnvironment() {
        return Map.of();
    }

    /** The last checkpoint this step saved in the journal (for resumable work), if any. */
    Optional<String> checkpoint();

    /** Saves a checkpoint durably in the journal before returning (e.g. the last copied key). */
    void saveCheckpoint(String checkpoint);
}
