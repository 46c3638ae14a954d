package dev.upbook.playbooks;

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
 * Starts {@code upbook} as a real operating-system process (a JVM on the test class path), so that
 * a test can kill it with SIGKILL; the products' end-to-end tests share it (after the interpreter's
 * test helper of the same name).
 */
public final class Upbooks {
    private Upbooks() {}

    /** A started upbook process; its stdout and stderr go to files. */
    public record Started(Process process, Path stdout, Path stderr) {
        public int await(Duration timeout) throws InterruptedException {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError("upbook did not end within " + timeout + "\n" + output());
            }
            return process.exitValue();
        }

        public int exitCode() {
            return process.exitValue();
        }

        public String out() {
            return read(stdout);
        }

        public String output() {
            return read(stdout) + read(stderr);
        }

        /**
         * SIGKILL of upbook and of the programs its step started, as a crash of the machine would
         * (a kill of upbook alone leaves them running; resume then waits for them).
         */
        public void crash() throws InterruptedException {
            ProcessTrees.kill(process.toHandle());
            process.waitFor();
        }
    }

    private static int counter;

    public static synchronized Started start(Path dir, Map<String, String> env, List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Xshare:auto");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().putAll(env);
        int n = ++counter;
        Path out = dir.resolve("upbook-" + n + ".out");
        Path err = dir.resolve("upbook-" + n + ".err");
        pb.redirectOutput(out.toFile());
        pb.redirectError(err.toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        return new Started(pb.start(), out, err);
    }

    public static Started run(Path dir, Map<String, String> env, List<String> args) throws IOException, InterruptedException {
        Started s = start(dir, env, args);
        s.await(Duration.ofMinutes(2));
        return s;
    }

    public static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until {@code condition} holds, polling every 10 ms. */
    public static void waitUntil(Duration timeout, String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(10);
        }
    }
}
