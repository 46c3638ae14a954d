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
                new GraphCommand(),
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
        // set after adding subcommands: picocli copies these settings down the tree once
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setUsageHelpAutoWidth(true);
        cmd.getCommandSpec().usageMessage().exitCodeList(exitCodeList());
        cmd.setExecutionExceptionHandler(new ExecutionErrorHandler());
        cmd.setParameterExceptionHandler(new UsageErrorHandler());
        cmd.setExitCodeExceptionMapper(new ExceptionExitCodes());
        return cmd;
    }
}
