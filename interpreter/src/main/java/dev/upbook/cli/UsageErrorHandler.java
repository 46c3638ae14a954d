package dev.upbook.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Reports a command-line mistake as one line on stderr, with a suggestion when picocli has one
 * and a pointer to the help of the command concerned:
 * {@code upbook: unknown option: '--fromat'; did you mean '--format'? (see 'upbook lint --help')}.
 */
final class UsageErrorHandler implements CommandLine.IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("upbook: " + problem(ex) + suggestion(ex)
                + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
        err.flush();
        return ExitCode.USAGE.code();
    }

    private static String problem(ParameterException ex) {
        if (isUnknownCommand(ex)) return "unknown command '" + ((UnmatchedArgumentException) ex).getUnmatched().get(0) + "'";
        String message = ex.getMessage() == null ? "invalid command line" : ex.getMessage();
        return Messages.lowerFirst(message);
    }

    /** A word where the root expected a subcommand: {@code upbook lnt}. */
    private static boolean isUnknownCommand(ParameterException ex) {
        if (!(ex instanceof UnmatchedArgumentException u)) return false;
        CommandLine cmd = ex.getCommandLine();
        List<String> unmatched = u.getUnmatched();
        return !cmd.getSubcommands().isEmpty() && !unmatched.isEmpty() && !unmatched.get(0).startsWith("-")
                && cmd.getCommandSpec().positionalParameters().isEmpty();
    }

    private static String suggestion(ParameterException ex) {
        if (!(ex instanceof UnmatchedArgumentException u)) return "";
        List<String> suggestions = u.getSuggestions();
        return suggestions.isEmpty() ? "" : "; did you mean '" + suggestions.get(0) + "'?";
    }
}
