package dev.upbook.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The top-level {@code upbook} command: global options; the work is done by subcommands. */
@Command(name = "upbook",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Declarative upgrade playbooks: check them, plan an upgrade, run it.",
        synopsisSubcommandLabel = "COMMAND",
        exitCodeListHeading = "%nExit codes:%n")
final class UpbookCommand implements Callable<Integer> {

    static final String DEBUG = "--debug";

    @Spec
    CommandSpec spec;

    @Option(names = DEBUG, scope = ScopeType.INHERIT,
            description = "Show stack traces of internal errors.")
    boolean debug;

    /** {@code upbook} alone: a usage error that lists the commands. */
    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "missing command: one of " + String.join(", ", spec.subcommands().keySet()));
    }

    /** Whether {@code --debug} was given at any level of the command line. */
    static boolean debugRequested(ParseResult parseResult) {
        for (ParseResult p = parseResult; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption(DEBUG)) return true;
        }
        return false;
    }
}
