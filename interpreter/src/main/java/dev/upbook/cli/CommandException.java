package dev.upbook.cli;

import java.util.Objects;

/**
 * An expected failure of a command: the message is shown to the user as one line
 * ({@code upbook: <message>}) and the process ends with {@link #exitCode()}. Say what failed,
 * show the values involved and name the next action.
 */
public final class CommandException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ExitCode exitCode;

    public CommandException(ExitCode exitCode, String message) {
        this(exitCode, message, null);
    }

    public CommandException(ExitCode exitCode, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.exitCode = Objects.requireNonNull(exitCode, "exitCode");
    }

    public ExitCode exitCode() {
        return exitCode;
    }
}
