package dev.upbook.cli;

import dev.upbook.journal.Journal;
import dev.upbook.report.run.RunReport;
import dev.upbook.report.run.RunReportWriter;
import dev.upbook.report.run.RunReports;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code upbook report}: a run's report (review, path, steps, captures, decisions) in md, json, junit or html. */
@Command(name = "report",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Write a run's report: review items with evidence, the path taken, every step (state, attempts,"
                + " duration), captured values and operator decisions, secrets masked. Formats: md, json, junit (JUnit XML:"
                + " review items as test cases) and html (one self-contained file with a timeline chart).")
final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    JournalOptions journalOptions;

    @Parameters(index = "0", arity = "0..1", paramLabel = "RUN", description = "A run id (default: the installation's newest run).")
    Long runId;

    @Option(names = {"-f", "--format"}, defaultValue = "md", paramLabel = "FORMAT", description = "md, json, junit or html (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write the report to FILE (replaced atomically) instead of standard output, and print its path.")
    Path output;

    enum Format {
        md(RunReportWriter::markdown), json(RunReportWriter::json), junit(RunReportWriter::junit), html(RunReportWriter::html);

        private final Supplier<RunReportWriter> writer;

        Format(Supplier<RunReportWriter> writer) {
            this.writer = writer;
        }
    }

    @Override
    public Integer call() {
        try (Journal journal = journalOptions.open()) {
            long id = runId == null ? journalOptions.latestRun(journal).id() : runId;
            if (journal.run(id).isEmpty()) throw new CommandException(ExitCode.USAGE, noSuchRun(journal, id));
            RunReport report = RunReports.from(journal, id);
            PrintWriter out = spec.commandLine().getOut();
            RunReportWriter writer = format.writer.get();
            Output.write(output, out, w -> writer.write(report, w));
            if (output != null) {
                out.println(output);
                out.flush();
            }
            return ExitCode.OK.code();
        }
    }

    private String noSuchRun(Journal journal, long id) {
        String installation = journalOptions.installation;
        List<Journal.RunRecord> runs = journal.history(installation, 10);
        String where = "there is no run #" + id + " in " + journal.describe() + "; ";
        if (!runs.isEmpty()) {
            return where + "installation '" + installation + "' has " + runs.stream().map(r -> "#" + r.id() + " (" + r.status().label() + ")")
                    .collect(Collectors.joining(", ")) + (runs.size() == 10 ? " and older (upbook history)" : "");
        }
        List<String> installations = journal.installations();
        return where + (installations.isEmpty() ? "it has no runs yet"
                : "installation '" + installation + "' has no runs; installations with runs: " + String.join(", ", installations));
    }
}
