package dev.upbook.cli;

/**
 * The exit status of {@code upbook}, a contract for scripts and CI. Never renumber one; add new
 * codes for new outcomes (the sysexits.h range 64–78 is for failures of the tool itself).
 */
public enum ExitCode {
    /** The command did what was asked (lint: no errors; warnings allowed). */
    OK(0, "success; lint: no errors (warnings allowed)"),
    /** A playbook has at least one error diagnostic. */
    LINT_ERRORS(1, "a playbook has errors"),
    /** The command line is wrong: unknown option, missing argument, a path that does not exist. */
    USAGE(2, "usage error: unknown option, missing argument, no such file"),
    /** The playbook has no upgrade path between the requested versions. */
    NO_PATH(3, "no upgrade path between the requested versions"),
    /** run/resume: a step failed and the run stopped (or its recovery ran); 'upbook status' shows which. */
    STEP_FAILED(4, "run: a step failed; the run stopped"),
    /** run: a precondition failed; nothing was executed. */
    PRECONDITION_FAILED(5, "run: a precondition failed; nothing was executed"),
    /** run/resume: the operator must decide (a step in doubt, an irreversible step without --yes, drift, an unfinished run). */
    DECISION_NEEDED(6, "run: the operator must decide (upbook mark, --yes, --accept-drift)"),
    /** Another run holds the installation's lock. */
    LOCKED(7, "another run holds the installation's lock"),
    /** run/resume: stopped cleanly before the end (--max-steps or a signal); 'upbook resume' continues. */
    STOPPED(8, "run: stopped cleanly before the end; 'upbook resume' continues"),
    /** run/resume/review: every step is done but a blocking review item failed or awaits sign-off. */
    NEEDS_REVIEW(9, "run: every step is done, but the review needs attention ('upbook review sign', 'upbook review')"),
    /** An unexpected internal error: a bug in upbook (sysexits EX_SOFTWARE). */
    SOFTWARE(70, "internal error (a bug in upbook; --debug shows the stack trace)"),
    /** A file could not be read or written (sysexits EX_IOERR). */
    IO_ERROR(74, "a file could not be read or written");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    /** What the code tells a script, as {@code --help} lists it. */
    public String meaning() {
        return meaning;
    }
}
