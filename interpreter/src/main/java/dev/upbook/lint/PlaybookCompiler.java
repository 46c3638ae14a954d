package dev.upbook.lint;

import dev.upbook.load.PlaybookLoader;
import dev.upbook.plan.StepOrder;
import dev.upbook.resolve.GraphChecks;
import dev.upbook.resolve.VersionGraph;
import dev.upbook.spec.version.VersionSchemes;
import dev.upbook.spec.ast.Playbook;
import dev.upbook.spec.diag.Diagnostics;
import dev.upbook.spec.spi.StepTypes;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Runs the front end on one playbook file: load, validate, check templates, check the version
 * graph and the step order. Pure: reads the file, changes nothing.
 */
public final class PlaybookCompiler {
    private final StepTypes types;

    public PlaybookCompiler(StepTypes types) {
        this.types = types;
    }

    public static PlaybookCompiler standard() {
        return new PlaybookCompiler(StepTypes.load(PlaybookCompiler.class.getClassLoader()));
    }

    public StepTypes stepTypes() {
        return types;
    }

    public Compilation compile(Path file) {
        Diagnostics diags = new Diagnostics();
        return check(PlaybookLoader.load(file, diags), diags);
    }

    public Compilation compile(String text, String fileName) {
        Diagnostics diags = new Diagnostics();
        return check(PlaybookLoader.load(text, fileName, diags), diags);
    }

    private Compilation check(Optional<Playbook> loaded, Diagnostics diags) {
        if (loaded.isEmpty()) return new Compilation(loaded, Optional.empty(), diags.sorted());
        Playbook playbook = loaded.get();
        new Validator(types, diags).validate(playbook);
        new TemplateValidation(types, diags).check(playbook);
        StepOrder.checkPlaybook(playbook, diags);
        return new Compilation(loaded, graph(playbook, diags), diags.sorted());
    }

    /**
     * The version graph and its checks; empty when the scheme is unknown or the {@code versions}
     * section itself is broken (already reported), because every hop would then be reported again.
     */
    static Optional<VersionGraph> graph(Playbook playbook, Diagnostics diags) {
        boolean versionsBroken = diags.asList().stream()
                .anyMatch(d -> d.isError() && (d.path().equals("versions") || d.path().startsWith("versions.")));
        if (versionsBroken) return Optional.empty();
        long errorsBefore = errorCount(diags);
        Optional<VersionGraph> graph = VersionSchemes.byName(playbook.versions().scheme().value().trim())
                .map(scheme -> VersionGraph.build(playbook, scheme, diags));
        // A version or range that did not parse leaves holes in the graph; reachability checks
        // would only repeat that error as dead ends and gaps.
        if (errorCount(diags) == errorsBefore) graph.ifPresent(g -> GraphChecks.check(g, diags));
        return graph;
    }

    private static long errorCount(Diagnostics diags) {
        return diags.asList().stream().filter(d -> d.isError()).count();
    }
}
