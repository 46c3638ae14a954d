package dev.upbook.cli;

import java.io.PrintWriter;

/**
 * Reports a failure that is a bug in upbook (any exception a command did not expect, or an
 * {@link Error} such as {@link StackOverflowError}) as one line on stderr, never as a raw JVM stack
 * trace: {@code upbook: internal error: IllegalStateException: boom (run with --debug for details;
 * please report it)}. With {@code --debug} the stack trace follows the line.
 */
final class InternalErrors {
    private InternalErrors() {}

    /** Prints the report and returns {@link ExitCode#SOFTWARE}'s code. */
    static int report(Throwable failure, PrintWriter err, boolean debug) {
        err.println("upbook: " + line(failure, debug));
        if (debug) failure.printStackTrace(err);
        err.flush();
        return ExitCode.SOFTWARE.code();
    }

    static String line(Throwable failure, boolean debug) {
        String what = "internal error: " + name(failure)
                + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
        return what + (debug ? " (please report it)" : " (run with --debug for details; please report it)");
    }

    /** The simple name; anonymous and local classes have none, so they fall back to the full name. */
    private static String name(Throwable failure) {
        String simple = failure.getClass().getSimpleName();
        return simple.isEmpty() ? failure.getClass().getName() : simple;
    }
}
