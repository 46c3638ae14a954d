package dev.upbook.cli;

import dev.upbook.journal.Journal;
import dev.upbook.journal.LockedException;
import dev.upbook.run.Outcome;
import dev.upbook.run.RunProblem;
import dev.upbook.spec.diag.Suggestions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code upbook review}: evaluates the post-upgrade review of the installation's latest run again
 * and prints the table; {@code upbook review sign|reject ITEM --by NAME} records an operator's
 * sign-off or rejection of an item. A run is complete only when every blocking item passed or was
 * signed off; otherwise it needs review (exit 9).
 */
@Command(name = "review",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        subcommands = {ReviewCommand.Sign.class, ReviewCommand.Reject.class},
        description = {
            "Evaluate the review of the installation's latest run again (whole-run items, and hop items that did not",
            "pass; signed-off or rejected items are kept) and print the review table. The run becomes complete when every",
            "blocking item passed or was signed off. 'upbook review sign ITEM --by NAME' signs an item off."
        })
final class ReviewCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--playbook", paramLabel = "FILE", description = "The playbook (default: the file the run was started with).")
    Path playbook;

    @Mixin
    JournalOptions journalOptions;

    @Mixin
    RunOptions options;

    @Override
    public Integer call() {
        try (Journal journal = journalOptions.open()) {
            RunSupport.Continued c = RunSupport.continued(journal, journalOptions, playbook, options, spec);
            Outcome outcome = RunSupport.executor(journal, RunSupport.progress(spec, options))
                    .review(c.run(), c.playbook(), c.plan(), c.inputs(), RunSupport.settings(journalOptions, options, Optional.empty()));
            return RunSupport.exitCode(outcome.kind()).code();
        } catch (RunProblem p) {
            throw RunSupport.problem(p);
        }
    }

    /** The review item an operator names: its full id ({@code review/staff-login}) or its last part ({@code staff-login}). */
    static String item(Journal journal, Journal.RunRecord run, String named) {
        List<String> ids = journal.review(run.id()).stream().map(Journal.ReviewRecord::itemId).toList();
        if (ids.contains(named)) return named;
        List<String> matching = ids.stream().filter(id -> id.endsWith("/" + named)).toList();
        if (matching.size() == 1) return matching.get(0);
        if (matching.size() > 1) {
            throw new CommandException(ExitCode.USAGE, "'" + named + "' names several review items of run #" + run.id() + ": "
                    + String.join(", ", matching) + "; give the full id");
        }
        throw new CommandException(ExitCode.USAGE, "run #" + run.id() + " has no review item '" + named + "'; "
                + (ids.isEmpty() ? "its review has not been evaluated yet (it is evaluated after the last step)"
                        : Suggestions.didYouMean(named, ids, "its items: " + String.join(", ", ids))));
    }

    /** Shared by sign and reject. */
    abstract static class Decide implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "0..*", paramLabel = "ITEM",
                description = "Review items, e.g. staff-login or review/6.0.0..6.1.0/views (several at once are allowed).")
        List<String> items = new ArrayList<>();

        @Option(names = "--by", required = true, paramLabel = "NAME", description = "Who decides (journaled with the time).")
        String by;

        @Mixin
        JournalOptions journalOptions;

        @Mixin
        RunOptions options;

        abstract boolean accepted();

        abstract String note();

        /** The items named, or (sign --all-pending) every pending manual item of the run. */
        List<String> chosen(Journal journal, Journal.RunRecord run) {
            if (items.isEmpty()) throw new CommandException(ExitCode.USAGE, "name the review item(s) to decide about (see 'upbook status')");
            List<String> ids = new ArrayList<>();
            for (String named : items) ids.add(item(journal, run, named));
            return ids;
        }

        @Override
        public Integer call() {
            if (by.isBlank()) throw new CommandException(ExitCode.USAGE, "--by needs a name");
            try (Journal journal = journalOptions.open()) {
                Journal.RunRecord run = journalOptions.latestRun(journal);
                List<String> ids = chosen(journal, run);
                Outcome outcome = RunSupport.executor(journal, RunSupport.progress(spec, options))
                        .sign(run, ids, accepted(), by.strip(), note(), RunSupport.settings(journalOptions, options, Optional.empty()));
                return RunSupport.exitCode(outcome.kind()).code();
            } catch (LockedException e) {
                throw new CommandException(ExitCode.LOCKED, e.getMessage());
            }
        }
    }

    @Command(name = "sign", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Sign off a review item (a manual instruction carried out, or a failed check accepted).")
    static final class Sign extends Decide {
        @Option(names = "--note", paramLabel = "TEXT", description = "What was checked (journaled).")
        String note = "";

        @Option(names = "--all-pending", description = "Sign off every manual item that awaits sign-off (instead of naming them).")
        boolean allPending;

        @Override
        List<String> chosen(Journal journal, Journal.RunRecord run) {
            if (!allPending) return super.chosen(journal, run);
            if (!items.isEmpty()) throw new CommandException(ExitCode.USAGE, "give either ITEM names or --all-pending, not both");
            List<String> pending = journal.review(run.id()).stream()
                    .filter(r -> r.kind().equals("manual") && r.state() == Journal.ReviewState.PENDING)
                    .map(Journal.ReviewRecord::itemId).toList();
            if (pending.isEmpty()) throw new CommandException(ExitCode.USAGE, "run #" + run.id() + " has no manual item awaiting sign-off");
            return pending;
        }

        @Override boolean accepted() { return true; }

        @Override String note() { return note; }
    }

    @Command(name = "reject", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Reject a review item: the run stays in need of review until it is fixed and signed off.")
    static final class Reject extends Decide {
        @Option(names = "--note", required = true, paramLabel = "TEXT", description = "What is wrong (journaled).")
        String note;

        @Override boolean accepted() { return false; }

        @Override String note() { return note; }
    }
}
