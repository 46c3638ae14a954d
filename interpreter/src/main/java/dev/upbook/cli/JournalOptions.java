package dev.upbook.cli;

import dev.upbook.journal.Journal;
import dev.upbook.journal.JournalException;
import dev.upbook.journal.Journals;
import picocli.CommandLine.Option;

/** {@code --state} and {@code --installation}, shared by the commands that use the journal. */
final class JournalOptions {

    @Option(names = "--state", paramLabel = "URL",
            description = "The journal: a SQLite file path (default: $UPBOOK_STATE_DIR/journal.db or "
                    + "~/.local/state/upbook/journal.db) or jdbc:postgresql://HOST/DB for a shared store. Also $UPBOOK_STATE.")
    String state;

    @Option(names = {"-i", "--installation"}, paramLabel = "NAME", defaultValue = "default",
            description = "The installation the run belongs to (one lock and one run history each; default: ${DEFAULT-VALUE}).")
    String installation;

    String stateUrl() {
        if (state != null && !state.isBlank()) return state;
        String env = System.getenv("UPBOOK_STATE");
        return env != null && !env.isBlank() ? env : Journals.defaultState();
    }

    Journal open() {
        try {
            return Journals.open(stateUrl());
        } catch (JournalException e) {
            throw new CommandException(ExitCode.IO_ERROR, "cannot open the journal: " + e.getMessage());
        }
    }

    /** The installation's newest run, or a usage error saying it has none. */
    Journal.RunRecord latestRun(Journal journal) {
        return journal.latestRun(installation).orElseThrow(() -> new CommandException(ExitCode.USAGE, "installation '"
                + installation + "' has no run in " + journal.describe() + "; start one with 'upbook run'"));
    }
}
