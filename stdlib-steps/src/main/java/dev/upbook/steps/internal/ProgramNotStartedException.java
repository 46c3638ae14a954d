package dev.upbook.steps.internal;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The operating system refused to start a program: not found, not executable, and so on. */
public final class ProgramNotStartedException extends IOException {
    private static final long serialVersionUID = 1L;
    /** The JDK reports {@code Cannot run program "x": error=2, No such file or directory}. */
    private static final Pattern ERRNO = Pattern.compile("error=(\\d+), (.*)");
    private static final int ENOENT = 2;

    private final String program;
    private final boolean notFound;
    private final String reason;

    private ProgramNotStartedException(String program, boolean notFound, String reason, IOException cause) {
        super(notFound ? "program '" + program + "' not found" : "program '" + program + "' cannot be started: " + reason, cause);
        this.program = program;
        this.notFound = notFound;
        this.reason = reason;
    }

    static ProgramNotStartedException of(String program, IOException cause) {
        String message = String.valueOf(cause.getMessage());
        Matcher m = ERRNO.matcher(message);
        if (m.find()) {
            return new ProgramNotStartedException(program, Integer.parseInt(m.group(1)) == ENOENT, m.group(2), cause);
        }
        return new ProgramNotStartedException(program, false, message, cause);
    }

    public String program() {
        return program;
    }

    /** Whether the program does not exist (as opposed to existing but not being startable). */
    public boolean notFound() {
        return notFound;
    }

    public String reason() {
        return reason;
    }
}
