package dev.upbook.cli;

import dev.upbook.lint.Compilation;
import dev.upbook.plan.Plan;
import dev.upbook.plan.PlanPrinter;
import dev.upbook.plan.Planner;
import dev.upbook.resolve.Explanation;
import dev.upbook.resolve.Resolution;
import dev.upbook.resolve.Resolver;
import dev.upbook.resolve.VersionGraph;
import dev.upbook.spec.ast.Playbook;
import dev.upbook.spec.version.Version;
import dev.upbook.spec.version.VersionSyntaxException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code upbook plan PLAYBOOK --from A --to B}: resolves the path and prints the ordered plan; runs nothing. */
@Command(name = "plan",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Show exactly what a run from A to B would do: the version path, preconditions and every step in order.",
            "Exits with 0 when a plan exists, 3 when there is no path (with the reason), 1 when the playbook has errors."
        })
final class PlanCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PLAYBOOK", description = "The playbook file.")
    Path playbook;

    @Option(names = "--from", required = true, paramLabel = "VERSION", description = "The installed version.")
    String from;

    @Option(names = "--to", paramLabel = "VERSION", description = "The target version (required, except for a procedure: the version stays).")
    String to;

    @Option(names = "--explain", description = "Also show, for each hop, the alternatives that were rejected and why.")
    boolean explain;

    @Option(names = {"-f", "--format"}, defaultValue = "text", paramLabel = "FORMAT",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}; any case).")
    PlanFormat format;

    /** Output formats of the plan. */
    enum PlanFormat { text, json }

    @Override
    public Integer call() {
        Compilation compilation = CompiledPlaybook.compileOrFail(playbook, spec);
        Playbook book = compilation.playbook().orElseThrow();
        VersionGraph graph = compilation.graph().orElseThrow();
        PrintWriter out = spec.commandLine().getOut();
        if (book.procedure().isPresent()) {
            if (explain) throw new CommandException(ExitCode.USAGE, "--explain explains a path; a procedure has none");
            Plan plan = RunSupport.plan(compilation, from, to);
            out.print(format == PlanFormat.json ? PlanPrinter.json(plan, false, null) : PlanPrinter.text(plan, false, null));
            out.flush();
            return ExitCode.OK.code();
        }
        if (to == null) throw new CommandException(ExitCode.USAGE, "missing --to: the version to upgrade to");
        Version source = parse(graph, from, "--from");
        Version target = parse(graph, to, "--to");
        Resolver resolver = new Resolver(graph);
        Resolution resolution = resolver.resolve(source, target);
        if (!resolution.isFound()) {
            Resolution.Refused refused = (Resolution.Refused) resolution;
            throw new CommandException(ExitCode.NO_PATH, refused.message());
        }
        Plan plan = Planner.plan(book, graph, resolution.found().orElseThrow());
        Explanation explanation = explain ? resolver.explain(source, target) : null;
        out.print(format == PlanFormat.json
                ? PlanPrinter.json(plan, explain, explanation)
                : PlanPrinter.text(plan, explain, explanation));
        out.flush();
        return ExitCode.OK.code();
    }

    /** The version, or a usage error worded as picocli words a bad option value (the message quotes the text). */
    private static Version parse(VersionGraph graph, String text, String option) {
        try {
            return graph.scheme().parse(text);
        } catch (VersionSyntaxException e) {
            throw new CommandException(ExitCode.USAGE, "invalid value for option '" + option + "': " + e.getMessage());
        }
    }
}
