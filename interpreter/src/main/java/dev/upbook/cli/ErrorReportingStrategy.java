package dev.upbook.cli;

import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Runs the chosen subcommand like picocli's {@link CommandLine.RunLast}, and reports an
 * {@link Error} it throws as an internal error. picocli hands only {@link Exception}s to the
 * {@link ExecutionErrorHandler}; an Error would otherwise leave {@code execute} as a raw stack trace.
 */
final class ErrorReportingStrategy implements CommandLine.IExecutionStrategy {
    private final CommandLine.IExecutionStrategy delegate = new CommandLine.RunLast();

    @Override
    public int execute(ParseResult parseResult) {
        try {
            return delegate.execute(parseResult);
        } catch (Error e) {
            CommandLine cmd = parseResult.commandSpec().commandLine();
            return InternalErrors.report(e, cmd.getErr(), UpbookCommand.debugRequested(parseResult));
        }
    }
}
