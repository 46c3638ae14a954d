package dev.upbook.lint;

import dev.upbook.resolve.VersionGraph;
import dev.upbook.spec.ast.Playbook;
import dev.upbook.spec.diag.Diagnostic;
import java.util.List;
import java.util.Optional;

/**
 * A playbook after every lint pass: the AST and its version graph (when they could be built) and
 * all diagnostics, sorted.
 * Later stages (resolve, plan, run) must not start while {@link #hasErrors()}.
 */
public record Compilation(Optional<Playbook> playbook, Optional<VersionGraph> graph, List<Diagnostic> diagnostics) {
    public Compilation {
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
}
