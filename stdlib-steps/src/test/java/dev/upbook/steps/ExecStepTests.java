package dev.upbook.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.upbook.spec.spi.CheckResult;
import dev.upbook.spec.spi.Parameters;
import dev.upbook.spec.spi.StepResult;
import dev.upbook.spec.spi.StepType.Use;
import java.io.File;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecStepTests {
    private final ExecStep exec = new ExecStep();

    @TempDir
    Path dir;

    private FakeContext context(Object argv) {
        return new FakeContext(dir).with("argv", argv);
    }

    private static Map<?, ?> registered(StepResult result) {
        return assertInstanceOf(Map.class, result.value());
    }

    @Test
    void runsAsStepAndCheck() {
        assertTrue(exec.canRun(Use.STEP));
        assertTrue(exec.canRun(Use.CHECK));
    }

    @Test
    void exitZeroSucceedsAndSaysHowLongItTook() throws Exception {
        FakeContext context = context(List.of("true"));
        StepResult result = exec.run(context);
        assertEquals(StepResult.Status.SUCCEEDED, result.status(), result.message());
        assertTrue(result.message().matches("exit 0 in \\d+ms"), result.message());
        assertEquals(1, context.started.size(), "the process is registered while it runs");
        assertEquals(context.started, context.ended);
    }

    @Test
    void nonZeroExitFailsNamingTheAcceptedCodesWithTheOutput() throws Exception {
        StepResult result = exec.run(context(List.of("sh", "-c", "echo out; echo err >&2; exit 3")));
        assertEquals(StepResult.Status.FAILED, result.status());
        assertEquals("exit 3 (accepted: 0): err", result.message(), "the last line the program printed says why");
        assertEquals("out\nerr\n", result.output());
    }

    @Test
    void acceptListsTheExitCodesThatSucceed() throws Exception {
        StepResult result = exec.run(context(List.of("sh", "-c", "exit 3")).with("accept", List.of(0L, 3L)));
        assertEquals(StepResult.Status.SUCCEEDED, result.status(), result.message());
        assertTrue(result.message().startsWith("exit 3 in "), result.message());
    }

    @Test
    void registersExitCodeStdoutAndStderr() throws Exception {
        StepResult result = exec.run(context(List.of("sh", "-c", "printf out; printf err >&2; exit 4")).with("accept", List.of(4L)));
        assertEquals(Map.of("rc", 4L, "stdout", "out", "stderr", "err"), registered(result));
        assertInstanceOf(Long.class, registered(result).get("rc"));
    }

    @Test
    void timeoutKillsTheProcessAndItsChildren() {
        FakeContext context = context(List.of("sh", "-c", "sleep 30 & echo $!; wait")).timeout(Duration.ofSeconds(1));
        StepResult result = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> exec.run(context));
        assertEquals(StepResult.Status.FAILED, result.status());
        assertEquals("timed out after 1s (killed it and its child processes)", result.message());
        long sleeper = Long.parseLong(((String) registered(result).get("stdout")).strip());
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            while (running(sleeper)) Thread.sleep(20);
        }, "the shell's background sleep " + sleeper + " is gone too");
    }

    @Test
    void anInterruptKillsTheProcessAndIsKept() throws Exception {
        FakeContext context = context(List.of("sleep", "30"));
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        Thread runner = new Thread(() -> {
            try {
                exec.run(context);
            } catch (Throwable e) {
                thrown.set(e);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            }
        });
        runner.start();
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            while (context.startedSoFar().isEmpty()) Thread.sleep(5);
            Thread.sleep(200); // interrupt while the step waits for the program, not while it is still being set up
            runner.interrupt();
            runner.join();
        });
        assertInstanceOf(InterruptedIOException.class, thrown.get());
        assertEquals("interrupted while sleep ran; killed it and its child processes", thrown.get().getMessage());
        assertTrue(stillInterrupted.get());
        assertFalse(running(context.startedSoFar().get(0).pid()));
    }

    @Test
    void outputBeyondTheLimitKeepsHeadAndTailAndCountsTheDroppedBytes() throws Exception {
        // seq 1 100000 prints 588,895 bytes
        StepResult result = exec.run(context(List.of("seq", "1", "100000")).with("output-limit", 100L));
        String stdout = (String) registered(result).get("stdout");
        assertTrue(stdout.startsWith("1\n2\n3\n"), stdout);
        assertTrue(stdout.contains("\n… 588795 bytes dropped …\n"), stdout);
        assertTrue(stdout.endsWith("99999\n100000\n"), stdout);
        assertEquals(stdout, result.output());
    }

    @Test
    void envIsAddedToTheInheritedEnvironment() throws Exception {
        StepResult result = exec.run(context(List.of("sh", "-c", "printf '%s:%s' \"$UPBOOK_TEST\" \"${PATH:+inherited}\""))
                .with("env", Map.of("UPBOOK_TEST", "a b")));
        assertEquals("a b:inherited", registered(result).get("stdout"));
    }

    @Test
    void cwdIsRelativeToTheWorkingDirectory() throws Exception {
        Files.createDirectory(dir.resolve("sub"));
        StepResult result = exec.run(context(List.of("pwd")).with("cwd", "sub"));
        assertEquals(dir.resolve("sub").toRealPath() + "\n", registered(result).get("stdout"));
    }

    @Test
    void aMissingCwdFailsBeforeStarting() throws Exception {
        StepResult result = exec.run(context(List.of("true")).with("cwd", "nowhere"));
        assertEquals(StepResult.Status.FAILED, result.status());
        assertEquals("working directory " + dir.resolve("nowhere") + " does not exist", result.message());
    }

    @Test
    void stdinIsWrittenThenClosed() throws Exception {
        StepResult result = exec.run(context(List.of("cat")).with("stdin", "hello\nworld"));
        assertEquals("hello\nworld", registered(result).get("stdout"));
    }

    @Test
    void withoutStdinTheProgramReadsEndOfFileAtOnce() {
        StepResult result = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> exec.run(context(List.of("cat"))));
        assertEquals(StepResult.Status.SUCCEEDED, result.status(), result.message());
    }

    @Test
    void argvElementsArePassedVerbatimNeverThroughAShell() throws Exception {
        StepResult result = exec.run(context(List.of("printf", "[%s]", "a; echo b", " padded ", "$(id)", "${HOME}")));
        assertEquals("[a; echo b][ padded ][$(id)][${HOME}]", registered(result).get("stdout"));
    }

    @Test
    void shellTrueRunsTheFirstElementAsAScriptWithTheRestAsArguments() throws Exception {
        StepResult result = exec.run(context(List.of("printf '%s-%s' \"$1\" \"$2\"", "x; y", "z")).with("shell", true));
        assertEquals("x; y-z", registered(result).get("stdout"));
    }

    @Test
    void aMissingProgramFailsWithAMessageNotATrace() throws Exception {
        StepResult result = exec.run(context(List.of("no-such-program-upbook")));
        assertEquals(StepResult.Status.FAILED, result.status());
        assertEquals("program 'no-such-program-upbook' not found", result.message());
        CheckResult check = exec.check(context(List.of("no-such-program-upbook")));
        assertFalse(check.passed());
        assertEquals("program 'no-such-program-upbook' not found", check.detail());
    }

    @Test
    void anEmptyArgvFails() throws Exception {
        assertEquals(StepResult.failed("argv names no program"), exec.run(context(List.of()).with("user", "nobody")));
        assertEquals(StepResult.failed("argv names no program"), exec.run(context(List.of(" "))));
    }

    @Test
    void aProgramNameWithSpacesGetsAHintAboutTheList() throws Exception {
        StepResult result = exec.run(context("ls -la"));
        assertEquals("program 'ls -la' not found (argv is a list: give the program and each argument as its own element)",
                result.message());
    }

    @Test
    void aFileThatIsNotExecutableCannotBeStarted() throws Exception {
        Path script = Files.writeString(dir.resolve("script.sh"), "echo hi\n");
        StepResult result = exec.run(context(List.of(script.toString())));
        assertEquals("program '" + script + "' cannot be started: Permission denied", result.message());
    }

    @Test
    void userRunsThroughSudo() throws Exception {
        Assumptions.assumeTrue(onPath("sudo").isEmpty(), "sudo is installed; the not-found path cannot be shown");
        StepResult result = exec.run(context(List.of("true")).with("user", "nobody"));
        assertEquals("program 'sudo' not found (user: runs the program through sudo)", result.message());
    }

    @Test
    void asACheckItPassesOnAnAcceptedExitCode() throws Exception {
        CheckResult passed = exec.check(context(List.of("true")));
        assertTrue(passed.passed(), passed.detail());
        CheckResult failed = exec.check(context(List.of("sh", "-c", "echo starting; echo 'no such table' >&2; exit 1")));
        assertFalse(failed.passed());
        assertEquals("exit 1 (accepted: 0): no such table", failed.detail());
        assertEquals(1L, ((Map<?, ?>) failed.value()).get("rc"));
    }

    @Test
    void messageAndOutputAreMaskedButTheRegisteredValueIsNot() throws Exception {
        StepResult result = exec.run(context(List.of("sh", "-c", "echo token=s3cret; exit 2")).secret("s3cret"));
        assertEquals("token=*****\n", result.output());
        assertEquals("token=s3cret\n", registered(result).get("stdout"));
    }

    @Test
    void aKillAfterTheStopRequestIsNamedInTheMessage() throws Exception {
        StepResult result = exec.run(context(List.of("sh", "-c", "kill -9 $$")).withStopRequested());
        assertEquals("exit 137 (accepted: 0) after the stop request", result.message());
    }

    @Test
    void aBackgroundChildHoldingTheOutputOpenDoesNotHangTheStep() {
        StepResult result = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> exec.run(context(List.of("sh", "-c", "sleep 4 & echo started"))));
        assertEquals(StepResult.Status.SUCCEEDED, result.status());
        // Whether the sleep still holds the pipe depends on a race in the JDK, which drains and
        // closes a pipe on the exit unless a pump is reading it at that moment.
        assertTrue(result.message().matches("exit 0 in \\d+ms(; a background process kept the output open, stopped reading it)?"),
                result.message());
        assertEquals("started\n", registered(result).get("stdout"));
    }

    @Test
    void describeShowsTheCommandAsTyped() {
        assertEquals("exec: /usr/bin/php artisan migrate --force (cwd /srv/ixp)", exec.describe(new Parameters(Map.of(
                "argv", List.of("/usr/bin/php", "artisan", "migrate", "--force"), "cwd", "/srv/ixp"))));
        assertEquals("exec: /bin/sh -c 'echo \"$1\"' sh 'a b' as www-data", exec.describe(new Parameters(Map.of(
                "argv", List.of("echo \"$1\"", "a b"), "shell", true, "user", "www-data"))));
    }

    /** Alive and not a zombie: a killed orphan stays a zombie until init reaps it, in a container maybe never. */
    private static boolean running(long pid) throws java.io.IOException {
        Path stat = Path.of("/proc", String.valueOf(pid), "stat");
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) || !Files.exists(stat)) return false;
        String text = Files.readString(stat);
        return text.charAt(text.lastIndexOf(')') + 2) != 'Z';
    }

    private static Optional<Path> onPath(String program) {
        return Stream.of(System.getenv("PATH").split(File.pathSeparator)).map(d -> Path.of(d, program))
                .filter(Files::isExecutable).findFirst();
    }

    @Test
    void theRegisteredOutputIsNeverNull() throws Exception {
        assertNotNull(registered(exec.run(context(List.of("true")))).get("stdout"));
    }
}
