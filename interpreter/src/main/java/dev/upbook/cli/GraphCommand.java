package dev.upbook.cli;

import dev.upbook.lint.Compilation;
import dev.upbook.report.GraphDiagrams;
import dev.upbook.resolve.VersionGraph;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code upbook graph PLAYBOOK --format dot|mermaid}: draws the version graph. */
@Command(name = "graph",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Print the playbook's version graph: releases, explicit edges (solid), rule hops (dashed),",
            "irreversible hops (red), blocked versions and required stops.",
            "Render with 'dot -Tsvg' (Graphviz) or paste into a Mermaid block."
        })
final class GraphCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PLAYBOOK", description = "The playbook file.")
    Path playbook;

    @Option(names = {"-f", "--format"}, defaultValue = "dot", paramLabel = "FORMAT",
            description = "Diagram language: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}; any case).")
    GraphFormat format;

    /** Diagram languages. */
    enum GraphFormat { dot, mermaid }

    @Override
    public Integer call() {
        Compilation c = CompiledPlaybook.compileOrFail(playbook, spec);
        String title = c.playbook().orElseThrow().product().name().value();
        PrintWriter out = spec.commandLine().getOut();
        VersionGraph graph = c.graph().orElseThrow();
        out.print(format == GraphFormat.dot ? GraphDiagrams.dot(title, graph) : GraphDiagrams.mermaid(graph));
        out.flush();
        return ExitCode.OK.code();
    }
}
