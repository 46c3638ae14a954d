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
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Step type {@code service}: Starts, stops, restarts or queries a service through systemctl or given commands.
 *
 * <p>With {@code manager: systemctl} it runs {@code systemctl start|stop|restart NAME} and asks
 * {@code systemctl is-active NAME}. With {@code manager: commands} it runs the argv lists under
 * {@code commands} ({@code start}, {@code stop}, {@code status}, and optionally {@code restart};
 * without it a restart is stop then start), never through a shell. A status command tells the
 * state by its exit code: 0 = running, anything else = stopped (the LSB convention; 3 = not running).
 * Where a status command exits 0 either way (upstart's {@code status mattermost} prints
 * {@code mattermost start/running, process 42} or {@code mattermost stop/waiting}), give
 * {@code running-pattern}: the service then counts as running only when the command exits 0 and
 * its output contains a match of the pattern.
 *
 * <p>{@code start} and {@code stop} first ask the status: a service already in the wanted state is
 * left alone ("already running" / "already stopped"). After an action the status is asked again,
 * for up to {@value #SETTLE_SECONDS} seconds (or the step's timeout when shorter), until the service is in the wanted state; otherwise
 * the step fails. Without a status command the action runs every time and is not verified.
 * {@code status} as a step reports the state and succeeds either way. As a check, {@code stop}
 * passes when the service is stopped, every other action when it is running.
 */
@StepDefinition(name = "service", uses = {Use.STEP, Use.CHECK},
        summary = "Starts, stops, restarts or queries a service through systemctl or given commands.",
        idempotency = "start/stop are done when the service is already in that state.",
        registers = "`{name: String, running: Boolean, state: String, changed: Boolean}`: `state` is the status command's "
                + "last output line (e.g. `active`, `inactive`); `running` and `state` are absent when there is no status command.")
public final class ServiceStep extends DeclaredStepType {
    private static final int SETTLE_SECONDS = 10;
    private static final Duration SETTLE_PAUSE = Duration.ofMillis(200);
    private static final Duration COMMAND_CAP = Duration.ofMinutes(5);
    private static final int OUTPUT_LIMIT = 65_536;
    private static final List<String> ACTIONS = List.of("start", "stop", "restart", "status");

    /** The parameters under {@code with:}. */
    public record With(
            @Param(value = "The service, e.g. memcached.service.", example = "\"memcached.service\"") String name,
            @Param(value = "What to do.", oneOf = {"start", "stop", "restart", "status"}, example = "\"restart\"") String action,
            @Param(value = "How to control it.", oneOf = {"systemctl", "commands"}, defaultValue = "systemctl") String manager,
            @Param("With manager: commands, argv lists per action (start, stop, status).") Map<String, Object> commands,
            @Param(name = "running-pattern", value = "A regular expression the status command's output must contain (besides exit 0) for the "
                    + "service to count as running, for status commands that exit 0 either way.", example = "\"start/running\"")
            Optional<String> runningPattern) {}

    private final String systemctl;

    public ServiceStep() {
        this("systemctl");
    }

    /** For tests: another program in the place of systemctl. */
    ServiceStep(String systemctl) {
        super(ServiceStepBinding.DECLARATION);
        this.systemctl = systemctl;
    }

    @Override
    public StepResult run(StepContext context) throws IOException, InterruptedException {
        Service service = service(context);
        try {
            return service.perform();
        } catch (ProgramNotStartedException e) {
            return StepResult.failed(context.mask(e.getMessage()));
        }
    }

    @Override
    public CheckResult check(StepContext context) throws IOException {
        Service service = service(context);
        boolean wantRunning = !service.action.equals("stop");
        Optional<State> state;
        try {
            state = service.state();
        } catch (ProgramNotStartedException e) {
            return CheckResult.fail(context.mask(e.getMessage()));
        }
        if (state.isEmpty()) throw new Parameters.ParameterException("commands.status", "is required to use service as a check");
        String detail = context.mask(service.name + " is " + state.get().describe() + (wantRunning ? ", expected running" : ", expected stopped"));
        return new CheckResult(state.get().running == wantRunning, detail, service.registered(state, false));
    }

    @Override
    public String describe(Parameters parameters) {
        With p = ServiceStepBinding.bind(parameters);
        String head = "service " + p.action() + " " + p.name();
        if (p.manager().equals("commands")) {
            return head + (p.commands().get(p.action()) == null ? "" : ": run " + Texts.argv(argv(p.commands(), p.action())));
        }
        return head + " (systemctl)";
    }

    private Service service(StepContext context) {
        With p = ServiceStepBinding.bind(context.parameters());
        String name = p.name().strip();
        Map<String, List<String>> commands = new LinkedHashMap<>();
        if (p.manager().equals("systemctl")) {
            if (name.isEmpty() || name.startsWith("-")) throw new Parameters.ParameterException("name", "must name a unit, not '" + name + "'");
            for (String a : List.of("start", "stop", "restart")) commands.put(a, List.of(systemctl, a, name));
            commands.put("status", List.of(systemctl, "is-active", name));
        } else {
            for (String key : p.commands().keySet()) {
                if (!ACTIONS.contains(key)) throw new Parameters.ParameterException("commands." + key, "is not an action; give start, stop, restart or status");
                commands.put(key, argv(p.commands(), key));
            }
        }
        Optional<Pattern> running;
        try {
            running = p.runningPattern().map(Pattern::compile);
        } catch (PatternSyntaxException e) {
            throw new Parameters.ParameterException("running-pattern", "is not a regular expression: " + e.getDescription());
        }
        return new Service(context, name, p.action(), commands, running);
    }

    /** The argv under {@code commands.ACTION}: a list, or a single program. */
    private static List<String> argv(Map<String, Object> commands, String action) {
        Object value = commands.get(action);
        List<String> argv = new ArrayList<>();
        if (value instanceof List<?> list) list.forEach(e -> argv.add(String.valueOf(e)));
        else if (value != null && !(value instanceof Map)) argv.add(String.valueOf(value));
        if (argv.isEmpty() || argv.get(0).isBlank()) throw new Parameters.ParameterException("commands." + action, "must be an argv list such as [service-ctl, " + action + "]");
        return List.copyOf(argv);
    }

    /** What a status command said. */
    private record State(boolean running, String detail) {
        String describe() {
            return (running ? "running" : "stopped") + (detail.isEmpty() ? "" : " (" + detail + ")");
        }
    }

    /** The output and exit of one command. */
    private record Ran(int exitCode, boolean timedOut, String output) {
        boolean ok() {
            return exitCode == 0 && !timedOut;
        }
    }

    /** One service and the commands that control it. */
    private static final class Service {
        private final StepContext context;
        private final String name;
        private final String action;
        private final Map<String, List<String>> commands;
        private final Optional<Pattern> runningPattern;
        private final Duration timeout;
        private final StringBuilder output = new StringBuilder();

        Service(StepContext context, String name, String action, Map<String, List<String>> commands, Optional<Pattern> runningPattern) {
            this.context = context;
            this.name = name;
            this.action = action;
            this.commands = commands;
            this.runningPattern = runningPattern;
            this.timeout = context.timeout().filter(t -> t.compareTo(COMMAND_CAP) < 0).orElse(COMMAND_CAP);
        }

        StepResult perform() throws IOException, InterruptedException {
            if (action.equals("status")) {
                Optional<State> state = state();
                if (state.isEmpty()) throw new Parameters.ParameterException("commands.status", "is required for action: status");
                return done(name + " is " + state.get().describe(), state, false);
            }
            if (action.equals("restart")) return restart();
            boolean wantRunning = action.equals("start");
            Optional<State> before = state();
            if (before.isPresent() && before.get().running == wantRunning) {
                return done(name + " is already " + (wantRunning ? "running" : "stopped")
                        + (before.get().detail.isEmpty() ? "" : " (" + before.get().detail + ")"), before, false);
            }
            Optional<StepResult> failure = runAction(action);
            if (failure.isPresent()) return failure.get();
            return settled(wantRunning, (wantRunning ? "started " : "stopped ") + name);
        }

        private StepResult restart() throws IOException, InterruptedException {
            if (commands.containsKey("restart")) {
                Optional<StepResult> failure = runAction("restart");
                if (failure.isPresent()) return failure.get();
            } else {
                Optional<StepResult> failure = runAction("stop");
                if (failure.isEmpty()) failure = runAction("start");
                if (failure.isPresent()) return failure.get();
            }
            return settled(true, "restarted " + name);
        }

        /** Fails the step when the command is missing or does not exit 0; empty when it did. */
        private Optional<StepResult> runAction(String which) throws IOException {
            List<String> argv = commands.get(which);
            if (argv == null) throw new Parameters.ParameterException("commands." + which, "is required for action: " + action);
            Ran ran = run(argv);
            if (ran.ok()) return Optional.empty();
            String why = ran.timedOut ? "timed out after " + Durations.format(timeout) : "exited " + ran.exitCode;
            String last = Texts.lastLine(ran.output, 200);
            return Optional.of(StepResult.failed(context.mask(which + " " + name + ": " + Texts.argv(argv) + " " + why
                    + (last.isEmpty() ? "" : ": " + last)), context.mask(output.toString().strip())));
        }

        /** Waits until the status shows the wanted state; succeeds unverified without a status command. */
        private StepResult settled(boolean wantRunning, String what) throws IOException, InterruptedException {
            Optional<State> state = state();
            if (state.isEmpty()) return done(what + " (no status command to verify it)", state, true);
            Duration settle = context.timeout().filter(t -> t.getSeconds() < SETTLE_SECONDS).orElse(Duration.ofSeconds(SETTLE_SECONDS));
            long deadline = System.nanoTime() + settle.toNanos();
            while (state.get().running != wantRunning && System.nanoTime() < deadline) {
                Thread.sleep(SETTLE_PAUSE.toMillis());
                state = state();
            }
            if (state.get().running != wantRunning) {
                return StepResult.failed(context.mask(what + ", but after " + Durations.format(settle) + " it is " + state.get().describe()),
                        context.mask(output.toString().strip()));
            }
            return done(what + "; it is " + state.get().describe(), state, true);
        }

        Optional<State> state() throws IOException {
            List<String> argv = commands.get("status");
            if (argv == null) return Optional.empty();
            Ran ran = run(argv);
            if (ran.timedOut) throw new IOException("status of " + name + ": " + Texts.argv(argv) + " timed out after " + Durations.format(timeout));
            String last = Texts.lastLine(ran.output, 200);
            boolean running = ran.exitCode == 0 && runningPattern.map(pattern -> pattern.matcher(ran.output).find()).orElse(true);
            return Optional.of(new State(running, last.isEmpty() ? "exit " + ran.exitCode : last));
        }

        private Ran run(List<String> argv) throws IOException {
            ProcessRunner.Outcome o = ProcessRunner.run(new ProcessRunner.Request(argv, Map.of(), context.workingDirectory(), null,
                    timeout, OUTPUT_LIMIT), context);
            String text = (o.stdout().text() + o.stderr().text()).strip();
            if (!text.isEmpty()) output.append(text).append('\n');
            return new Ran(o.exitCode(), o.timedOut(), text);
        }

        private StepResult done(String message, Optional<State> state, boolean changed) {
            return StepResult.succeeded(context.mask(message), context.mask(output.toString().strip()), registered(state, changed));
        }

        Map<String, Object> registered(Optional<State> state, boolean changed) {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("name", name);
            state.ifPresent(s -> {
                value.put("running", s.running);
                value.put("state", s.detail);
            });
            value.put("changed", changed);
            return value;
        }
    }
}
