package dev.upbook.cli;

import dev.upbook.lint.FileReport;
import dev.upbook.lint.LintReport;
import dev.upbook.lint.Linter;
import dev.upbook.report.ReportContext;
import dev.upbook.report.ReportFormat;
import dev.upbook.report.Summary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code upbook lint PATH...}: checks playbooks and reports diagnostics; runs nothing. */
@Command(name = "lint",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Check playbooks without running anything.",
            "A directory is searched recursively for playbook.yaml and *.playbook.yaml.",
            "Exits with 0 when there are no errors (warnings allowed), 1 when there are."
        })
final class LintCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Playbook files or directories.")
    List<Path> paths;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "text",
            converter = FormatConverter.class, completionCandidates = FormatNames.class,
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    ReportFormat format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write the report to FILE instead of standard output; the summary line still goes"
                    + " to standard output.")
    Path output;

    @Override
    public Integer call() {
        requireExisting(paths);
        LintReport report = lint();
        if (report.files().isEmpty()) {
            throw new CommandException(ExitCode.USAGE, "no playbook files (playbook.yaml, *.playbook.yaml) in "
                    + join(paths) + "; name the files or check the directory");
        }
        if (output != null) refuseToOverwriteAPlaybook(report);
        ReportContext context = ReportContext.current(UpbookVersion.current());
        Output.write(output, spec.commandLine().getOut(), out -> format.writer().write(report, context, out));
        if (output != null) {
            spec.commandLine().getOut().println(Summary.of(report).line() + " (report: " + output + ")");
        }
        return (report.hasErrors() ? ExitCode.LINT_ERRORS : ExitCode.OK).code();
    }

    /** Lints the paths, which {@link #requireExisting} has checked (all missing ones in one message). */
    private LintReport lint() {
        try {
            return Linter.standard().lint(paths);
        } catch (IOException e) {
            throw new CommandException(ExitCode.IO_ERROR, "cannot read the playbooks: " + IoMessages.describe(e), e);
        }
    }

    /** {@code lint playbook.yaml -o playbook.yaml} would replace the playbook with its own report. */
    private void refuseToOverwriteAPlaybook(LintReport report) {
        if (!Files.exists(output)) return;
        for (FileReport file : report.files()) {
            if (isSameFile(output, file.file())) {
                throw new CommandException(ExitCode.USAGE, "--output " + output + " would overwrite the playbook "
                        + file.file() + " being linted; write the report to another file");
            }
        }
    }

    private static boolean isSameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            throw new CommandException(ExitCode.IO_ERROR, "cannot compare --output " + a + " with " + b + ": "
                    + IoMessages.describe(e), e);
        }
    }

    private static void requireExisting(List<Path> paths) {
        List<Path> missing = paths.stream().filter(p -> !Files.exists(p)).toList();
        if (!missing.isEmpty()) throw new CommandException(ExitCode.USAGE, "no such file or directory: " + join(missing));
    }

    private static String join(List<Path> paths) {
        return String.join(", ", paths.stream().map(Path::toString).toList());
    }

    /** {@code --format sarif}, case-insensitive, with the list of formats when the name is wrong. */
    static final class FormatConverter implements CommandLine.ITypeConverter<ReportFormat> {
        @Override
        public ReportFormat convert(String value) {
            return ReportFormat.find(value).orElseThrow(() -> new CommandLine.TypeConversionException(
                    "'" + value + "' is not a format; use one of " + String.join(", ", ReportFormat.ids())));
        }
    }

    /** The format names for help and shell completion. */
    static final class FormatNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return ReportFormat.ids().iterator();
        }
    }
}
