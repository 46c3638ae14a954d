package dev.upbook.cli;

import dev.upbook.journal.Journal;
import dev.upbook.lint.Compilation;
import dev.upbook.plan.Plan;
import dev.upbook.run.DryRun;
import dev.upbook.run.Executor;
import dev.upbook.run.InputValues;
import dev.upbook.run.Outcome;
import dev.upbook.run.Progress;
import dev.upbook.run.RunProblem;
import dev.upbook.spec.ast.Playbook;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code upbook run PLAYBOOK --to B}: plans and executes an upgrade, journaled, resumable. */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Upgrade an installation: resolve the path, check every precondition, then execute the steps in order,",
            "recording each one in the journal before and after it runs. Interrupted runs continue with 'upbook resume'.",
            "Exit codes: 0 done (or nothing to do), 4 a step failed, 5 a precondition failed, 6 the operator must decide,",
            "7 locked by another run, 8 stopped cleanly (--max-steps, Ctrl-C)."
        })
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PLAYBOOK", description = "The playbook file.")
    Path playbook;

    @Option(names = "--to", paramLabel = "VERSION", description = "The target version (required, except for a procedure: the version stays).")
    String to;

    @Option(names = "--from", paramLabel = "VERSION",
            description = "The installed version. Default: detected with the playbook's 'detect', else the journal's last completed run.")
    String from;

    @Option(names = "--dry-run", description = "Print what would run, with rendered parameters (secrets masked); execute nothing.")
    boolean dryRun;

    @Mixin
    JournalOptions journalOptions;

    @Mixin
    RunOptions options;

    @Override
    public Integer call() {
        Compilation compilation = CompiledPlaybook.compileOrFail(playbook, spec);
        Playbook book = compilation.playbook().orElseThrow();
        if (to == null && book.procedure().isEmpty()) throw new CommandException(ExitCode.USAGE, "missing --to: the version to upgrade to");
        Progress progress = RunSupport.progress(spec, options);
        try {
            InputValues inputs = InputValues.resolve(book.inputs(), options.vars, options.varsFile, Map.of(), System::getenv,
                    playbook.toAbsolutePath().getParent());
            Executor.Settings settings = RunSupport.settings(journalOptions, options, Optional.empty());
            if (dryRun) {
                String source = from != null ? from : "";
                if (source.isEmpty()) {
                    throw new CommandException(ExitCode.USAGE, "--dry-run needs --from (it detects nothing and reads no journal)");
                }
                Plan plan = RunSupport.plan(compilation, source, to);
                spec.commandLine().getOut().print(DryRun.render(book, plan, inputs, compilationTypes(), settings));
                spec.commandLine().getOut().flush();
                return ExitCode.OK.code();
            }
            try (Journal journal = journalOptions.open()) {
                Executor executor = RunSupport.executor(journal, progress);
                String source = from != null ? from : installed(executor, journal, book, inputs, settings);
                Plan plan = RunSupport.plan(compilation, source, to);
                Outcome outcome = executor.start(playbook, book, plan, inputs, settings);
                return RunSupport.exitCode(outcome.kind()).code();
            }
        } catch (RunProblem p) {
            throw RunSupport.problem(p);
        }
    }

    private static dev.upbook.spec.spi.StepTypes compilationTypes() {
        return dev.upbook.lint.PlaybookCompiler.standard().stepTypes();
    }

    /** The installed version: detected, or the target of the installation's last completed run. */
    private String installed(Executor executor, Journal journal, Playbook book, InputValues inputs, Executor.Settings settings) {
        Optional<String> detected = executor.detect(book, inputs, settings, to != null ? to : "");
        if (detected.isPresent()) return detected.get();
        return journal.history(settings.installation(), 50).stream()
                .filter(r -> r.status().stepsDone()).findFirst()
                .map(Journal.RunRecord::toVersion)
                .orElseThrow(() -> new CommandException(ExitCode.USAGE, "cannot tell the installed version of installation '"
                        + settings.installation() + "': the playbook has no 'detect' and the journal no completed run; give --from"));
    }
}
