package dev.upbook.resolve;

import dev.upbook.spec.SourceRef;
import dev.upbook.spec.ast.Action;
import dev.upbook.spec.ast.Edge;
import dev.upbook.spec.ast.Hop;
import dev.upbook.spec.ast.NoPath;
import dev.upbook.spec.ast.Playbook;
import dev.upbook.spec.ast.Precondition;
import dev.upbook.spec.ast.Product;
import dev.upbook.spec.ast.ReviewItem;
import dev.upbook.spec.ast.Rule;
import dev.upbook.spec.ast.Step;
import dev.upbook.spec.ast.Text;
import dev.upbook.spec.ast.Value;
import dev.upbook.spec.ast.VersionNote;
import dev.upbook.spec.ast.VersionPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds playbook ASTs directly, for generated and very large playbooks where writing YAML would
 * only slow the test down. Positions are synthetic: every node gets the next line.
 */
public final class Ast {
    private int line = 1;
    private final List<Text> releases = new ArrayList<>();
    private final List<Edge> edges = new ArrayList<>();
    private final List<Rule> rules = new ArrayList<>();
    private final List<VersionNote> blocked = new ArrayList<>();
    private final List<VersionNote> stops = new ArrayList<>();
    private final List<NoPath> gaps = new ArrayList<>();
    private final List<Step> pre = new ArrayList<>();
    private final List<Step> post = new ArrayList<>();
    private final List<ReviewItem> review = new ArrayList<>();
    private final List<Precondition> preconditions = new ArrayList<>();
    private Optional<VersionNote> minimum = Optional.empty();

    public static Ast playbook() {
        return new Ast();
    }

    /** A builder whose synthetic positions start at {@code firstLine}, to check what must not depend on them. */
    public static Ast playbook(int firstLine) {
        Ast ast = new Ast();
        ast.line = firstLine;
        return ast;
    }

    public SourceRef at() {
        return new SourceRef("generated.playbook.yaml", line++, 1);
    }

    public Text text(String value) {
        return new Text(value, at());
    }

    public Ast releases(String... versions) {
        for (String v : versions) releases.add(text(v));
        return this;
    }

    public Ast release(Text version) {
        releases.add(version);
        return this;
    }

    public Ast edge(String from, String to) {
        return edge(from, to, hop());
    }

    public Ast edge(String from, String to, Hop hop) {
        edges.add(new Edge(at(), "", text(from), text(to), hop));
        return this;
    }

    /** An edge whose texts are shared, to keep a million edges small. */
    public Ast edge(Text from, Text to, Hop hop) {
        edges.add(new Edge(from.at(), "", from, to, hop));
        return this;
    }

    public Ast rule(String id, Rule.Sequence sequence, String within, boolean latestPatch) {
        return rule(id, sequence, within, latestPatch, hop());
    }

    public Ast rule(String id, Rule.Sequence sequence, String within, boolean latestPatch, Hop hop) {
        rules.add(new Rule(at(), text(id), id, text(within), sequence, latestPatch, hop));
        return this;
    }

    public Ast blocked(String version) {
        blocked.add(new VersionNote(at(), text(version), "blocked " + version));
        return this;
    }

    public Ast stop(String version) {
        stops.add(new VersionNote(at(), text(version), "stop " + version));
        return this;
    }

    public Ast minimum(String version, String reason) {
        minimum = Optional.of(new VersionNote(at(), text(version), reason));
        return this;
    }

    public Ast gap(String from, String to, String reason) {
        gaps.add(new NoPath(at(), text(from), text(to), reason));
        return this;
    }

    public Ast pre(Step... steps) {
        pre.addAll(List.of(steps));
        return this;
    }

    public Ast post(Step... steps) {
        post.addAll(List.of(steps));
        return this;
    }

    public Ast review(ReviewItem... items) {
        review.addAll(List.of(items));
        return this;
    }

    public Ast precondition(String id) {
        preconditions.add(precondition(id, "file.exists"));
        return this;
    }

    public Precondition precondition(String id, String type) {
        SourceRef at = at();
        return new Precondition(at, new Text(id, at), id, new Action(at, new Text(type, at), Value.Mapping.empty(at)),
                Optional.of(new Value.Scalar("fix it", true, false, at)), Optional.empty());
    }

    public static Hop hop() {
        return new Hop(SourceRef.NONE, false, "", List.of(), List.of(), List.of(), List.of(), List.of());
    }

    public static Hop irreversibleHop(String reason) {
        return new Hop(SourceRef.NONE, true, reason, List.of(), List.of(), List.of(), List.of(), List.of());
    }

    public static Hop hop(List<Step> steps) {
        return new Hop(SourceRef.NONE, false, "", List.of(), List.of(), List.of(), steps, List.of());
    }

    public static Hop hop(boolean irreversible, List<Step> steps, List<ReviewItem> review) {
        return new Hop(SourceRef.NONE, irreversible, irreversible ? "no way back" : "", List.of("a note"), List.of(), List.of(), steps, review);
    }

    public Step step(String id, String... after) {
        return step(id, Map.of(), after);
    }

    /** A step of type {@code exec} with string parameters. */
    public Step step(String id, Map<String, String> with, String... after) {
        SourceRef at = at();
        List<Text> afterTexts = new ArrayList<>();
        for (String a : after) afterTexts.add(new Text(a, at));
        Map<String, Value> entries = new java.util.LinkedHashMap<>();
        Map<String, SourceRef> keys = new java.util.LinkedHashMap<>();
        with.forEach((k, v) -> {
            entries.put(k, new Value.Scalar(v, true, false, at));
            keys.put(k, at);
        });
        return new Step(at, new Text(id, at), new Text("exec", at), id, "", new Value.Mapping(entries, keys, at),
                Optional.empty(), afterTexts, false, Optional.empty(), Optional.empty(), Optional.empty(), 100, Duration.ZERO, 0, Duration.ofSeconds(5),
                Optional.empty(), new Text("abort", at), Optional.empty(), false, "", 0);
    }

    public ReviewItem reviewItem(String id) {
        SourceRef at = at();
        return new ReviewItem(at, new Text(id, at), id, Optional.empty(), Optional.of(new Value.Scalar("look at it", true, false, at)),
                ReviewItem.ReviewSeverity.BLOCKING, Optional.empty());
    }

    public Playbook build() {
        SourceRef at = new SourceRef("generated.playbook.yaml", 1, 1);
        return new Playbook(at, 1,
                new Product(at, new Text("demo", at), "Demo", "", ""),
                new VersionPolicy(at, new Text("test", at), releases, minimum, blocked, stops, gaps),
                Optional.empty(), Map.of(), preconditions, pre, edges, rules, post, review, Map.of());
    }
}
