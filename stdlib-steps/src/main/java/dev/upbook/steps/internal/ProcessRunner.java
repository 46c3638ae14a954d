package dev.upbook.steps.internal;

import dev.upbook.spec.spi.StepContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteWatchdog;
import org.apache.commons.exec.Executor;
import org.apache.commons.exec.PumpStreamHandler;

/**
 * Runs one program to its end with Apache Commons Exec: output pumped into {@link CappedOutput}s,
 * optional standard input, a watchdog for the timeout that kills the whole process tree, and the
 * process registered with the {@link StepContext} while it runs so that a second Ctrl-C kills it.
 *
 * <p>The argv goes to {@link ProcessBuilder} verbatim: never through a shell, and not through
 * Commons Exec's {@link CommandLine} either, which trims every argument, rewrites backslashes in
 * the program name and expands {@code ${...}}.
 */
public final class ProcessRunner {
    /**
     * How long to keep reading output after the program exited. Its own output is in the pipe by
     * then and drains in microseconds; a background child that inherited the pipes (a daemon
     * started by a script) would keep the step waiting forever.
     */
    private static final Duration PUMP_GRACE = Duration.ofSeconds(1);

    private ProcessRunner() {}

    /**
     * What to run.
     *
     * @param argv the program and its arguments, passed as they are
     * @param environment variables added to the inherited environment
     * @param directory the working directory
     * @param stdin text written to standard input, then closed; null: standard input is closed at once
     * @param timeout null: none
     * @param outputLimit bytes of stdout, and of stderr, kept
     */
    public record Request(List<String> argv, Map<String, String> environment, Path directory, String stdin,
            Duration timeout, int outputLimit) {
        public Request {
            argv = List.copyOf(argv);
            environment = Map.copyOf(environment);
            if (argv.isEmpty() || argv.get(0).isBlank()) throw new IllegalArgumentException("argv needs a program");
        }
    }

    /**
     * How the program ended.
     *
     * @param exitCode the exit code; 128 + N when killed by signal N
     * @param timedOut whether the watchdog killed it
     * @param outputLeftOpen whether a background child still held stdout or stderr open after the exit
     */
    public record Outcome(int exitCode, boolean timedOut, boolean outputLeftOpen, CappedOutput stdout, CappedOutput stderr,
            Duration elapsed) {}

    public static Outcome run(Request request, StepContext context) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(request.argv()).directory(request.directory().toFile());
        if (!request.environment().isEmpty()) builder.environment().putAll(request.environment());
        builder.environment().putAll(context.processEnvironment()); // marks the program as this step's (orphan detection)
        CappedOutput stdout = new CappedOutput(request.outputLimit());
        CappedOutput stderr = new CappedOutput(request.outputLimit());
        InputStream stdin = request.stdin() == null ? null
                : new ByteArrayInputStream(request.stdin().getBytes(StandardCharsets.UTF_8));
        StreamHandler streams = new StreamHandler(stdout, stderr, stdin);
        LaunchingExecutor executor = new LaunchingExecutor(builder, context);
        executor.setStreamHandler(streams);
        executor.setExitValues(null); // the caller judges the exit code (accept:), Commons Exec must not throw
        ExecuteWatchdog watchdog = request.timeout() == null ? null : watchdog(request.timeout());
        if (watchdog != null) executor.setWatchdog(watchdog);
        long start = System.nanoTime();
        int exitCode;
        try {
            exitCode = executor.execute(new CommandLine(request.argv().get(0)));
        } finally {
            executor.ended();
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        if (exitCode == Executor.INVALID_EXITVALUE) {
            // Commons Exec killed the process on an interrupt and cleared the flag: give both back.
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while " + request.argv().get(0)
                    + " ran; killed it and its child processes");
        }
        boolean timedOut = watchdog != null && watchdog.killedProcess();
        return new Outcome(exitCode, timedOut, streams.leftOpen, stdout, stderr, elapsed);
    }

    /** A watchdog whose timeout kills the process tree (see {@link TreeKillingProcess}). */
    private static ExecuteWatchdog watchdog(Duration timeout) {
        Duration positive = timeout.isNegative() || timeout.isZero() ? Duration.ofMillis(1) : timeout;
        return ExecuteWatchdog.builder().setTimeout(positive).get();
    }

    /** Launches with the verbatim argv and keeps the process, for the context and the tree kill. */
    private static final class LaunchingExecutor extends DefaultExecutor {
        private final ProcessBuilder builder;
        private final StepContext context;
        private Process process;

        // Commons Exec 1.6 offers no other way to subclass: the builder's constructor is package-private.
        @SuppressWarnings("deprecation")
        LaunchingExecutor(ProcessBuilder builder, StepContext context) {
            super();
            this.builder = builder;
            this.context = context;
        }

        /** Commons Exec 1.6 calls this overload; the command line it built is not used (see the class comment). */
        @Override
        protected Process launch(CommandLine ignored, Map<String, String> environment, Path directory) throws IOException {
            Process started;
            try {
                started = builder.start();
            } catch (IOException e) {
                throw ProgramNotStartedException.of(builder.command().get(0), e);
            }
            process = new TreeKillingProcess(started);
            context.processStarted(started.toHandle());
            return process;
        }

        void ended() {
            if (process != null) context.processEnded(process.toHandle());
        }
    }

    /**
     * Pumps the streams, and after the exit waits for the pumps at most {@link #PUMP_GRACE} in all.
     * (PumpStreamHandler's own stop timeout waits at least two seconds per stream and then fails
     * the run.)
     */
    private static final class StreamHandler extends PumpStreamHandler {
        private final List<Thread> pumps = new ArrayList<>(3);
        private volatile boolean leftOpen;

        StreamHandler(OutputStream stdout, OutputStream stderr, InputStream stdin) {
            super(stdout, stderr, stdin);
        }

        @Override
        protected Thread createPump(InputStream in, OutputStream out, boolean closeWhenExhausted) {
            Thread pump = super.createPump(in, out, closeWhenExhausted);
            pumps.add(pump);
            return pump;
        }

        @Override
        public void stop() throws IOException {
            long deadline = System.nanoTime() + PUMP_GRACE.toNanos();
            try {
                for (Thread pump : pumps) {
                    long left = deadline - System.nanoTime();
                    if (left > 0) pump.join(Math.max(1, left / 1_000_000));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            leftOpen = pumps.stream().anyMatch(Thread::isAlive);
            if (!leftOpen) super.stop(); // every pump is done: joins at once and flushes
        }
    }
}
