package dev.upbook.cli;

import dev.upbook.journal.Journal;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code upbook history}: the installation's runs, newest first. */
@Command(name = "history",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "List the installation's runs, newest first: id, versions, status, when and by whom.")
final class HistoryCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    JournalOptions journalOptions;

    @Option(names = {"-n", "--limit"}, defaultValue = "20", paramLabel = "N", description = "How many runs (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--all-installations", description = "List the installations the journal knows instead.")
    boolean installations;

    @Override
    public Integer call() {
        try (Journal journal = journalOptions.open()) {
            PrintWriter out = spec.commandLine().getOut();
            if (installations) {
                journal.installations().forEach(out::println);
                out.flush();
                return ExitCode.OK.code();
            }
            List<Journal.RunRecord> runs = journal.history(journalOptions.installation, Math.max(1, limit));
            if (runs.isEmpty()) {
                out.println("Installation '" + journalOptions.installation + "' has no runs in " + journal.describe() + ".");
            } else {
                Table table = new Table("").row("RUN", "FROM", "TO", "STATUS", "STARTED", "ENDED", "BY", "MESSAGE");
                for (Journal.RunRecord r : runs) {
                    table.row("#" + r.id(), r.fromVersion(), r.toVersion(), r.status().label(), r.started().toString(),
                            r.ended().map(Object::toString).orElse("—"), r.owner().describe(), r.message().lines().findFirst().orElse(""));
                }
                out.print(table.render());
            }
            out.flush();
            return ExitCode.OK.code();
        }
    }
}
