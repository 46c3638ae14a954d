package dev.upbook.load;

import dev.upbook.spec.SourceRef;
import dev.upbook.spec.ast.Action;
import dev.upbook.spec.ast.Capture;
import dev.upbook.spec.ast.Edge;
import dev.upbook.spec.ast.Expectation;
import dev.upbook.spec.ast.Hop;
import dev.upbook.spec.ast.Input;
import dev.upbook.spec.ast.NoPath;
import dev.upbook.spec.ast.Playbook;
import dev.upbook.spec.ast.Precondition;
import dev.upbook.spec.ast.Procedure;
import dev.upbook.spec.ast.Product;
import dev.upbook.spec.ast.Recovery;
import dev.upbook.spec.ast.ReviewItem;
import dev.upbook.spec.ast.Rule;
import dev.upbook.spec.ast.Step;
import dev.upbook.spec.ast.Text;
import dev.upbook.spec.ast.VersionNote;
import dev.upbook.spec.ast.VersionPolicy;
import dev.upbook.spec.diag.Code;
import dev.upbook.spec.model.Language;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Maps a checked node tree to the playbook AST, one method per object of the language. Shape
 * problems are reported by {@link NodeReader}; this class only reads what is there.
 */
final class PlaybookReader {
    /** Far beyond any hand-written playbook, far below what would make lint hang. */
    static final long MAX_EXPANDED_NODES = 2_000_000;

    private final NodeReader reader;

    PlaybookReader(NodeReader reader) {
        this.reader = reader;
    }

    Optional<Playbook> playbook(Node root) {
        if (!walk(root)) return Optional.empty();
        if (NodeReader.isNull(root)) {
            reader.diagnostics().report(Code.MISSING_KEY, "", reader.at(root),
                    "the document is empty; a playbook starts with 'upbook: 1'", "Add 'upbook: 1', 'product' and 'versions'.");
            return Optional.empty();
        }
        if (!supportedDslVersion(root)) return Optional.empty();
        Fields f = reader.object(root, Language.object(Language.PLAYBOOK), "");
        if (!(root instanceof MappingNode)) return Optional.empty();
        int dsl = f.integer("upbook", Language.DSL_VERSION);
        if (!f.has("product") || !f.has("versions")) return Optional.empty();
        return Optional.of(new Playbook(
                f.at(), dsl,
                product(f),
                versions(f),
                f.node("detect").map(n -> action(n, f.path("detect"))),
                f.map("inputs", (name, nameAt, n, p) -> input(name, nameAt, n, p)),
                f.list("preconditions", this::precondition),
                f.list("pre", this::step),
                f.list("edges", this::edge),
                f.list("rules", this::rule),
                f.list("post", this::step),
                f.list("review", this::reviewItem),
                f.map("recoveries", (name, nameAt, n, p) -> recovery(name, nameAt, n, p)),
                f.list("capture", this::capture),
                f.node("procedure").map(n -> procedure(n, f.path("procedure")))));
    }

    private Procedure procedure(Node node, String path) {
        Fields f = reader.object(node, Language.object(Language.PROCEDURE), path);
        return new Procedure(f.at(), f.string("title", ""), f.string("description", ""), f.text("at", "*"), f.string("reason", ""));
    }

    /**
     * A file written for another DSL version is not read further: its other keys would only
     * produce errors that mean nothing in version 1.
     */
    private boolean supportedDslVersion(Node root) {
        if (!(root instanceof MappingNode)) return true;
        for (NodeTuple t : ((MappingNode) root).getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode) || !((ScalarNode) t.getKeyNode()).getValue().equals("upbook")) continue;
            Node v = t.getValueNode();
            if (v instanceof ScalarNode && ((ScalarNode) v).getValue().trim().matches("\\d{1,9}")
                    && Integer.parseInt(((ScalarNode) v).getValue().trim()) != Language.DSL_VERSION) {
                reader.diagnostics().report(Code.UNSUPPORTED_DSL_VERSION, "upbook", reader.at(v), "this upbook reads DSL version "
                        + Language.DSL_VERSION + ", the file says 'upbook: " + ((ScalarNode) v).getValue().trim() + "'");
                return false;
            }
        }
        return true;
    }

    /**
     * Reads one list item as an object; an item that is not a mapping is reported and left out
     * (null), so that no half-empty object produces follow-on errors.
     */
    private Fields item(Node node, String objectName, String path) {
        Fields f = reader.object(node, Language.object(objectName), path);
        return node instanceof MappingNode ? f : null;
    }

    /**
     * An expression key ({@code when}) as text positioned where its content starts, after any
     * quote, so that positions inside the expression count from its first character.
     */
    private static Optional<Text> expression(Fields f, String key) {
        return f.scalarValue(key).map(s -> new Text(s.text(), s.contentAt()));
    }

    private Product product(Fields top) {
        Fields f = reader.object(top.node("product").orElseThrow(), Language.object(Language.PRODUCT), "product");
        Text name = f.text("name", "unnamed");
        return new Product(f.at(), name, f.string("title", name.value()), f.string("description", ""), f.string("guide", ""));
    }

    private VersionPolicy versions(Fields top) {
        Fields f = reader.object(top.node("versions").orElseThrow(), Language.object(Language.VERSIONS), "versions");
        return new VersionPolicy(f.at(),
                f.text("scheme", "semver"),
                f.texts("releases"),
                f.node("minimum").map(n -> versionNote(n, f.path("minimum"))), // empty when not a mapping
                f.list("blocked", this::versionNote),
                f.list("required-stops", this::versionNote),
                f.list("no-path", this::noPath));
    }

    private VersionNote versionNote(Node node, String path) {
        Fields f = item(node, Language.VERSION_NOTE, path);
        if (f == null) return null;
        return new VersionNote(f.at(), f.text("version", ""), f.string("reason", ""));
    }

    private NoPath noPath(Node node, String path) {
        Fields f = item(node, Language.NO_PATH, path);
        if (f == null) return null;
        return new NoPath(f.at(), f.text("from", "*"), f.text("to", "*"), f.string("reason", ""));
    }

    private Input input(String name, SourceRef nameAt, Node node, String path) {
        checkId(name, nameAt, path, "input name");
        Fields f = item(node, Language.INPUT, path);
        if (f == null) return null;
        Input.InputType type = inputType(f.string("type", "string"));
        boolean hasDefault = f.has("default");
        return new Input(nameAt, name, type, f.value("default"), f.string("description", ""),
                f.bool("secret", false), f.text("env").map(Text::value), f.text("file").map(Text::value),
                f.bool("required", !hasDefault));
    }

    /** The input type of a keyword; an unknown keyword was reported by the loader, so STRING stands in. */
    private static Input.InputType inputType(String keyword) {
        for (Input.InputType t : Input.InputType.values()) {
            if (t.keyword().equals(keyword.trim())) return t;
        }
        return Input.InputType.STRING;
    }

    private Action action(Node node, String path) {
        Fields f = reader.object(node, Language.object(Language.ACTION), path);
        return new Action(f.at(), f.text("type", ""), f.mapping("with"));
    }

    private Precondition precondition(Node node, String path) {
        Fields f = item(node, Language.PRECONDITION, path);
        if (f == null) return null;
        Text id = f.text("id", "");
        return new Precondition(f.at(), id, f.string("title", id.value()), requiredCheck(f), f.scalarValue("message"), expression(f, "when"));
    }

    /** The object's {@code check}; when missing (the loader reported it), an empty one so that reading goes on. */
    private Action requiredCheck(Fields f) {
        return f.node("check").map(n -> action(n, f.path("check")))
                .orElse(new Action(f.at(), new Text("", f.at()), dev.upbook.spec.ast.Value.Mapping.empty(f.at())));
    }

    Step step(Node node, String path) {
        Fields f = item(node, Language.STEP, path);
        if (f == null) return null;
        Text id = f.text("id", "");
        return new Step(f.at(), id, f.text("type", ""),
                f.string("title", id.value()), f.string("description", ""),
                f.mapping("with"), expression(f, "when"), f.texts("after"),
                f.bool("idempotent", false),
                f.node("guard").map(n -> action(n, f.path("guard"))),
                f.node("verify").map(n -> action(n, f.path("verify"))),
                f.node("until").map(n -> action(n, f.path("until"))),
                f.integer("max-passes", 100),
                f.duration("pass-delay").orElse(Duration.ZERO),
                f.integer("retries", 0),
                f.duration("retry-delay").orElse(Duration.ofSeconds(5)),
                f.duration("timeout"),
                f.text("on-failure", "abort"),
                f.text("register"),
                f.bool("irreversible", false),
                f.string("reason", ""),
                f.integer("revision", 0));
    }

    private Hop hop(Fields f) {
        return new Hop(f.at(), f.bool("irreversible", false), f.string("reason", ""),
                f.strings("notes"), f.strings("breaking"),
                f.list("preconditions", this::precondition),
                f.list("steps", this::step),
                f.list("review", this::reviewItem));
    }

    private Edge edge(Node node, String path) {
        Fields f = item(node, Language.EDGE, path);
        if (f == null) return null;
        return new Edge(f.at(), f.string("title", ""), f.text("from", "*"), f.text("to", ""), hop(f));
    }

    private Rule rule(Node node, String path) {
        Fields f = item(node, Language.RULE, path);
        if (f == null) return null;
        Text id = f.text("id", "");
        String seq = f.string("sequence", "minor").trim();
        Rule.Sequence sequence = java.util.Arrays.stream(Rule.Sequence.values())
                .filter(q -> q.keyword().equals(seq)).findFirst().orElse(Rule.Sequence.MINOR);
        return new Rule(f.at(), id, f.string("title", id.value()), f.text("within", "*"), sequence,
                f.bool("latest-patch", true), hop(f));
    }

    private ReviewItem reviewItem(Node node, String path) {
        Fields f = item(node, Language.REVIEW_ITEM, path);
        if (f == null) return null;
        Text id = f.text("id", "");
        ReviewItem.ReviewSeverity severity = f.string("severity", "blocking").trim().equals("advisory")
                ? ReviewItem.ReviewSeverity.ADVISORY : ReviewItem.ReviewSeverity.BLOCKING;
        return new ReviewItem(f.at(), id, f.string("title", id.value()),
                f.node("check").map(n -> action(n, f.path("check"))),
                f.scalarValue("manual"), severity, expression(f, "when"), f.bool("target-version", false),
                f.node("expect").map(n -> expectation(n, f.path("expect"))));
    }

    private Expectation expectation(Node node, String path) {
        Fields f = reader.object(node, Language.object(Language.EXPECTATION), path);
        String compare = f.string("compare", "equal").trim();
        Expectation.Compare how = java.util.Arrays.stream(Expectation.Compare.values())
                .filter(c -> c.keyword().equals(compare)).findFirst().orElse(Expectation.Compare.EQUAL);
        return new Expectation(f.at(), f.scalarValue("value"), f.text("captured"), how,
                f.scalarValue("tolerance").map(v -> v.text().trim()));
    }

    private Capture capture(Node node, String path) {
        Fields f = item(node, Language.CAPTURE, path);
        if (f == null) return null;
        Text id = f.text("id", "");
        return new Capture(f.at(), id, f.string("title", id.value()), requiredCheck(f), expression(f, "when"));
    }

    private Recovery recovery(String name, SourceRef nameAt, Node node, String path) {
        checkId(name, nameAt, path, "recovery name");
        Fields f = item(node, Language.RECOVERY, path);
        if (f == null) return null;
        return new Recovery(nameAt, name, f.string("title", name), f.string("description", ""), f.list("steps", this::step));
    }

    private void checkId(String name, SourceRef at, String path, String what) {
        if (!ValueShapes.ID.matcher(name).matches()) {
            reader.diagnostics().report(Code.INVALID_ID, path, at,
                    "'" + name + "' is not a valid " + what + " (lower-case letters, digits, '-' and '_', starting with a letter)");
        }
    }

    /**
     * Custom tags ({@code !foo}, global tags) are not part of the language; {@code !!str} and
     * friends are. The walk also counts nodes with aliases expanded (a few dozen aliases can expand
     * to billions of nodes, which every later pass would walk) and refuses an alias inside the
     * value it names (an infinite value), so later passes may recurse freely.
     */
    private boolean walk(Node root) {
        long[] budget = {MAX_EXPANDED_NODES};
        Walk result = walk(root, budget, java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
        if (result == Walk.TOO_LARGE) {
            reader.diagnostics().report(Code.YAML_LIMIT, "", reader.at(root), "the document expands to more than "
                    + MAX_EXPANDED_NODES + " nodes through aliases", "Use fewer nested aliases.");
        }
        return result == Walk.OK;
    }

    /** How a walk ended. */
    private enum Walk { OK, TOO_LARGE, RECURSIVE }

    private Walk walk(Node node, long[] budget, java.util.Set<Node> ancestors) {
        if (--budget[0] < 0) return Walk.TOO_LARGE;
        if (!ancestors.add(node)) {
            reader.diagnostics().report(Code.YAML_LIMIT, "", reader.at(node),
                    "an alias refers to a list or mapping that contains it, so the value would be infinite",
                    "Point the alias at a value outside itself.");
            return Walk.RECURSIVE;
        }
        try {
            if (!node.getTag().startsWith(Tag.PREFIX)) {
                reader.diagnostics().report(Code.UNSUPPORTED_TAG, "", reader.at(node),
                        "the tag '" + node.getTag().getValue() + "' is not part of the language");
                return Walk.OK;
            }
            List<Node> children = new ArrayList<>();
            if (node instanceof MappingNode) {
                for (NodeTuple t : ((MappingNode) node).getValue()) {
                    children.add(t.getKeyNode());
                    children.add(t.getValueNode());
                }
            } else if (node instanceof SequenceNode) {
                children.addAll(((SequenceNode) node).getValue());
            }
            for (Node child : children) {
                Walk w = walk(child, budget, ancestors);
                if (w != Walk.OK) return w;
            }
            return Walk.OK;
        } finally {
            ancestors.remove(node);
        }
    }
}
