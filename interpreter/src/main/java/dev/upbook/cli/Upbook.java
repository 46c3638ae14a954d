package dev.upbook.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * Builds the {@code upbook} command line. Everything the commands print goes through the given
 * writers, so tests run commands in-process and read their output.
 */
public final class Upbook {

    private Upbook() {}

    /** The subcommands, in the order {@code --help} lists them. Adding a command is one line here. */
    private static List<Object> subcommands() {
        return List.of(
                new LintCommand(),
                new PlanCommand(),
                new DemoCommand(),
                new RunCommand(),
                new ResumeCommand(),
                new StatusCommand(),
                new ReportCommand(),
                new HistoryCommand(),
                new MarkCommand(),
                new ReviewCommand(),
                new UnlockCommand(),
                new AbandonCommand(),
                new GraphCommand(),
                new ExplainCommand(),
                new SchemaCommand(),
                new CompletionCommand(),
                new CommandLine.HelpCommand());
    }

    private static Map<String, String> exitCodeList() {
        Map<String, String> list = new LinkedHashMap<>();
        for (ExitCode code : ExitCode.values()) list.put(String.valueOf(code.code()), code.meaning());
        return list;
    }

    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cmd = new CommandLine(new UpbookCommand());
        subcommands().forEach(cmd::addSubcommand);
        cmd.getCommandSpec().usageMessage().exitCodeList(exitCodeList());
        return configure(cmd, out, err);
    }

    /**
     * The writers, parser settings and error handling of every upbook command line. Call it after
     * adding the subcommands: picocli copies these settings down the tree once. Tests use it to
     * give a command of their own the same treatment.
     */
    static CommandLine configure(CommandLine cmd, PrintWriter out, PrintWriter err) {
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setUsageHelpAutoWidth(true);
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.setExecutionStrategy(new ErrorReportingStrategy());
        cmd.setExecutionExceptionHandler(new ExecutionErrorHandler());
        cmd.setParameterExceptionHandler(new UsageErrorHandler());
        cmd.setExitCodeExceptionMapper(new ExceptionExitCodes());
        return cmd;
    }
}
