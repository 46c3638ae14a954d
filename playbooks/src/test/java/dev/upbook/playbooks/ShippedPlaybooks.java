package dev.upbook.playbooks;

import dev.upbook.lint.Compilation;
import dev.upbook.lint.Linter;
import dev.upbook.lint.PlaybookCompiler;
import dev.upbook.plan.Phase;
import dev.upbook.plan.Plan;
import dev.upbook.plan.StepInstance;
import dev.upbook.resolve.VersionGraph;
import dev.upbook.spec.ast.Text;
import dev.upbook.spec.version.Version;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The playbooks shipped in this module, compiled once, and the (from, to) pairs they support. */
final class ShippedPlaybooks {
    private static final PlaybookCompiler COMPILER = PlaybookCompiler.standard();
    private static final Map<Path, Compilation> COMPILED = new HashMap<>();

    private ShippedPlaybooks() {}

    static Path root() {
        return Path.of(System.getProperty("upbook.playbooks", "."));
    }

    static List<Path> files() {
        try (Stream<Path> walk = Files.walk(root())) {
            return walk.filter(Linter::isPlaybookFile).filter(p -> !root().relativize(p).startsWith("target")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static synchronized Compilation compile(Path file) {
        return COMPILED.computeIfAbsent(file, COMPILER::compile);
    }

    /** One request: upgrade {@code from} to {@code to} with {@code file}. */
    record Pair(Path file, Version from, Version to) {
        @Override
        public String toString() {
            return root().relativize(file) + ": " + from.text() + " -> " + to.text();
        }
    }

    /**
     * Every pair of releases a < b where a is at or above the minimum and b is not blocked — the
     * path matrix the playbook must serve, or explain with a no-path entry.
     */
    static List<Pair> pairs() {
        List<Pair> pairs = new ArrayList<>();
        for (Path file : files()) {
            Compilation c = compile(file);
            if (c.graph().isEmpty() || c.playbook().orElseThrow().procedure().isPresent()) continue; // a procedure has no pairs
            VersionGraph g = c.graph().get();
            for (Version a : g.releases()) {
                if (g.belowMinimum(a)) continue;
                for (Version b : g.releases()) {
                    if (a.compareTo(b) < 0 && g.blockedMark(b).isEmpty()) pairs.add(new Pair(file, a, b));
                }
            }
        }
        return pairs;
    }

    /** The shipped procedures (playbooks with {@code procedure}: no version change). */
    static List<Path> procedures() {
        return files().stream().filter(f -> compile(f).playbook().map(b -> b.procedure().isPresent()).orElse(false)).toList();
    }

    /** Problems with the plan's order: phases out of order, or a step before one it must come after. */
    static List<String> orderViolations(Plan plan) {
        List<String> problems = new ArrayList<>();
        Map<String, Integer> position = new HashMap<>();
        Phase last = Phase.PRE;
        for (int i = 0; i < plan.steps().size(); i++) {
            StepInstance s = plan.steps().get(i);
            position.put(s.id(), i);
            if (s.phase().compareTo(last) < 0) problems.add(s.id() + " (" + s.phase() + ") comes after a " + last + " step");
            last = s.phase();
        }
        for (int i = 0; i < plan.steps().size(); i++) {
            StepInstance s = plan.steps().get(i);
            if (s.step().isEmpty()) continue;
            String scope = s.id().substring(0, s.id().lastIndexOf('/') + 1);
            for (Text after : s.step().get().after()) {
                Integer before = position.get(scope + after.value());
                if (before == null) problems.add(s.id() + " must come after " + scope + after.value() + ", which is not planned");
                else if (before >= i) problems.add(s.id() + " comes before " + scope + after.value());
            }
        }
        return problems;
    }
}
