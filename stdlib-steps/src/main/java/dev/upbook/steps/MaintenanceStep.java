package dev.upbook.steps;

import dev.upbook.spec.Durations;
import dev.upbook.spec.spi.Param;
import dev.upbook.spec.spi.Parameters;
import dev.upbook.spec.spi.StepContext;
import dev.upbook.spec.spi.StepDefinition;
import dev.upbook.spec.spi.StepResult;
import dev.upbook.spec.spi.StepType.Use;
import dev.upbook.steps.internal.DocrootSwap;
import dev.upbook.steps.internal.ProcessRunner;
import dev.upbook.steps.internal.ProgramNotStartedException;
import dev.upbook.steps.internal.Texts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Step type {@code maintenance}: Takes the site offline or back online: swap a document root for a notice page, or the product's command.
 *
 * <p>{@code method: docroot} puts a directory holding only {@code index.html} (the rendered
 * {@code page}) in the place of {@code docroot} and keeps the live site beside it as
 * {@code .NAME.upbook-live} in the same parent directory; its presence means "on". A docroot that is
 * a symbolic link is re-pointed atomically and the site's files stay where they are; a real
 * directory is renamed aside, so while maintenance is on the site's files are at the registered
 * {@code site} path (copy a release there, or make the docroot a link). An interrupted swap is
 * finished by the next run.
 *
 * <p>{@code method: command} runs the product's own argv (e.g. {@code php artisan down}) without a
 * shell; it must exit 0. For Laravel's {@code artisan} (an argv element named {@code artisan}) the
 * file {@code storage/framework/down} beside it tells the mode, and the command is not run when
 * the site is already in the wanted mode; other commands are run every time and must be
 * idempotent themselves.
 */
@StepDefinition(name = "maintenance", uses = Use.STEP,
        summary = "Takes the site offline or back online: swap a document root for a notice page, or the product's command.",
        idempotency = "Done when the site is already in the wanted mode.",
        registers = "`{mode: String, changed: Boolean}`, plus `site: String` (where the site's files are now) with `method: docroot`.")
public final class MaintenanceStep extends DeclaredStepType {
    private static final Duration COMMAND_CAP = Duration.ofMinutes(5);
    private static final int OUTPUT_LIMIT = 65_536;

    /** The parameters under {@code with:}. */
    public record With(
            @Param(value = "on = offline for users.", oneOf = {"on", "off"}, example = "\"on\"") String mode,
            @Param(value = "How.", oneOf = {"docroot", "command"}, defaultValue = "command") String method,
            @Param("With method docroot: the directory that is swapped.") Optional<String> docroot,
            @Param("With method docroot: the notice page content (a template).") Optional<String> page,
            @Param("With method command: argv, e.g. php artisan down.") List<String> command) {

        boolean on() {
            return mode.equals("on");
        }
    }

    public MaintenanceStep() {
        super(MaintenanceStepBinding.DECLARATION);
    }

    @Override
    public StepResult run(StepContext context) throws IOException {
        With p = MaintenanceStepBinding.bind(context.parameters());
        return p.method().equals("docroot") ? swap(context, p) : command(context, p);
    }

    @Override
    public String describe(Parameters parameters) {
        With p = MaintenanceStepBinding.bind(parameters);
        if (p.method().equals("docroot")) {
            String docroot = p.docroot().orElse("(no docroot)");
            return "maintenance " + p.mode() + ": " + (p.on() ? "swap " + docroot + " for a notice page" : "put the site back in " + docroot);
        }
        return "maintenance " + p.mode() + ": run " + Texts.argv(p.command());
    }

    private static StepResult swap(StepContext context, With p) throws IOException {
        String docroot = p.docroot().orElseThrow(() -> new Parameters.ParameterException("docroot", "is required with method: docroot"));
        Path path = context.workingDirectory().resolve(docroot).toAbsolutePath().normalize();
        DocrootSwap swap = new DocrootSwap(path);
        DocrootSwap.Outcome outcome;
        if (p.on()) {
            if (p.page().isEmpty() && !swap.isOn()) throw new Parameters.ParameterException("page", "is required to turn maintenance on with method: docroot");
            outcome = p.page().isPresent() ? swap.on(p.page().get())
                    : new DocrootSwap.Outcome(false, "already on: " + path + " serves the notice page", swap.siteFiles());
        } else {
            outcome = swap.off();
        }
        Map<String, Object> value = registered(p.on(), outcome.changed());
        value.put("site", outcome.siteFiles().toString());
        return StepResult.succeeded(context.mask(outcome.message()), "", value);
    }

    private static StepResult command(StepContext context, With p) throws IOException {
        boolean on = p.on();
        List<String> argv = p.command();
        if (argv.isEmpty() || argv.get(0).isBlank()) throw new Parameters.ParameterException("command", "is required with method: command");
        Optional<Path> marker = laravelDownFile(argv, context.workingDirectory());
        if (marker.isPresent() && Files.exists(marker.get()) == on) {
            return StepResult.succeeded(context.mask("already " + (on ? "on" : "off") + ": " + marker.get()
                    + (on ? " exists" : " does not exist") + "; did not run " + Texts.argv(argv)), "", registered(on, false));
        }
        Duration timeout = context.timeout().filter(t -> t.compareTo(COMMAND_CAP) < 0).orElse(COMMAND_CAP);
        ProcessRunner.Outcome outcome;
        try {
            outcome = ProcessRunner.run(new ProcessRunner.Request(argv, Map.of(), context.workingDirectory(), null, timeout, OUTPUT_LIMIT), context);
        } catch (ProgramNotStartedException e) {
            return StepResult.failed(context.mask(e.getMessage()));
        }
        String output = context.mask((outcome.stdout().text() + outcome.stderr().text()).strip());
        if (outcome.timedOut()) return StepResult.failed(context.mask(Texts.argv(argv) + " timed out after " + Durations.format(timeout)), output);
        if (outcome.exitCode() != 0) {
            return StepResult.failed(context.mask(Texts.argv(argv) + " exited " + outcome.exitCode() + ": " + Texts.lastLine(output, 200)), output);
        }
        return StepResult.succeeded(context.mask("maintenance " + (on ? "on" : "off") + ": ran " + Texts.argv(argv)), output, registered(on, true));
    }

    /** For {@code php artisan down}: the file Laravel keeps while the site is down, beside artisan. */
    private static Optional<Path> laravelDownFile(List<String> argv, Path workingDirectory) {
        for (String word : argv) {
            Path path = Path.of(word);
            if (path.getFileName() != null && path.getFileName().toString().equals("artisan")) {
                Path artisan = workingDirectory.resolve(path).toAbsolutePath().normalize();
                if (Files.isRegularFile(artisan)) return Optional.of(artisan.resolveSibling("storage/framework/down"));
            }
        }
        return Optional.empty();
    }

    private static Map<String, Object> registered(boolean on, boolean changed) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("mode", on ? "on" : "off");
        value.put("changed", changed);
        return value;
    }
}
