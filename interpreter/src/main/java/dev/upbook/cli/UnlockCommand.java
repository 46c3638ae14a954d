package dev.upbook.cli;

import dev.upbook.journal.Journal;
import dev.upbook.journal.LockedException;
import dev.upbook.journal.Owners;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code upbook unlock}: frees an installation's lock whose holder is gone; {@code --force} frees a live one. Journaled. */
@Command(name = "unlock",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Free the installation's lock when its holder is gone (its process died, or its lease expired on another host).",
            "--force frees it even from a holder that looks alive; its next journal write then fails. Both are journaled."
        })
final class UnlockCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    JournalOptions journalOptions;

    @Option(names = "--force", description = "Free the lock even if its holder looks alive.")
    boolean force;

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why (journaled).")
    String reason;

    @Override
    public Integer call() {
        try (Journal journal = journalOptions.open()) {
            Optional<Journal.LockInfo> freed = journal.unlock(journalOptions.installation, Owners.current(), force, reason);
            spec.commandLine().getOut().println(freed
                    .map(l -> "Freed the lock of installation '" + journalOptions.installation + "' held by " + l.owner().describe()
                            + (force ? " (forced)" : "") + "; recorded in the journal.")
                    .orElse("Installation '" + journalOptions.installation + "' is not locked."));
            spec.commandLine().getOut().flush();
            return ExitCode.OK.code();
        } catch (LockedException e) {
            throw new CommandException(ExitCode.LOCKED, e.getMessage());
        }
    }
}
