package dev.upbook.run;

import dev.upbook.journal.Journal;
import dev.upbook.journal.Journals;
import dev.upbook.lint.Compilation;
import dev.upbook.lint.PlaybookCompiler;
import dev.upbook.plan.Plan;
import dev.upbook.plan.Planner;
import dev.upbook.resolve.Resolver;
import dev.upbook.resolve.VersionGraph;
import dev.upbook.spec.ast.Playbook;
import dev.upbook.spec.diag.Diagnostic;
import dev.upbook.spec.spi.StepType;
import dev.upbook.spec.spi.StepTypes;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Compiles a playbook text with the test step types, and runs it with the executor against a SQLite journal. */
final class Harness implements AutoCloseable {
    final Effects effects = new Effects();
    final Path dir;
    final Journal journal;
    final StringWriter output = new StringWriter();
    final StepTypes types;
    Executor.Hooks hooks = Executor.Hooks.NONE;
    Operator operator = Operator.nobody();
    Executor.Settings settings;
    Path playbookFile;
    Compilation compilation;

    Harness(Path dir) {
        this(dir, Journals.open(dir.resolve("journal.db").toString()));
    }

    Harness(Path dir, Journal journal) {
        this.dir = dir;
        this.journal = journal;
        List<StepType> all = new ArrayList<>(StepTypes.load(Harness.class.getClassLoader()).all());
        all.addAll(effects.types());
        this.types = StepTypes.of(all);
        this.settings = Executor.Settings.of("test", dir).assumeYes(true);
    }

    Harness playbook(String yaml) {
        try {
            playbookFile = dir.resolve("playbook.yaml");
            Files.writeString(playbookFile, yaml);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        compilation = new PlaybookCompiler(types).compile(playbookFile);
        List<Diagnostic> errors = compilation.diagnostics().stream().filter(Diagnostic::isError).toList();
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(errors.stream().map(Diagnostic::format).collect(Collectors.joining("\n")));
        }
        return this;
    }

    Playbook book() {
        return compilation.playbook().orElseThrow();
    }

    Plan plan(String from, String to) {
        VersionGraph graph = compilation.graph().orElseThrow();
        try {
            return Planner.plan(book(), graph, new Resolver(graph).resolve(graph.scheme().parse(from), graph.scheme().parse(to))
                    .found().orElseThrow());
        } catch (dev.upbook.spec.version.VersionSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    InputValues inputs(Map<String, String> vars) {
        return InputValues.resolve(book().inputs(), vars, null, Map.of(), name -> null, dir);
    }

    /** An owner whose process is gone, as a crashed upbook's would be after a restart. */
    static Journal.Owner deadOwner() {
        try {
            Process p = new ProcessBuilder("true").start();
            p.waitFor();
            return new Journal.Owner(System.getProperty("user.name"), dev.upbook.journal.Owners.hostName(), p.pid(),
                    Instant.now().minusSeconds(5));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    Executor executor(Journal.Owner owner, RunControl control) {
        return new Executor(journal, types, new LineProgress(new PrintWriter(output, true), new PrintWriter(output, true), false), operator, owner, control, hooks,
                Clock.systemUTC());
    }

    Outcome run(String from, String to) {
        return run(from, to, Map.of());
    }

    Outcome run(String from, String to, Map<String, String> vars) {
        return executor(deadOwner(), new RunControl()).start(playbookFile, book(), plan(from, to), inputs(vars), settings);
    }

    Outcome resume() {
        return resume(Map.of());
    }

    Outcome resume(Map<String, String> vars) {
        Journal.RunRecord run = journal.latestRun(settings.installation()).orElseThrow();
        return executor(deadOwner(), new RunControl()).resume(run, book(), plan(run.fromVersion(), run.toVersion()), inputs(vars),
                settings);
    }

    List<Journal.StepRecord> steps() {
        return journal.steps(journal.latestRun(settings.installation()).orElseThrow().id());
    }

    Optional<Journal.RunRecord> latest() {
        return journal.latestRun(settings.installation());
    }

    @Override
    public void close() {
        journal.close();
    }
}
