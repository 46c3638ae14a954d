package dev.upbook.cli;

import dev.upbook.journal.Journal;
import dev.upbook.journal.Owners;
import dev.upbook.lint.Compilation;
import dev.upbook.lint.PlaybookCompiler;
import dev.upbook.plan.Plan;
import dev.upbook.plan.Planner;
import dev.upbook.resolve.Resolution;
import dev.upbook.resolve.Resolver;
import dev.upbook.resolve.VersionGraph;
import dev.upbook.run.CrashDrill;
import dev.upbook.run.Executor;
import dev.upbook.run.InputValues;
import dev.upbook.run.LineProgress;
import dev.upbook.run.NdjsonProgress;
import dev.upbook.run.Operator;
import dev.upbook.run.Outcome;
import dev.upbook.run.Progress;
import dev.upbook.run.RunControl;
import dev.upbook.run.RunProblem;
import dev.upbook.spec.ast.Playbook;
import dev.upbook.spec.ast.Procedure;
import dev.upbook.spec.diag.Diagnostics;
import dev.upbook.spec.version.Version;
import dev.upbook.spec.version.VersionRange;
import dev.upbook.spec.version.VersionSyntaxException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/** What {@code run} and {@code resume} share: progress, the executor, plans and exit codes. */
final class RunSupport {
    private RunSupport() {}

    static Progress progress(CommandSpec spec, RunOptions options) {
        PrintWriter out = spec.commandLine().getOut();
        if (options.output == RunOptions.ProgressFormat.ndjson) return new NdjsonProgress(out);
        return new LineProgress(out, spec.commandLine().getErr(), System.console() != null && "true".equals(System.getProperty("upbook.live", "true")));
    }

    static Executor executor(Journal journal, Progress progress) {
        Runnable notice = () -> progress.warn(
                "stop requested: the run ends after the current step is recorded (a second Ctrl-C kills the step's processes)");
        RunControl control = Main.ownsProcess ? RunControl.withSignalHandlers(notice) : new RunControl();
        Executor.Hooks hooks;
        try {
            hooks = CrashDrill.parse(System.getenv(CrashDrill.VARIABLE), System.err).<Executor.Hooks>map(d -> d).orElse(Executor.Hooks.NONE);
        } catch (IllegalArgumentException e) {
            throw new CommandException(ExitCode.USAGE, e.getMessage());
        }
        if (hooks != Executor.Hooks.NONE) {
            progress.warn("crash drill armed: " + CrashDrill.VARIABLE + "=" + System.getenv(CrashDrill.VARIABLE)
                    + " halts this process as kill -9 would; unset it for a real run");
        }
        return new Executor(journal, PlaybookCompiler.standard().stepTypes(), progress, Operator.console(), Owners.current(), control,
                hooks, Clock.systemUTC());
    }

    static Executor.Settings settings(JournalOptions journal, RunOptions options, java.util.Optional<String> acceptDrift) {
        if (options.maxSteps < 0) throw new CommandException(ExitCode.USAGE, "--max-steps must be 0 (no limit) or more");
        return Executor.Settings.of(journal.installation, Path.of("").toAbsolutePath())
                .assumeYes(options.yes).maxSteps(options.maxSteps).acceptDrift(acceptDrift).version(UpbookVersion.current());
    }

    /**
     * The plan from {@code from} to {@code to}; for a procedure ({@code to} may be null: the version
     * stays) the procedure's plan at {@code from}, which must lie in the procedure's {@code at}.
     */
    static Plan plan(Compilation compilation, String from, String to) {
        VersionGraph graph = compilation.graph().orElseThrow();
        Version source = version(graph, from, "--from");
        Playbook book = compilation.playbook().orElseThrow();
        if (book.procedure().isPresent()) return procedure(book, graph, source, to);
        if (to == null) throw new CommandException(ExitCode.USAGE, "missing --to: the version to upgrade to");
        Version target = version(graph, to, "--to");
        Resolution resolution = new Resolver(graph).resolve(source, target);
        if (!resolution.isFound()) {
            throw new CommandException(ExitCode.NO_PATH, ((Resolution.Refused) resolution).message());
        }
        return Planner.plan(compilation.playbook().orElseThrow(), graph, resolution.found().orElseThrow());
    }

    private static Plan procedure(Playbook book, VersionGraph graph, Version source, String to) {
        Procedure procedure = book.procedure().orElseThrow();
        if (to != null && version(graph, to, "--to").compareTo(source) != 0) {
            throw new CommandException(ExitCode.USAGE, "this playbook is a procedure ('" + procedure.title() + "'): the version stays "
                    + source.text() + "; leave out --to (or give --to " + source.text() + ")");
        }
        Diagnostics diags = new Diagnostics();
        VersionRange at = PlaybookCompiler.procedureRange(book, graph, diags)
                .orElseThrow(() -> new CommandException(ExitCode.LINT_ERRORS, diags.sorted().get(0).format()));
        if (!graph.isRelease(source)) {
            throw new CommandException(ExitCode.NO_PATH, "the procedure '" + procedure.title() + "' runs on an installation at a release"
                    + " of this playbook; " + source.text() + " is not one (releases: "
                    + String.join(", ", graph.releases().stream().map(Version::text).toList()) + ")");
        }
        if (graph.blockedMark(source).isPresent()) {
            throw new CommandException(ExitCode.NO_PATH, "the procedure '" + procedure.title() + "' cannot run at " + source.text()
                    + ": that version is blocked (" + graph.blockedMark(source).get().reason().strip() + ")");
        }
        if (!at.contains(source)) {
            throw new CommandException(ExitCode.NO_PATH, "the procedure '" + procedure.title() + "' runs on an installation at "
                    + procedure.range().value() + ", not at " + source.text()
                    + (procedure.reason().isBlank() ? "" : ": " + procedure.reason().strip()));
        }
        return Planner.procedure(book, graph, source);
    }

    static Version version(VersionGraph graph, String text, String option) {
        try {
            return graph.scheme().parse(text);
        } catch (VersionSyntaxException e) {
            throw new CommandException(ExitCode.USAGE, "invalid value for option '" + option + "': " + e.getMessage());
        }
    }

    static ExitCode exitCode(Outcome.Kind kind) {
        switch (kind) {
            case SUCCEEDED: return ExitCode.OK;
            case STEP_FAILED: return ExitCode.STEP_FAILED;
            case PRECONDITION_FAILED: return ExitCode.PRECONDITION_FAILED;
            case DECISION_NEEDED: return ExitCode.DECISION_NEEDED;
            case LOCKED: return ExitCode.LOCKED;
            case STOPPED: return ExitCode.STOPPED;
            case NEEDS_REVIEW: return ExitCode.NEEDS_REVIEW;
            default: return ExitCode.USAGE;
        }
    }

    /** A problem found before the executor started: its message as a one-line (or listed) error. */
    static CommandException problem(RunProblem p) {
        return new CommandException(exitCode(p.kind()), p.getMessage());
    }

    /** A recorded run with what continuing it needs: its playbook (compiled), plan and inputs. */
    record Continued(Journal.RunRecord run, Playbook playbook, Plan plan, InputValues inputs) {}

    /**
     * The installation's latest run, its playbook (the file it was started with unless
     * {@code playbookOverride}), the plan between its versions, and its inputs (the remembered
     * non-secret ones, then {@code --var}, env and files) — for resume and review.
     */
    static Continued continued(Journal journal, JournalOptions journalOptions, Path playbookOverride, RunOptions options,
            CommandSpec spec) {
        Journal.RunRecord run = journalOptions.latestRun(journal);
        Path file = playbookOverride != null ? playbookOverride : Path.of(run.playbookPath());
        Compilation compilation = CompiledPlaybook.compileOrFail(file, spec);
        Playbook book = compilation.playbook().orElseThrow();
        InputValues inputs = InputValues.resolve(book.inputs(), options.vars, options.varsFile, remembered(run), System::getenv,
                file.toAbsolutePath().getParent());
        return new Continued(run, book, plan(compilation, run.fromVersion(), run.toVersion()), inputs);
    }

    /** The non-secret inputs the run was started with (journaled as JSON). */
    static Map<String, Object> remembered(Journal.RunRecord run) {
        try {
            Map<?, ?> m = new com.fasterxml.jackson.databind.ObjectMapper().readValue(run.inputsJson(), Map.class);
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), v));
            return out;
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            return Map.of();
        }
    }
}
