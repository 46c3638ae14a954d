package dev.upbook.steps;

import dev.upbook.spec.Durations;
import dev.upbook.spec.spi.CheckResult;
import dev.upbook.spec.spi.Param;
import dev.upbook.spec.spi.Parameters;
import dev.upbook.spec.spi.StepContext;
import dev.upbook.spec.spi.StepDefinition;
import dev.upbook.spec.spi.StepResult;
import dev.upbook.spec.spi.StepType.Use;
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
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Step type {@code exec}: Runs a program from an argv list (a shell only with shell: true), capturing its output.
 *
 * <p>{@code argv[0]} is the program (looked up on {@code PATH}) and every further element is one
 * argument, never split or interpreted by a shell. With {@code shell: true} it runs
 * {@code /bin/sh -c argv[0] sh argv[1] ...}, so the further elements arrive in the script as
 * {@code $1}, {@code $2} and so on. With {@code user} it runs through {@code sudo -n -u USER --} (never
 * asking for a password), and {@code env} travels through {@code env(1)} because sudo resets the
 * environment. The step's {@code timeout} kills the program and its child processes.
 *
 * <p>The step succeeds, and the check passes, when the exit code is listed in {@code accept}; a
 * failed check's detail ends with the last line of the output. {@code output-limit} is capped at
 * 64 MiB.
 */
@StepDefinition(name = "exec", uses = {Use.STEP, Use.CHECK},
        summary = "Runs a program from an argv list (a shell only with shell: true), capturing its output.",
        idempotency = "Not idempotent by itself: declare idempotent or a guard on the step.",
        registers = "`{rc: Long, stdout: String, stderr: String}`, each output capped by `output-limit`. The registered value "
                + "is not masked (later steps need the real output); the message and the output excerpt are.")
public final class ExecStep extends DeclaredStepType {
    /** Keeps a typo such as {@code output-limit: 10000000000} from allocating gigabytes. */
    private static final long MAX_OUTPUT_LIMIT = 64L << 20;

    /** The parameters under {@code with:}. */
    public record With(
            @Param(value = "The program and its arguments; each element is rendered on its own, never spliced into a shell line.",
                    required = true, example = "[\"php\", \"/srv/ixpmanager/artisan\", \"migrate\", \"--force\"]") List<String> argv,
            @Param(value = "Run argv[0] as a shell script through /bin/sh -c. Must be written explicitly.", defaultValue = "false") boolean shell,
            @Param("Extra environment variables.") Map<String, String> env,
            @Param(value = "Working directory.", whenAbsent = "the current directory") Optional<String> cwd,
            @Param(value = "Exit codes that count as success.", defaultValue = "[0]") List<Long> accept,
            @Param(value = "Bytes of output kept (and registered); the rest is dropped and counted.",
                    defaultValue = "65536") long outputLimit,
            @Param(value = "Run as this user (through sudo -u).", whenAbsent = "the current user") Optional<String> user,
            @Param("Text written to the program's standard input.") Optional<String> stdin) {}

    public ExecStep() {
        super(ExecStepBinding.DECLARATION);
    }

    @Override
    public StepResult run(StepContext context) throws IOException {
        Attempt attempt = attempt(context);
        if (attempt.outcome == null) return StepResult.failed(context.mask(attempt.message(context)));
        String output = context.mask(attempt.output());
        if (attempt.accepted()) return StepResult.succeeded(context.mask(attempt.message(context)), output, attempt.registered());
        return new StepResult(StepResult.Status.FAILED, context.mask(attempt.failure(context)), output, attempt.registered());
    }

    @Override
    public CheckResult check(StepContext context) throws IOException {
        Attempt attempt = attempt(context);
        if (attempt.outcome == null) return CheckResult.fail(context.mask(attempt.message(context)));
        if (attempt.accepted()) return CheckResult.pass(context.mask(attempt.message(context)), attempt.registered());
        return CheckResult.fail(context.mask(attempt.failure(context)), attempt.registered());
    }

    @Override
    public String describe(Parameters parameters) {
        With p = ExecStepBinding.bind(parameters);
        List<String> argv = Command.withShell(p.argv(), p.shell());
        StringBuilder sb = new StringBuilder("exec: ").append(argv.isEmpty() ? "(no argv)" : Texts.argv(argv));
        p.cwd().ifPresent(cwd -> sb.append(" (cwd ").append(cwd).append(')'));
        p.user().ifPresent(user -> sb.append(" as ").append(user));
        return sb.toString();
    }

    private static Attempt attempt(StepContext context) throws IOException {
        Command command = new Command(ExecStepBinding.bind(context.parameters()), context.workingDirectory());
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

        Command(With p, Path workingDirectory) {
            this.user = p.user().orElse(null);
            this.env = p.env();
            this.given = p.argv();
            this.argv = withUser(withShell(given, p.shell()), user, env);
            this.cwd = workingDirectory.resolve(p.cwd().orElse("")).normalize();
            this.stdin = p.stdin().orElse(null);
            this.accept = p.accept();
            this.outputLimit = (int) Math.min(MAX_OUTPUT_LIMIT, Math.max(0, p.outputLimit()));
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

        /** Why a finished program did not count as success, with the last line it printed (its error, usually). */
        String failure(StepContext context) {
            String detail = message(context);
            if (outcome.timedOut()) return detail;
            String last = Texts.lastLine(output(), 200);
            return last.isEmpty() ? detail : detail + ": " + last;
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
