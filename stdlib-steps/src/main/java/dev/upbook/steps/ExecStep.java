package dev.upbook.steps;

import dev.upbook.spec.Durations;
import dev.upbook.spec.spi.CheckResult;
import dev.upbook.spec.spi.Parameters;
import dev.upbook.spec.spi.StepContext;
import dev.upbook.spec.spi.StepResult;
import dev.upbook.steps.internal.ProcessRunner;
import dev.upbook.steps.internal.ProgramNotStartedException;
import dev.upbook.steps.internal.Texts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Step type {@code exec}: Runs a program from an argv list (a shell only with shell: true), capturing its output.
 *
 * <p>Registers {@code {rc: Long, stdout: String, stderr: String}}, each output capped by
 * {@code output-limit}. The registered value is not masked (later steps need the real output); the
 * message and the output excerpt are.
 */
public final class ExecStep extends DeclaredStepType {
    private static final long DEFAULT_OUTPUT_LIMIT = 65_536;
    /** Keeps a typo such as {@code output-limit: 10000000000} from allocating gigabytes. */
    private static final long MAX_OUTPUT_LIMIT = 64L << 20;

    public ExecStep() {
        super("exec", "Runs a program from an argv list (a shell only with shell: true), capturing its output.", STEP_AND_CHECK,
                "Not idempotent by itself: declare idempotent or a guard on the step.",
                req("argv", TEXTS, "The program and its arguments; each element is rendered on its own, never spliced into a shell line."),
                opt("shell", BOOL, "false", "Run argv[0] as a shell script through /bin/sh -c. Must be written explicitly."),
                opt("env", TEXT_MAP, "{}", "Extra environment variables."),
                opt("cwd", TEXT, "the current directory", "Working directory."),
                opt("accept", new dev.upbook.spec.model.Type.ListOf(INT), "[0]", "Exit codes that count as success."),
                opt("output-limit", INT, "65536", "Bytes of output kept (and registered); the rest is dropped and counted."),
                opt("user", TEXT, "the current user", "Run as this user (through sudo -u)."),
                opt("stdin", TEXT, "none", "Text written to the program's standard input."));
    }

    @Override
    public boolean canRun(Use use) {
        return uses().contains(use);
    }

    @Override
    public StepResult run(StepContext context) throws IOException {
        Attempt attempt = attempt(context);
        String message = context.mask(attempt.message(context));
        if (attempt.outcome == null) return StepResult.failed(message);
        String output = context.mask(attempt.output());
        StepResult.Status status = attempt.accepted() ? StepResult.Status.SUCCEEDED : StepResult.Status.FAILED;
        return new StepResult(status, message, output, attempt.registered());
    }

    @Override
    public CheckResult check(StepContext context) throws IOException {
        Attempt attempt = attempt(context);
        String detail = attempt.message(context);
        if (attempt.outcome == null) return CheckResult.fail(context.mask(detail));
        if (attempt.accepted()) return CheckResult.pass(context.mask(detail), attempt.registered());
        String last = Texts.lastLine(attempt.output(), 200);
        return CheckResult.fail(context.mask(last.isEmpty() ? detail : detail + ": " + last), attempt.registered());
    }

    @Override
    public String describe(Parameters parameters) {
        List<String> argv = Command.withShell(parameters.texts("argv"), parameters.bool("shell", false));
        StringBuilder sb = new StringBuilder("exec: ").append(argv.isEmpty() ? "(no argv)" : Texts.argv(argv));
        parameters.optionalText("cwd").ifPresent(cwd -> sb.append(" (cwd ").append(cwd).append(')'));
        parameters.optionalText("user").ifPresent(user -> sb.append(" as ").append(user));
        return sb.toString();
    }

    private static Attempt attempt(StepContext context) throws IOException {
        Command command = Command.of(context.parameters(), context.workingDirectory());
        if (command.given.isEmpty() || command.given.get(0).isBlank()) return Attempt.notStarted("argv names no program");
        if (!Files.isDirectory(command.cwd)) return Attempt.notStarted("working directory " + command.cwd + " does not exist");
        ProcessRunner.Request request = new ProcessRunner.Request(command.argv, command.env, command.cwd, command.stdin,
                context.timeout().orElse(null), command.outputLimit);
        try {
            return new Attempt(ProcessRunner.run(request, context), null, command.accept);
        } catch (ProgramNotStartedException e) {
            return Attempt.notStarted(notStartedMessage(e, command));
        }
    }

    private static String notStartedMessage(ProgramNotStartedException e, Command command) {
        if (command.user != null && e.program().equals("sudo")) return e.getMessage() + " (user: runs the program through sudo)";
        if (e.notFound() && e.program().contains(" ")) {
            return e.getMessage() + " (argv is a list: give the program and each argument as its own element)";
        }
        return e.getMessage();
    }

    /** The parameters read into what to run: the argv already carries the shell and sudo prefixes. */
    private static final class Command {
        final List<String> given;
        final List<String> argv;
        final Map<String, String> env;
        final Path cwd;
        final String stdin;
        final List<Long> accept;
        final int outputLimit;
        final String user;

        private Command(Parameters p, Path workingDirectory) {
            this.user = p.optionalText("user").orElse(null);
            this.env = p.textMap("env");
            this.given = p.texts("argv");
            this.argv = withUser(withShell(given, p.bool("shell", false)), user, env);
            this.cwd = workingDirectory.resolve(p.text("cwd", "")).normalize();
            this.stdin = p.optionalText("stdin").orElse(null);
            this.accept = p.integers("accept", List.of(0L));
            this.outputLimit = (int) Math.min(MAX_OUTPUT_LIMIT, Math.max(0, p.integer("output-limit", DEFAULT_OUTPUT_LIMIT)));
        }

        static Command of(Parameters p, Path workingDirectory) {
            return new Command(p, workingDirectory);
        }

        /** {@code shell: true}: {@code /bin/sh -c argv[0] sh argv[1..]}, so the rest arrive as $1, $2, … */
        private static List<String> withShell(List<String> argv, boolean shell) {
            if (!shell || argv.isEmpty()) return argv;
            List<String> out = new ArrayList<>(List.of("/bin/sh", "-c", argv.get(0), "sh"));
            out.addAll(argv.subList(1, argv.size()));
            return out;
        }

        /** sudo resets the environment, so with a user the variables travel through env(1). */
        private static List<String> withUser(List<String> argv, String user, Map<String, String> env) {
            if (user == null || argv.isEmpty()) return argv;
            List<String> out = new ArrayList<>(List.of("sudo", "-n", "-u", user, "--"));
            if (!env.isEmpty()) {
                out.add("env");
                env.forEach((k, v) -> out.add(k + "=" + v));
            }
            out.addAll(argv);
            return out;
        }
    }

    /** One run of the program, or why it did not start ({@code outcome} null). */
    private record Attempt(ProcessRunner.Outcome outcome, String notStarted, List<Long> accept) {
        static Attempt notStarted(String why) {
            return new Attempt(null, why, List.of());
        }

        boolean accepted() {
            return outcome != null && !outcome.timedOut() && accept.contains((long) outcome.exitCode());
        }

        String message(StepContext context) {
            if (outcome == null) return notStarted;
            String message;
            if (outcome.timedOut()) {
                message = "timed out after " + Durations.format(context.timeout().orElseThrow())
                        + " (killed it and its child processes)";
            } else if (accepted()) {
                message = "exit " + outcome.exitCode() + " in " + Texts.elapsed(outcome.elapsed());
            } else {
                message = "exit " + outcome.exitCode() + " (accepted: "
                        + accept.stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")"
                        + (context.stopRequested() ? " after the stop request" : "");
            }
            if (outcome.outputLeftOpen()) message += "; a background process kept the output open, stopped reading it";
            return message;
        }

        /** stdout then stderr, as a terminal would interleave them when each arrives in one piece. */
        String output() {
            String out = outcome.stdout().text();
            String err = outcome.stderr().text();
            if (out.isEmpty() || err.isEmpty()) return out + err;
            return out + (out.endsWith("\n") ? "" : "\n") + err;
        }

        Map<String, Object> registered() {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("rc", (long) outcome.exitCode());
            value.put("stdout", outcome.stdout().text());
            value.put("stderr", outcome.stderr().text());
            return value;
        }
    }
}
