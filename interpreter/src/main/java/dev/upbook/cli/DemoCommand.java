package dev.upbook.cli;

import dev.upbook.journal.Journal;
import dev.upbook.journal.Journals;
import dev.upbook.lint.Compilation;
import dev.upbook.plan.Plan;
import dev.upbook.plan.PlanPrinter;
import dev.upbook.run.Executor;
import dev.upbook.run.InputValues;
import dev.upbook.run.Outcome;
import dev.upbook.spec.ast.Playbook;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code upbook demo}: builds a sandbox installation of the example "hello" product at 1.0.0 in a
 * new directory and upgrades it to 1.2.0 on the embedded default journal (a SQLite file in that
 * directory): plan, progress, the journal's view, and the commands to look further.
 */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Upgrade a sandbox installation of the example product (dsl-spec/examples/hello.playbook.yaml) from 1.0.0 to",
            "1.2.0 in a new directory, with a SQLite journal there: shows the plan, the run and its journal."
        })
final class DemoCommand implements Callable<Integer> {
    static final String PLAYBOOK = "hello.playbook.yaml";

    @Spec
    CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR", description = "Where to build the sandbox (default: a new directory under the temp directory).")
    Path dir;

    @Option(names = "--max-steps", paramLabel = "N", defaultValue = "0",
            description = "End after N steps, to try 'upbook resume' on the sandbox (see the commands printed at the end).")
    int maxSteps;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "Progress format: text or ndjson.")
    RunOptions.ProgressFormat output;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Path root = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("upbook-demo-");
        if (Files.exists(root.resolve("journal.db"))) {
            throw new CommandException(ExitCode.USAGE, root + " already has a demo journal; give another --dir");
        }
        Path playbook = root.resolve(PLAYBOOK);
        try (InputStream in = DemoCommand.class.getResourceAsStream("/dev/upbook/demo/" + PLAYBOOK)) {
            if (in == null) throw new IllegalStateException("the demo playbook is missing from the jar");
            Files.copy(in, playbook);
        }
        Path site = Files.createDirectories(root.resolve("hello-site"));
        Files.writeString(site.resolve("VERSION"), "1.0.0\n");
        String token = "demo-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(6));
        String state = root.resolve("journal.db").toString();
        // the secret input's file source, readable by its owner only, so that 'upbook resume' finds it too
        Path tokenFile = root.resolve("admin-token.txt");
        Files.writeString(tokenFile, token + "\n");
        try {
            Files.setPosixFilePermissions(tokenFile, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the file keeps the default permissions
        }

        out.println("Sandbox: " + root + " (hello-site/ at 1.0.0, journal.db, " + PLAYBOOK + ")");
        out.println("The secret input admin_token is in admin-token.txt (" + token.substring(0, 5) + "…); it must never show below.");
        out.println();
        Compilation compilation = CompiledPlaybook.compileOrFail(playbook, spec);
        Playbook book = compilation.playbook().orElseThrow();
        InputValues inputs = InputValues.resolve(book.inputs(), Map.of("site", site.toString()), null, Map.of(), name -> null, root);
        Plan plan = RunSupport.plan(compilation, "1.0.0", "1.2.0");
        out.print(PlanPrinter.text(plan, false, null));
        out.println();
        out.flush();
        RunOptions options = new RunOptions();
        options.output = output;
        Executor.Settings settings = Executor.Settings.of("demo", root).maxSteps(maxSteps).assumeYes(true)
                .acceptDrift(Optional.empty()).version(UpbookVersion.current());
        try (Journal journal = Journals.open(state)) {
            Outcome outcome = RunSupport.executor(journal, RunSupport.progress(spec, options)).start(playbook, book, plan, inputs, settings);
            Journal.RunRecord run = journal.latestRun("demo").orElseThrow();
            out.println();
            out.print(StatusCommand.text(run, journal.steps(run.id()), journal.lock("demo"), journal.decisions(run.id())));
            out.println();
            String common = " --state " + state + " -i demo";
            Path report = root.resolve("report.html");
            try (java.io.Writer w = java.nio.file.Files.newBufferedWriter(report, java.nio.charset.StandardCharsets.UTF_8)) {
                dev.upbook.report.run.RunReportWriter.html().write(dev.upbook.report.run.RunReports.from(journal, run.id()), w);
            }
            out.println("Report: " + report + "  (one self-contained HTML file; also 'bin/upbook report" + common + " --format md')");
            out.println();
            out.println("Look further:");
            out.println("  bin/upbook status" + common);
            out.println("  bin/upbook history" + common);
            if (outcome.kind() == Outcome.Kind.STOPPED) {
                out.println("  bin/upbook resume" + common + "    # continues the run");
            } else {
                out.println("  cat " + site.resolve("VERSION"));
            }
            out.flush();
            return RunSupport.exitCode(outcome.kind()).code();
        }
    }
}
