package dev.upbook.cli;

import dev.upbook.plugin.PluginPath;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Reports an exception thrown by a command as one line on stderr, {@code upbook: <message>}.
 * The stack trace follows only with {@code --debug}; an unexpected exception is an
 * {@linkplain InternalErrors internal error}.
 */
final class ExecutionErrorHandler implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        boolean debug = UpbookCommand.debugRequested(parseResult);
        ExitCode exitCode = ExceptionExitCodes.exitCode(ex);
        String expected = expectedMessage(ex);
        if (expected == null) return InternalErrors.report(ex, err, debug);
        err.println("upbook: " + expected);
        if (debug) ex.printStackTrace(err);
        err.flush();
        return exitCode.code();
    }

    /** The message of a failure a command anticipates, or null for a bug. */
    private static String expectedMessage(Exception ex) {
        if (ex instanceof CommandException) return ex.getMessage();
        if (ex instanceof PluginPath.PluginPathException) return ex.getMessage();
        if (ex instanceof IOException io) return IoMessages.describe(io);
        if (ex instanceof UncheckedIOException io) return IoMessages.describe(io.getCause());
        return null;
    }
}
