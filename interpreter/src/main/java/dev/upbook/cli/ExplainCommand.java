package dev.upbook.cli;

import dev.upbook.plugin.PluginPath;
import dev.upbook.spec.diag.Suggestions;
import dev.upbook.spec.spi.StepType;
import dev.upbook.spec.spi.StepTypes;
import java.io.PrintWriter;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code upbook explain [TYPE]}: the installed step types, or the reference of one. */
@Command(name = "explain",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "List the installed step types, or show one type's reference:",
            "where it may be used, its idempotency, its parameters and an example step."
        })
final class ExplainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "TYPE", completionCandidates = TypeNames.class,
            description = "A step type, e.g. exec or file.backup; without it, all of them are listed.")
    String type;

    @Option(names = "--markdown", description = "Print the Markdown reference (the text of dsl-spec/steps.md): of TYPE, or of every type.")
    boolean markdown;

    @Override
    public Integer call() {
        StepTypes types = installed();
        String text;
        if (markdown) text = type == null ? StepTypeReference.page(types.all()) : StepTypeReference.markdown(find(types, type));
        else text = type == null ? StepTypeReference.list(types.all()) : StepTypeReference.reference(find(types, type));
        PrintWriter out = spec.commandLine().getOut();
        out.print(text);
        out.flush();
        return ExitCode.OK.code();
    }

    private static StepTypes installed() {
        return PluginPath.stepTypes();
    }

    private static StepType find(StepTypes types, String name) {
        return types.find(name).orElseThrow(() -> new CommandException(ExitCode.USAGE,
                "no step type '" + name + "' is installed; " + Suggestions.didYouMean(name, names(types),
                        "run 'upbook explain' to list the installed step types")));
    }

    private static List<String> names(StepTypes types) {
        return types.all().stream().map(StepType::name).toList();
    }

    /** The type names for shell completion. */
    static final class TypeNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return names(installed()).iterator();
        }
    }
}
