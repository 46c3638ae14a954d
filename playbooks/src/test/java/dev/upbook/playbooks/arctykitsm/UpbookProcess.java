package dev.upbook.playbooks.arctykitsm;

import dev.upbook.cli.Main;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * {@code upbook} as a real operating-system process (a JVM on the test class path), so that a test
 * can kill it with SIGKILL and read what it left behind. Copied in small from the interpreter's
 * test helper {@code Upbooks}, which this module cannot depend on.
 */
final class UpbookProcess {
    private static int counter;

    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private UpbookProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    static synchronized UpbookProcess start(Path dir, Map<String, String> env, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().putAll(env);
        int n = ++counter;
        Path out = dir.resolve("upbook-" + n + ".out");
        Path err = dir.resolve("upbook-" + n + ".err");
        pb.redirectOutput(out.toFile());
        pb.redirectError(err.toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        return new UpbookProcess(pb.start(), out, err);
    }

    int await() throws InterruptedException {
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError("upbook did not end within 2 minutes\n" + transcript());
        }
        return process.exitValue();
    }

    String out() {
        return read(stdout);
    }

    String transcript() {
        return "stdout:\n" + read(stdout) + "\nstderr:\n" + read(stderr);
    }

    /** SIGKILL of upbook alone, as an operator's kill -9: the programs a step started run on. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGKILL of upbook and every program it started, as a power loss would end them. */
    void kill9WithDescendants() throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        process.waitFor();
        for (ProcessHandle child : children) child.onExit().join();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until {@code condition} holds, polling every 10 ms. */
    static void waitUntil(Duration timeout, String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(10);
        }
    }
}
