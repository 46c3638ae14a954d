package dev.upbook.run;

import java.util.Optional;

/**
 * How a run (or resume) ended, with what the operator needs to know next.
 *
 * @param runId the journal's run id, when a run was recorded
 * @param message one line (masked)
 */
public record Outcome(Kind kind, Optional<Long> runId, String message) {

    /** The kinds of ending; each has an exit code of its own ({@code dev.upbook.cli.ExitCode}). */
    public enum Kind {
        /** Every step settled, or there was nothing to do. */
        SUCCEEDED,
        /** A step failed and its on-failure aborted the run (or a recovery ran). */
        STEP_FAILED,
        /** At least one precondition failed; nothing ran. */
        PRECONDITION_FAILED,
        /** A step is in doubt, irreversible without --yes, or the playbook drifted: the operator decides. */
        DECISION_NEEDED,
        /** Another run holds the installation's lock. */
        LOCKED,
        /** Stopped cleanly before the end (--max-steps, a signal); resume continues. */
        STOPPED,
        /** Every step is done, but a blocking review item failed or awaits sign-off. */
        NEEDS_REVIEW,
        /** The request itself is wrong: an input, a version, no run to resume. */
        USAGE
    }

    public static Outcome of(Kind kind, long runId, String message) {
        return new Outcome(kind, Optional.of(runId), message);
    }

    public static Outcome of(Kind kind, String message) {
        return new Outcome(kind, Optional.empty(), message);
    }
}
