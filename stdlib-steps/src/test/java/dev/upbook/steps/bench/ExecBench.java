package dev.upbook.steps.bench;

import dev.upbook.spec.spi.StepResult;
import dev.upbook.steps.ExecStep;
import dev.upbook.steps.FakeContext;
import dev.upbook.steps.internal.ProcessRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Per-call cost of {@code exec}: 1,000 × {@code /bin/true} through the step (Commons Exec) against
 * raw {@link ProcessBuilder}, and a bash loop for reference. Not a test; run with
 * {@code java -cp <test classpath> dev.upbook.steps.bench.ExecBench [calls] [rounds]}.
 */
public final class ExecBench {
    private static final List<String> TRUE = List.of("/bin/true");

    private ExecBench() {}

    interface Call {
        void run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path cwd = Path.of("").toAbsolutePath();
        ExecStep exec = new ExecStep();
        FakeContext plain = new FakeContext(cwd).with("argv", TRUE);
        FakeContext withTimeout = new FakeContext(cwd).with("argv", TRUE).timeout(Duration.ofSeconds(30));
        ProcessRunner.Request request = new ProcessRunner.Request(TRUE, Map.of(), cwd, null, null, 65_536);

        Map<String, Call> variants = new java.util.LinkedHashMap<>();
        variants.put("ProcessBuilder, pipes drained", () -> {
            Process p = new ProcessBuilder(TRUE).directory(cwd.toFile()).start();
            p.getOutputStream().close();
            p.getInputStream().readAllBytes();
            p.getErrorStream().readAllBytes();
            p.waitFor();
        });
        variants.put("ProcessBuilder, output discarded", () -> new ProcessBuilder(TRUE).directory(cwd.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start().waitFor());
        variants.put("ProcessRunner (Commons Exec)", () -> ProcessRunner.run(request, plain));
        variants.put("ExecStep.run", () -> check(exec.run(plain)));
        variants.put("ExecStep.run, timeout 30s", () -> check(exec.run(withTimeout)));

        for (Call call : variants.values()) repeat(call, 200); // warm-up
        System.out.printf(Locale.ROOT, "%d calls of /bin/true per variant, interleaved call by call, %d rounds, %d CPUs%n",
                calls, rounds, Runtime.getRuntime().availableProcessors());
        for (int round = 1; round <= rounds; round++) {
            Map<String, long[]> nanos = interleaved(variants, calls);
            for (Map.Entry<String, long[]> variant : nanos.entrySet()) {
                long[] times = variant.getValue();
                long total = java.util.Arrays.stream(times).sum();
                java.util.Arrays.sort(times);
                System.out.printf(Locale.ROOT, "round %d  %-34s mean %.3f ms/call, median %.3f ms%n", round, variant.getKey(),
                        total / 1e6 / calls, times[calls / 2] / 1e6);
            }
            long start = System.nanoTime();
            new ProcessBuilder("bash", "-c", "for ((i = 0; i < " + calls + "; i++)); do /bin/true; done").inheritIO().start().waitFor();
            System.out.printf(Locale.ROOT, "round %d  %-34s mean %.3f ms/call%n", round, "bash loop", (System.nanoTime() - start) / 1e6 / calls);
        }
    }

    /** Each variant's call times, the variants taking turns call by call so that load changes hit all alike. */
    private static Map<String, long[]> interleaved(Map<String, Call> variants, int calls) throws Exception {
        Map<String, long[]> nanos = new java.util.LinkedHashMap<>();
        variants.keySet().forEach(name -> nanos.put(name, new long[calls]));
        for (int i = 0; i < calls; i++) {
            for (Map.Entry<String, Call> variant : variants.entrySet()) {
                long start = System.nanoTime();
                variant.getValue().run();
                nanos.get(variant.getKey())[i] = System.nanoTime() - start;
            }
        }
        return nanos;
    }

    private static long repeat(Call call, int times) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < times; i++) call.run();
        return System.nanoTime() - start;
    }

    private static void check(StepResult result) {
        if (!result.succeeded()) throw new IllegalStateException(result.message());
    }
}
