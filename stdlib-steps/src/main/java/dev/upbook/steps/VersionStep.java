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
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Step type {@code version}: Detects the installed version from the output of a command or a file, with a regular expression.
 *
 * <p>The command runs like {@code exec} without a shell, for at most {@value #COMMAND_CAP_SECONDS}
 * seconds; its stdout and stderr are searched together (many programs print their version on
 * stderr) and it must exit 0. The version is the pattern's first group (the whole match when it has
 * no group), trimmed. As a check with {@code equals}, it passes when the version found is that text
 * (compared exactly, surrounding spaces ignored); without {@code equals} it passes whenever a
 * version is found.
 */
@StepDefinition(name = "version", uses = {Use.STEP, Use.CHECK},
        summary = "Detects the installed version from the output of a command or a file, with a regular expression.",
        idempotency = "Pure check; always safe to repeat.",
        idempotent = true,
        registers = "The version found, as a String (also the check's value).",
        exactlyOneOf = "command|file")
public final class VersionStep extends DeclaredStepType {
    private static final long COMMAND_CAP_SECONDS = 30;
    private static final int OUTPUT_LIMIT = 65_536;
    private static final int SHOWN_CHARS = 200;

    /** The parameters under {@code with:}. */
    public record With(
            @Param(value = "argv whose output holds the version.",
                    example = "[\"/opt/mattermost/bin/platform\", \"-version\"]") List<String> command,
            @Param("A file that holds the version.") Optional<String> file,
            @Param(value = "A regular expression; its first group is the version.",
                    example = "\"Version: ([0-9]+\\\\.[0-9]+\\\\.[0-9]+)\"") String pattern,
            @Param("As a check: the version that must be found (e.g. {{ run.to }}).") Optional<String> equals) {

        /** The file is read only when no command is given (lint lets exactly one of them through). */
        boolean readsFile() {
            return command.isEmpty() && file.isPresent();
        }
    }

    public VersionStep() {
        super(VersionStepBinding.DECLARATION);
    }

    @Override
    public StepResult run(StepContext context) throws IOException {
        Detection d = detect(context, VersionStepBinding.bind(context.parameters()));
        if (d.version == null) return StepResult.failed(context.mask(d.problem));
        return StepResult.succeeded(context.mask("version " + d.version), "", d.version);
    }

    @Override
    public CheckResult check(StepContext context) throws IOException {
        With p = VersionStepBinding.bind(context.parameters());
        Detection d = detect(context, p);
        if (d.version == null) return CheckResult.fail(context.mask(d.problem));
        Optional<String> expected = p.equals().map(String::strip);
        if (expected.isEmpty()) return CheckResult.pass(context.mask("found " + d.version), d.version);
        String detail = context.mask("found " + d.version + ", expected " + expected.get());
        return new CheckResult(d.version.equals(expected.get()), detail, d.version);
    }

    @Override
    public String describe(Parameters parameters) {
        With p = VersionStepBinding.bind(parameters);
        String source = p.readsFile() ? "read " + p.file().get() : "run " + Texts.argv(p.command());
        String expected = p.equals().map(v -> ", expect " + v).orElse("");
        return "version: " + source + ", match /" + p.pattern() + "/" + expected;
    }

    /** The version found, or why none was. */
    private record Detection(String version, String problem) {}

    /** The text to search, or why it is not available. */
    private record Source(String text, String problem) {}

    private static Detection detect(StepContext context, With p) throws IOException {
        Pattern pattern;
        try {
            pattern = Pattern.compile(p.pattern());
        } catch (PatternSyntaxException e) {
            return new Detection(null, "pattern '" + p.pattern() + "' is not a regular expression: " + e.getDescription());
        }
        Source source = p.readsFile() ? fileContent(context, p.file().get()) : commandOutput(context, p.command());
        if (source.problem != null) return new Detection(null, source.problem);
        Matcher m = pattern.matcher(source.text);
        if (!m.find()) {
            return new Detection(null, "pattern '" + pattern.pattern() + "' does not match: "
                    + Texts.firstChars(source.text.strip(), SHOWN_CHARS));
        }
        String found = (m.groupCount() >= 1 && m.group(1) != null ? m.group(1) : m.group()).strip();
        return new Detection(found, null);
    }

    /** The command's stdout and stderr together. */
    private static Source commandOutput(StepContext context, List<String> argv) throws IOException {
        if (argv.isEmpty() || argv.get(0).isBlank()) return new Source(null, "command names no program");
        Duration cap = Duration.ofSeconds(COMMAND_CAP_SECONDS);
        Duration timeout = context.timeout().filter(t -> t.compareTo(cap) < 0).orElse(cap);
        ProcessRunner.Outcome outcome;
        try {
            outcome = ProcessRunner.run(new ProcessRunner.Request(argv, Map.of(), context.workingDirectory(), null,
                    timeout, OUTPUT_LIMIT), context);
        } catch (ProgramNotStartedException e) {
            return new Source(null, e.getMessage());
        }
        String output = outcome.stdout().text() + "\n" + outcome.stderr().text();
        if (outcome.timedOut()) return new Source(null, "command " + Texts.argv(argv) + " timed out after " + Durations.format(timeout));
        if (outcome.exitCode() != 0) {
            return new Source(null, "command " + Texts.argv(argv) + " exited " + outcome.exitCode() + ": "
                    + Texts.firstChars(output.strip(), SHOWN_CHARS));
        }
        return new Source(output, null);
    }

    private static Source fileContent(StepContext context, String file) throws IOException {
        Path path = context.workingDirectory().resolve(file);
        try (InputStream in = Files.newInputStream(path)) {
            return new Source(new String(in.readNBytes(OUTPUT_LIMIT), StandardCharsets.UTF_8), null);
        } catch (NoSuchFileException e) {
            return new Source(null, "file " + path + " does not exist");
        }
    }
}
