package dev.upbook.lint;

import dev.upbook.load.PlaybookLoader;
import dev.upbook.plan.StepOrder;
import dev.upbook.plugin.PluginPath;
import dev.upbook.resolve.GraphChecks;
import dev.upbook.resolve.VersionGraph;
import dev.upbook.spec.ast.Playbook;
import dev.upbook.spec.ast.Text;
import dev.upbook.spec.diag.Code;
import dev.upbook.spec.diag.Diagnostics;
import dev.upbook.spec.spi.StepTypes;
import dev.upbook.spec.version.VersionRange;
import dev.upbook.spec.version.VersionSchemes;
import dev.upbook.spec.version.VersionSyntaxException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Runs the front end on one playbook file: load, validate, check templates, check the version
 * graph and the step order. Pure: reads the file, changes nothing.
 */
public final class PlaybookCompiler {
    /** Loader diagnostics that mean the versions section could not be read as written. */
    private static final Set<Code> STRUCTURE =
            EnumSet.of(Code.MISSING_KEY, Code.WRONG_TYPE, Code.INVALID_VALUE, Code.UNKNOWN_KEY, Code.DUPLICATE_KEY);
    /** Diagnostics of the graph builder that mean a release or hop is missing from the graph. */
    private static final Set<Code> GRAPH_HOLES =
            EnumSet.of(Code.INVALID_VERSION, Code.INVALID_RANGE, Code.UNKNOWN_RELEASE, Code.EDGE_DOWNGRADE);

    private final StepTypes types;

    public PlaybookCompiler(StepTypes types) {
        this.types = types;
    }

    public static PlaybookCompiler standard() {
        return new PlaybookCompiler(PluginPath.stepTypes());
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
        boolean versionsBroken = diags.asList().stream().anyMatch(d -> STRUCTURE.contains(d.code())
                && (d.path().equals("versions") || d.path().startsWith("versions.")));
        if (versionsBroken) {
            diags.report(Code.GRAPH_CHECKS_SKIPPED, "versions", playbook.versions().at(),
                    "the version graph (cycles, dead ends, path matrix) was not checked because 'versions' has errors");
            return Optional.empty();
        }
        int before = diags.size();
        Optional<VersionGraph> graph = VersionSchemes.byName(playbook.versions().scheme().value().trim())
                .map(scheme -> VersionGraph.build(playbook, scheme, diags));
        // A version or edge that could not be read leaves a hole in the graph; reachability checks
        // would only repeat that error as dead ends and gaps.
        boolean holes = diags.asList().subList(before, diags.size()).stream().anyMatch(d -> GRAPH_HOLES.contains(d.code()));
        if (playbook.procedure().isPresent()) {
            // a procedure has no hops: no dead ends or path matrix to check, only its range
            graph.ifPresent(g -> procedureRange(playbook, g, diags));
        } else if (!holes) {
            graph.ifPresent(g -> GraphChecks.check(g, diags));
        } else {
            diags.report(Code.GRAPH_CHECKS_SKIPPED, "versions", playbook.versions().at(),
                    "dead ends, unreachable releases and the path matrix were not checked because a version, range or edge was dropped");
        }
        return graph;
    }

    /** The procedure's {@code at}, parsed in the playbook's scheme; empty (and reported) when it cannot be. */
    public static Optional<VersionRange> procedureRange(Playbook playbook, VersionGraph graph, Diagnostics diags) {
        Text at = playbook.procedure().orElseThrow().range();
        try {
            return Optional.of(graph.scheme().parseRange(at.value()));
        } catch (VersionSyntaxException | RuntimeException e) {
            diags.report(Code.INVALID_RANGE, "procedure.at", at.at(), "'" + at.value() + "' is not a valid " + graph.scheme().name()
                    + " range: " + e.getMessage(), Code.INVALID_RANGE.hint());
            return Optional.empty();
        }
    }

}
