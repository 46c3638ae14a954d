package dev.upbook.template;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.MissingEndTagException;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.interpret.UnknownTagException;
import com.hubspot.jinjava.lib.tag.ForTag;
import com.hubspot.jinjava.tree.ExpressionNode;
import com.hubspot.jinjava.tree.Node;
import com.hubspot.jinjava.tree.TagNode;
import com.hubspot.jinjava.tree.TreeParser;
import com.hubspot.jinjava.tree.parse.ExpressionToken;
import com.hubspot.jinjava.tree.parse.TagToken;
import com.hubspot.jinjava.tree.parse.TextToken;
import com.hubspot.jinjava.tree.parse.Token;
import com.hubspot.jinjava.tree.parse.TokenScanner;
import dev.upbook.template.TemplateProblem.Kind;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.lang3.tuple.Pair;

/**
 * One run of the checker over one template: Jinjava's {@link TreeParser} builds the tag tree
 * (reporting unclosed and unknown tags), then a walk visits every node of every branch, tracking
 * the names {@code {% for %}} and {@code {% set %}} introduce, and hands each expression to
 * {@link ExpressionCheck}.
 *
 * <p>Jinjava's token positions are not plain offsets (a text token's column is counted from the
 * last newline seen by the scanner, which may lie after the token's start), so this class scans
 * the template once more with Jinjava's {@link TokenScanner} and maps each token's reported
 * (line, column) to its real offset; tokens are contiguous, so offsets are running sums.
 */
final class TemplateCheck {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final int DELIMITER_LENGTH = 2;

    private final Jinjava engine;
    private final Context library;
    private final TemplateScope scope;
    private final TemplateSource source;
    private final Problems problems;
    private final Map<TokenKey, Integer> offsets = new HashMap<>();
    private final Map<TokenKey, String> images = new HashMap<>();
    private final Deque<Set<String>> frames = new ArrayDeque<>();

    TemplateCheck(Jinjava engine, String template, TemplateScope scope) {
        this.engine = engine;
        this.library = engine.getGlobalContext();
        this.scope = scope;
        this.source = new TemplateSource(template);
        this.problems = new Problems(source);
    }

    /** Checks the text as a template with {@code {{ }}} and {@code {% %}}. */
    List<TemplateProblem> template() {
        if (!indexTokens()) return problems.sorted();
        // a child of the engine's context: Jinjava's newInterpreter() copies every library (~0.4 ms)
        JinjavaInterpreter interpreter = new JinjavaInterpreter(engine, new Context(library), engine.getGlobalConfig());
        Node root = new TreeParser(interpreter, source.text()).buildTree();
        for (TemplateError error : interpreter.getErrors()) {
            TokenKey key = new TokenKey(error.getLineno(), error.getStartPosition());
            problems.add(Kind.SYNTAX, describe(error, images.getOrDefault(key, "")), offsets.getOrDefault(key, 0));
        }
        frames.push(new HashSet<>());
        children(root);
        return problems.sorted();
    }

    /** Checks the text as one bare expression ({@code when:}). */
    List<TemplateProblem> expression() {
        String text = source.text();
        if (text.isBlank()) {
            problems.add(Kind.SYNTAX, "the expression is empty; write a condition such as inputs.mode == 'full'", 0);
            return problems.sorted();
        }
        int markup = firstMarkup(text);
        if (markup >= 0) {
            problems.add(Kind.SYNTAX, "a condition is a bare expression: write it without '{{ }}' or '{% %}'", markup);
            return problems.sorted();
        }
        expression(text, 0);
        return problems.sorted();
    }

    /** Maps Jinjava's token positions to offsets; false when the scanner itself rejects the text. */
    private boolean indexTokens() {
        int offset = 0;
        Iterator<Token> tokens = new TokenScanner(source.text(), engine.getGlobalConfig());
        try {
            while (tokens.hasNext()) {
                Token token = tokens.next();
                if (token.getClass() != TextToken.class) { // tags, expressions, comments, unclosed tokens
                    TokenKey key = new TokenKey(token.getLineNumber(), token.getStartPosition());
                    offsets.putIfAbsent(key, offset);
                    images.putIfAbsent(key, token.getImage());
                }
                offset += token.getImage().length();
            }
            return true;
        } catch (RuntimeException e) {
            problems.add(Kind.SYNTAX, "malformed tag at '" + excerpt(offset) + "': " + e.getMessage(), offset);
            return false;
        }
    }

    private void children(Node node) {
        for (Node child : node.getChildren()) {
            if (child instanceof ExpressionNode) output((ExpressionToken) child.getMaster());
            else if (child instanceof TagNode) tag((TagNode) child);
        }
    }

    /** {@code {{ expr }}}. */
    private void output(ExpressionToken token) {
        int at = offsetOf(token);
        String expr = token.getExpr();
        if (expr.isEmpty()) {
            problems.add(Kind.SYNTAX, "empty '{{ }}': put an expression inside or remove it", at);
            return;
        }
        expression(expr, at + token.getImage().indexOf(expr, DELIMITER_LENGTH));
    }

    private void tag(TagNode node) {
        TagToken token = (TagToken) node.getMaster();
        String name = token.getTagName();
        if (!TemplateDialect.supportsTag(name)) {
            problems.add(Kind.SYNTAX, "tag '{% " + name + " %}' is not available in upbook templates; use one of "
                    + TemplateDialect.TAGS, offsetOf(token));
            return;
        }
        switch (name) {
            case "if":
            case "elif":
            case "unless":
            case "print":
            case "do":
                requiredExpression(token);
                children(node);
                break;
            case "for":
                forLoop(node, token);
                break;
            case "set":
                set(node, token);
                break;
            default: // else, break, continue, raw
                if (!token.getHelpers().isBlank()) {
                    problems.add(Kind.SYNTAX, "'{% " + name + " %}' takes nothing after its name"
                            + (name.equals("else") ? "; for another condition use '{% elif ... %}'" : ""), helpersOffset(token));
                }
                children(node);
        }
    }

    private void requiredExpression(TagToken token) {
        if (token.getHelpers().isBlank()) {
            problems.add(Kind.SYNTAX, "'{% " + token.getTagName() + " %}' needs an expression", offsetOf(token));
            return;
        }
        expression(token.getHelpers(), helpersOffset(token));
    }

    /** {@code {% for a, b in expr %}}: the expression in the outer scope, the body with a, b and loop. */
    private void forLoop(TagNode node, TagToken token) {
        Pair<List<String>, String> loop;
        try {
            loop = ((ForTag) node.getTag()).getLoopVarsAndExpression(token);
        } catch (RuntimeException e) {
            problems.add(Kind.SYNTAX, "'{% for %}' needs 'NAME in EXPRESSION', got '{% for" + token.getHelpers() + "%}'", offsetOf(token));
            return;
        }
        String helpers = token.getHelpers();
        expression(loop.getRight(), helpersOffset(token) + helpers.lastIndexOf(loop.getRight()));
        Set<String> frame = new HashSet<>();
        frame.add(ForTag.LOOP);
        for (String variable : loop.getLeft()) {
            String name = variable.replace("(", "").replace(")", "").trim();
            if (IDENTIFIER.matcher(name).matches()) {
                frame.add(name);
            } else if (!name.isEmpty()) {
                problems.add(Kind.SYNTAX, "'" + name + "' cannot be a loop variable", helpersOffset(token) + Math.max(0, helpers.indexOf(name)));
            }
        }
        frames.push(frame);
        children(node);
        frames.pop();
    }

    /** {@code {% set a, b = expr %}} or the block form {@code {% set a | filter %}...{% endset %}}. */
    private void set(TagNode node, TagToken token) {
        String helpers = token.getHelpers();
        int eq = helpers.indexOf('=');
        if (eq < 0) {
            blockSet(node, token);
            return;
        }
        if (helpers.substring(eq + 1).isBlank()) {
            problems.add(Kind.SYNTAX, "'{% set %}' needs a value after '='", helpersOffset(token) + eq);
            return;
        }
        // Jinjava evaluates "[expr]" so that "a, b = 1, 2" works; the '[' sits where '=' was.
        expression("[" + helpers.substring(eq + 1) + "]", helpersOffset(token) + eq);
        String targets = helpers.substring(0, eq);
        if (targets.isBlank()) {
            problems.add(Kind.SYNTAX, "'{% set %}' needs a variable name before '='", offsetOf(token));
            return;
        }
        for (String target : targets.split(",")) assign(target.trim(), token);
    }

    private void assign(String target, TagToken token) {
        int at = helpersOffset(token) + Math.max(0, token.getHelpers().indexOf(target));
        int dot = target.indexOf('.');
        String root = dot < 0 ? target : target.substring(0, dot);
        if (!IDENTIFIER.matcher(root).matches() || (dot >= 0 && !IDENTIFIER.matcher(target.substring(dot + 1)).matches())) {
            problems.add(Kind.SYNTAX, "cannot assign to '" + target + "'; '{% set %}' needs a name", at);
        } else if (dot < 0) {
            frames.peek().add(target);
        } else if (!isLocal(root)) {
            problems.add(Kind.SYNTAX, "cannot assign to '" + target + "'; only a namespace made by "
                    + "'{% set " + root + " = namespace() %}' takes attributes", at);
        }
    }

    private void blockSet(TagNode node, TagToken token) {
        String helpers = token.getHelpers();
        int pipe = helpers.indexOf('|');
        String name = (pipe < 0 ? helpers : helpers.substring(0, pipe)).trim();
        if (!IDENTIFIER.matcher(name).matches()) {
            problems.add(Kind.SYNTAX, "'{% set %}' needs 'NAME = EXPRESSION' or a block '{% set NAME %}...{% endset %}'", offsetOf(token));
            return;
        }
        children(node);
        frames.peek().add(name);
        if (pipe >= 0) expression(helpers, helpersOffset(token)); // "name | f": only the filters are new
    }

    private void expression(String text, int offset) {
        new ExpressionCheck(scope, library, locals(), problems).check(text, offset);
    }

    private Set<String> locals() {
        Set<String> names = new HashSet<>();
        frames.forEach(names::addAll);
        return names;
    }

    private boolean isLocal(String name) {
        for (Set<String> frame : frames) {
            if (frame.contains(name)) return true;
        }
        return false;
    }

    private int offsetOf(Token token) {
        return offsets.getOrDefault(new TokenKey(token.getLineNumber(), token.getStartPosition()), 0);
    }

    /** Where the text after the tag name starts: "{%- if x %}" → the space before x. */
    private int helpersOffset(TagToken token) {
        String image = token.getImage();
        int name = image.indexOf(token.getRawTagName(), DELIMITER_LENGTH);
        return offsetOf(token) + Math.max(0, name) + token.getRawTagName().length();
    }

    private String excerpt(int offset) {
        String text = source.text();
        return text.substring(offset, Math.min(text.length(), offset + 12));
    }

    private static int firstMarkup(String text) {
        int expression = text.indexOf("{{");
        int tag = text.indexOf("{%");
        if (expression < 0) return tag;
        return tag < 0 ? expression : Math.min(expression, tag);
    }

    private static String describe(TemplateError error, String image) {
        Exception cause = error.getException();
        if (cause instanceof UnknownTagException) {
            return "unknown tag '{% " + ((UnknownTagException) cause).getTag() + " %}'; upbook templates use "
                    + TemplateDialect.TAGS;
        }
        if (cause instanceof MissingEndTagException) {
            MissingEndTagException missing = (MissingEndTagException) cause;
            return "'" + firstWords(missing.getStartDefinition()) + "' is never closed; add '{% " + missing.getEndTag() + " %}'";
        }
        String message = error.getMessage() == null ? "" : error.getMessage();
        if (message.equals("Unclosed token")) {
            return image.startsWith("{%") ? "'{%' is never closed; add '%}'" : "'{{' is never closed; add '}}'";
        }
        if (message.equals("Unclosed comment")) return "'{#' is never closed; add '#}'";
        if (message.equals("Missing start tag")) {
            return "'{% " + error.getFieldName() + " %}' closes nothing: there is no open block";
        }
        Matcher mismatch = Pattern.compile("Mismatched end tag, expected: (\\w+)").matcher(message);
        if (mismatch.find()) {
            return "'" + image.trim() + "' does not close the open block; expected '{% " + mismatch.group(1) + " %}'";
        }
        return message;
    }

    private static String firstWords(String tag) {
        String oneLine = tag.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= 40 ? oneLine : oneLine.substring(0, 37) + "...";
    }

    /** Jinjava's (line, column) of a token: not an offset, but unique per token. */
    private record TokenKey(int line, int position) {}
}
