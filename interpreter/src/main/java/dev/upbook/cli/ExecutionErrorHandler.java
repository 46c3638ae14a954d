package dev.upbook.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Reports an exception thrown by a command as one line on stderr, {@code upbook: <message>}.
 * The stack trace follows only with {@code --debug}; an unexpected exception says how to get it.
 */
final class ExecutionErrorHandler implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        boolean debug = UpbookCommand.debugRequested(parseResult);
        ExitCode exitCode = ExceptionExitCodes.exitCode(ex);
        err.println("upbook: " + message(ex, exitCode, debug));
        if (debug) ex.printStackTrace(err);
        err.flush();
        return exitCode.code();
    }

    private static String message(Exception ex, ExitCode exitCode, boolean debug) {
        if (ex instanceof CommandException) return ex.getMessage();
        if (ex instanceof IOException io) return IoMessages.describe(io);
        if (ex instanceof UncheckedIOException io) return IoMessages.describe(io.getCause());
        String text = "internal error: " + ex;
        return debug || exitCode != ExitCode.SOFTWARE ? text : text + " (run again with --debug for the stack trace)";
    }
}
