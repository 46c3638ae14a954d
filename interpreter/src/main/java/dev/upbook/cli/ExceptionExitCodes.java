package dev.upbook.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/** Maps what a command threw to the {@link ExitCode} the process ends with. */
final class ExceptionExitCodes implements CommandLine.IExitCodeExceptionMapper {

    @Override
    public int getExitCode(Throwable exception) {
        return exitCode(exception).code();
    }

    static ExitCode exitCode(Throwable exception) {
        if (exception instanceof CommandException c) return c.exitCode();
        if (exception instanceof CommandLine.ParameterException) return ExitCode.USAGE;
        if (exception instanceof dev.upbook.plugin.PluginPath.PluginPathException) return ExitCode.USAGE;
        if (exception instanceof IOException || exception instanceof UncheckedIOException) return ExitCode.IO_ERROR;
        return ExitCode.SOFTWARE;
    }
}
