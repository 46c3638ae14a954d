package dev.upbook.cli;

import dev.upbook.journal.Journal;
import dev.upbook.journal.LockedException;
import dev.upbook.journal.LostLockException;
import dev.upbook.journal.Owners;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code upbook abandon --reason TEXT}: gives up the installation's unfinished run, so that a new run may start. */
@Command(name = "abandon",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Give up the installation's unfinished run (journaled with the reason); it cannot be resumed afterwards.")
final class AbandonCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why (journaled).")
    String reason;

    @Mixin
    JournalOptions journalOptions;

    @Override
    public Integer call() {
        try (Journal journal = journalOptions.open()) {
            Journal.RunRecord run = journalOptions.latestRun(journal);
            if (run.status().isFinal()) {
                throw new CommandException(ExitCode.USAGE, "run #" + run.id() + " of installation '" + journalOptions.installation
                        + "' is " + run.status().label() + "; there is no unfinished run to abandon");
            }
            Journal.Owner me = Owners.current();
            Journal.Lease lease = journal.acquire(run.installation(), me, Duration.ofSeconds(30));
            try {
                journal.decide(new Journal.Decision(run.id(), run.installation(), Optional.empty(), Journal.DecisionKind.ABANDON, reason,
                        me, Instant.now()));
                journal.runStatus(lease, run.id(), Journal.RunStatus.ABANDONED, Instant.now(), "abandoned: " + reason);
            } finally {
                journal.release(lease);
            }
            spec.commandLine().getOut().println("Abandoned run #" + run.id() + " (journaled).");
            spec.commandLine().getOut().flush();
            return ExitCode.OK.code();
        } catch (LockedException e) {
            throw new CommandException(ExitCode.LOCKED, e.getMessage());
        } catch (LostLockException e) {
            throw new CommandException(ExitCode.LOCKED, e.getMessage());
        }
    }
}
