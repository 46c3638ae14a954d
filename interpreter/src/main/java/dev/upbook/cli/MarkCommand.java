package dev.upbook.cli;

import dev.upbook.journal.Journal;
import dev.upbook.journal.LockedException;
import dev.upbook.journal.Owners;
import dev.upbook.spec.diag.Suggestions;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code upbook mark STEP --done|--retry --reason TEXT}: the operator's audited decision about a step in doubt. */
@Command(name = "mark",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Record the operator's decision about a step of the installation's current run, typically one that was",
            "interrupted and cannot tell whether it finished: --done (it finished; resume skips it) or --retry (resume runs",
            "it again). The decision, its reason and who made it are journaled."
        })
final class MarkCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "STEP", description = "The step instance id, e.g. 6.0.0..6.1.0/migrate (see 'upbook status').")
    String step;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Choice choice;

    static final class Choice {
        @Option(names = "--done", required = true, description = "The step finished: resume skips it.")
        boolean done;

        @Option(names = "--retry", required = true, description = "Run the step again on resume.")
        boolean retry;
    }

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why (journaled).")
    String reason;

    @Mixin
    JournalOptions journalOptions;

    @Override
    public Integer call() {
        try (Journal journal = journalOptions.open()) {
            Journal.RunRecord run = journalOptions.latestRun(journal);
            if (run.status().isFinal()) {
                throw new CommandException(ExitCode.USAGE, "run #" + run.id() + " is " + run.status().label()
                        + "; there is nothing to decide");
            }
            Journal.StepRecord record = journal.step(run.id(), step).orElseThrow(() -> new CommandException(ExitCode.USAGE,
                    "run #" + run.id() + " has no step '" + step + "'; " + Suggestions.didYouMean(step,
                            journal.steps(run.id()).stream().map(Journal.StepRecord::instanceId).toList(), "see 'upbook status'")));
            if (choice.done && record.state() == Journal.StepState.SUCCEEDED) {
                throw new CommandException(ExitCode.USAGE, step + " already succeeded");
            }
            Journal.DecisionKind kind = choice.done ? Journal.DecisionKind.MARK_DONE : Journal.DecisionKind.MARK_RETRY;
            journal.decide(new Journal.Decision(run.id(), run.installation(), Optional.of(step), kind, reason, Owners.current(),
                    Instant.now()));
            spec.commandLine().getOut().println("Marked " + step + (choice.done ? " done" : " for a retry") + " in run #" + run.id()
                    + " (journaled); continue with 'upbook resume'.");
            spec.commandLine().getOut().flush();
            return ExitCode.OK.code();
        } catch (LockedException e) {
            throw new CommandException(ExitCode.LOCKED, e.getMessage());
        }
    }
}
