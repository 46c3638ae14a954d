package dev.upbook.cli;

import dev.upbook.journal.Journal;
import dev.upbook.lint.Compilation;
import dev.upbook.plan.Plan;
import dev.upbook.run.Executor;
import dev.upbook.run.InputValues;
import dev.upbook.run.Outcome;
import dev.upbook.run.RunProblem;
import dev.upbook.spec.ast.Playbook;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
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
            Journal.RunRecord run = journalOptions.latestRun(journal);
            Path file = playbook != null ? playbook : Path.of(run.playbookPath());
            Compilation compilation = CompiledPlaybook.compileOrFail(file, spec);
            Playbook book = compilation.playbook().orElseThrow();
            Map<String, Object> remembered = remembered(run);
            InputValues inputs = InputValues.resolve(book.inputs(), options.vars, options.varsFile, remembered, System::getenv,
                    file.toAbsolutePath().getParent());
            Plan plan = RunSupport.plan(compilation, run.fromVersion(), run.toVersion());
            Executor.Settings settings = RunSupport.settings(journalOptions, options, Optional.ofNullable(acceptDrift));
            Outcome outcome = RunSupport.executor(journal, RunSupport.progress(spec, options)).resume(run, book, plan, inputs, settings);
            return RunSupport.exitCode(outcome.kind()).code();
        } catch (RunProblem p) {
            throw RunSupport.problem(p);
        }
    }

    private static Map<String, Object> remembered(Journal.RunRecord run) {
        try {
            Map<?, ?> m = new com.fasterxml.jackson.databind.ObjectMapper().readValue(run.inputsJson(), Map.class);
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), v));
            return out;
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            return Map.of();
        }
    }
}
