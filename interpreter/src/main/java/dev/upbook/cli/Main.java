package dev.upbook.cli;

import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine;

/** The {@code upbook} executable. The only place that calls {@link System#exit}. */
public final class Main {

    private Main() {}

    /**
     * True in the {@code upbook} process itself: only then do {@code run} and {@code resume} take over
     * SIGINT and SIGTERM (commands run in-process by tests leave the JVM's signal handling alone).
     */
    static volatile boolean ownsProcess;

    public static void main(String[] args) {
        ownsProcess = true;
        fastProcessLaunch();
        PrintWriter out = utf8(System.out);
        PrintWriter err = utf8(System.err);
        int exitCode = execute(Upbook.commandLine(out, err), args);
        out.flush();
        err.flush();
        System.exit(exitCode);
    }

    /**
     * Runs the command line; whatever escapes it (an Error while parsing, a bug in a handler) is
     * still one line and {@link ExitCode#SOFTWARE}, not a JVM stack trace.
     */
    static int execute(CommandLine cmd, String[] args) {
        try {
            return cmd.execute(args);
        } catch (Throwable t) {
            // no parse result to ask here: a plain look at the arguments will do
            return InternalErrors.report(t, cmd.getErr(), List.of(args).contains(UpbookCommand.DEBUG));
        }
    }

    /**
     * On Linux, starts child processes with vfork: about half the cost of the JDK 17 default
     * (posix_spawn through a helper program), which matters for playbooks with many short
     * {@code exec} steps (see bench/executor). An explicit {@code -Djdk.lang.Process.launchMechanism}
     * wins.
     */
    static void fastProcessLaunch() {
        String property = "jdk.lang.Process.launchMechanism";
        if (System.getProperty(property) == null && System.getProperty("os.name", "").equals("Linux")
                && Runtime.version().feature() <= 21) {
            System.setProperty(property, "VFORK");
        }
    }

    /** UTF-8 whatever the platform default: reports (JSON, SARIF, XML) are UTF-8 by definition. */
    private static PrintWriter utf8(OutputStream stream) {
        return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
    }
}
