package dev.upbook.cli;

import dev.upbook.journal.Journal;
import dev.upbook.run.Executor;
import dev.upbook.run.Outcome;
import dev.upbook.run.RunProblem;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code upbook resume}: continues the installation's unfinished run from its first step that is not settled. */
@Command(name = "resume",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Continue the installation's unfinished run (stopped, failed, crashed or waiting for a decision) from its first",
            "step that is not done. A step that was interrupted while running is run again only when it is idempotent or its",
            "guard says it is not done; otherwise 'upbook mark' decides. Refuses when the playbook changed under the run."
        })
final class ResumeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--playbook", paramLabel = "FILE", description = "The playbook (default: the file the run was started with).")
    Path playbook;

    @Option(names = "--accept-drift", paramLabel = "REASON",
            description = "Continue although the playbook changed under the run; the reason and the difference are journaled.")
    String acceptDrift;

    @Mixin
    JournalOptions journalOptions;

    @Mixin
    RunOptions options;

    @Override
    public Integer call() {
        try (Journal journal = journalOptions.open()) {
            RunSupport.Continued c = RunSupport.continued(journal, journalOptions, playbook, options, spec);
            Executor.Settings settings = RunSupport.settings(journalOptions, options, Optional.ofNullable(acceptDrift));
            Outcome outcome = RunSupport.executor(journal, RunSupport.progress(spec, options))
                    .resume(c.run(), c.playbook(), c.plan(), c.inputs(), settings);
            return RunSupport.exitCode(outcome.kind()).code();
        } catch (RunProblem p) {
            throw RunSupport.problem(p);
        }
    }
}
