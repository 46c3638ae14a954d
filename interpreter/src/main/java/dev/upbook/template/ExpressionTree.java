package dev.upbook.template;

import com.hubspot.jinjava.el.ExtendedSyntaxBuilder;
import com.hubspot.jinjava.el.ext.AstDict;
import com.hubspot.jinjava.el.ext.AstFilterChain;
import com.hubspot.jinjava.el.ext.AstList;
import com.hubspot.jinjava.el.ext.AstRangeBracket;
import com.hubspot.jinjava.el.ext.AstTuple;
import com.hubspot.jinjava.el.ext.ExtendedParser;
import com.hubspot.jinjava.el.ext.ExtendedScanner;
import com.hubspot.jinjava.el.ext.FilterSpec;
import com.hubspot.jinjava.el.ext.NamedParameterOperator;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import jinjava.de.odysseus.el.tree.Tree;
import jinjava.de.odysseus.el.tree.TreeBuilderException;
import jinjava.de.odysseus.el.tree.impl.Builder;
import jinjava.de.odysseus.el.tree.impl.Parser;
import jinjava.de.odysseus.el.tree.impl.Scanner;
import jinjava.de.odysseus.el.tree.impl.ast.AstDot;
import jinjava.de.odysseus.el.tree.impl.ast.AstIdentifier;
import jinjava.de.odysseus.el.tree.impl.ast.AstNode;
import jinjava.de.odysseus.el.tree.impl.ast.AstParameters;
import jinjava.de.odysseus.el.tree.impl.ast.AstString;
import jinjava.javax.el.ELException;

/**
 * One Jinjava expression parsed by Jinjava's own EL grammar ({@link ExtendedParser}, a JUEL fork),
 * plus what a lint needs and JUEL drops: the source position of every name, the children of
 * Jinjava's literal nodes (dicts, lists, tuples, slices, named arguments) and property names.
 *
 * <p>The expression is parsed exactly as Jinjava parses it at render time ({@code #{...}} with the
 * JEE6 features METHOD_INVOCATIONS and VARARGS), so what parses here parses there.
 */
final class ExpressionTree {

    /** Prefix Jinjava's parser puts around an expression; positions are shifted back by its length. */
    private static final String EVAL_START = "#{";

    private final AstNode root;
    private final Map<AstNode, Integer> positions;
    private final Map<AstNode, List<AstNode>> literalChildren;
    private final List<ScannedToken> tokens;

    private ExpressionTree(AstNode root, RecordingParser parser) {
        this.root = root;
        this.positions = parser.positions;
        this.literalChildren = parser.literalChildren;
        this.tokens = parser.scanner().tokens;
    }

    /** Parses {@code expression}; a syntax error carries the 0-based offset inside it. */
    static ExpressionTree parse(String expression) throws SyntaxError {
        RecordingBuilder builder = new RecordingBuilder();
        try {
            Tree tree = builder.build(EVAL_START + expression + "}");
            return new ExpressionTree((AstNode) tree.getRoot(), builder.parser);
        } catch (TreeBuilderException e) {
            throw new SyntaxError(describe(e), clamp(e.getPosition() - EVAL_START.length(), expression));
        } catch (ELException | IllegalArgumentException | IllegalStateException | ClassCastException e) {
            // Jinjava's extension handlers throw plain ELExceptions ("Illegal use of '|' operator").
            throw new SyntaxError("invalid expression: " + e.getMessage(), 0);
        } catch (NullPointerException e) {
            // Jinjava's parser dereferences a missing token on some truncated input (seen: "x if {").
            throw new SyntaxError("the expression is incomplete or malformed", 0);
        }
    }

    AstNode root() {
        return root;
    }

    /** The nodes below {@code node}, including the parts of Jinjava literals JUEL does not expose. */
    List<AstNode> children(AstNode node) {
        List<AstNode> recorded = literalChildren.get(node);
        if (recorded != null) return recorded;
        List<AstNode> children = new ArrayList<>(node.getCardinality());
        for (int i = 0; i < node.getCardinality(); i++) {
            if (node.getChild(i) instanceof AstNode) children.add((AstNode) node.getChild(i));
        }
        return children;
    }

    /** Where an identifier or function call written in the source starts. */
    OptionalInt position(AstNode node) {
        Integer at = positions.get(node);
        return at == null ? OptionalInt.empty() : OptionalInt.of(at);
    }

    /** The name of a property access {@code a.name}. */
    static String dotName(AstDot dot) {
        return ((NamedDot) dot).name;
    }

    /** The key of {@code a['key']} when it is a string literal, else null. */
    static String literalKey(AstNode property) {
        return property instanceof AstString ? (String) property.eval(null, null) : null;
    }

    /** Where {@code | name} (a filter) first occurs. */
    OptionalInt filterPosition(String name) {
        for (int i = 1; i < tokens.size(); i++) {
            if (tokens.get(i - 1).image.equals("|") && tokens.get(i).isIdentifier(name)) {
                return OptionalInt.of(tokens.get(i).position);
            }
        }
        return OptionalInt.empty();
    }

    /** Where {@code is name} / {@code is not name} (an expression test) first occurs. */
    OptionalInt testPosition(String name) {
        for (int i = 1; i < tokens.size(); i++) {
            String previous = tokens.get(i - 1).image;
            boolean afterIs = previous.equals("is") || (previous.equals("not") && i > 1 && tokens.get(i - 2).image.equals("is"));
            if (afterIs && tokens.get(i).isIdentifier(name)) return OptionalInt.of(tokens.get(i).position);
        }
        return OptionalInt.empty();
    }

    /** Where {@code .name} (a property or method name) first occurs. */
    OptionalInt memberPosition(String name) {
        for (int i = 1; i < tokens.size(); i++) {
            if (tokens.get(i - 1).image.equals(".") && tokens.get(i).isIdentifier(name)) {
                return OptionalInt.of(tokens.get(i).position);
            }
        }
        return OptionalInt.empty();
    }

    private static String describe(TreeBuilderException e) {
        String encountered = unquote(e.getEncountered());
        String expected = e.getExpected();
        StringBuilder message = new StringBuilder("invalid expression: ");
        if (encountered == null || encountered.equals("<EOF>") || encountered.equals("}")) {
            message.append("it ends too early");
        } else {
            message.append("unexpected '").append(encountered).append("'");
        }
        if (expected != null && !expected.contains("|") && !expected.isBlank()) {
            message.append(", expected ").append(expected);
        }
        return message.toString();
    }

    private static String unquote(String token) {
        if (token != null && token.length() >= 2 && token.startsWith("'") && token.endsWith("'")) {
            return token.substring(1, token.length() - 1);
        }
        return token;
    }

    private static int clamp(int position, String expression) {
        return Math.max(0, Math.min(position, expression.length()));
    }

    /** A parse error inside one expression; {@code position} is 0-based within it. */
    static final class SyntaxError extends Exception {
        private static final long serialVersionUID = 1L;
        final int position;

        SyntaxError(String message, int position) {
            super(message);
            this.position = position;
        }
    }

    /** A token of the expression as the scanner produced it, with its offset in the expression. */
    private static final class ScannedToken {
        final Scanner.Symbol symbol;
        final String image;
        final int position;

        ScannedToken(Scanner.Token token, int position) {
            this.symbol = token.getSymbol();
            this.image = token.getImage() == null ? "" : token.getImage();
            this.position = position;
        }

        boolean isIdentifier(String name) {
            return symbol == Scanner.Symbol.IDENTIFIER && image.equals(name);
        }
    }

    /** {@code a.name} keeping its name readable (JUEL keeps it in a protected field). */
    private static final class NamedDot extends AstDot {
        final String name;

        NamedDot(AstNode prefix, String name, boolean lvalue) {
            super(prefix, name, lvalue);
            this.name = name;
        }
    }

    /** Builds trees with {@link RecordingParser}; one builder per parse. */
    private static final class RecordingBuilder extends ExtendedSyntaxBuilder {
        private static final long serialVersionUID = 1L;
        transient RecordingParser parser;

        RecordingBuilder() {
            super(Builder.Feature.METHOD_INVOCATIONS, Builder.Feature.VARARGS);
        }

        @Override
        protected Parser createParser(String expression) {
            parser = new RecordingParser(this, expression);
            return parser;
        }
    }

    /** Remembers each token and where it starts (after the {@code #{} prefix). */
    private static final class RecordingScanner extends ExtendedScanner {
        final List<ScannedToken> tokens = new ArrayList<>();
        final Map<Scanner.Token, Integer> identifierPositions = new IdentityHashMap<>();

        RecordingScanner(String input) {
            super(input);
        }

        @Override
        public Token next() throws ScanException {
            Token token = super.next();
            int position = getPosition() - EVAL_START.length();
            tokens.add(new ScannedToken(token, position));
            // identifier tokens are fresh objects; keywords and operators are shared constants
            if (token.getSymbol() == Symbol.IDENTIFIER) identifierPositions.put(token, position);
            return token;
        }
    }

    /** Jinjava's parser, recording positions of names and the children of literal nodes. */
    private static final class RecordingParser extends ExtendedParser {
        final Map<AstNode, Integer> positions = new IdentityHashMap<>();
        final Map<AstNode, List<AstNode>> literalChildren = new IdentityHashMap<>();

        RecordingParser(Builder context, String input) {
            super(context, input);
            ExtensionHandler named = getExtensionHandler(NamedParameterOperator.TOKEN);
            putExtensionHandler(NamedParameterOperator.TOKEN, new ExtensionHandler(named.getExtensionPoint()) {
                @Override
                public AstNode createAstNode(AstNode... children) {
                    AstNode node = named.createAstNode(children);
                    literalChildren.put(node, List.of(children[1])); // the name is a keyword, not a variable
                    Integer at = positions.get(children[0]);
                    if (at != null) positions.put(node, at);
                    return node;
                }
            });
        }

        RecordingScanner scanner() {
            return (RecordingScanner) scanner;
        }

        @Override
        protected Scanner createScanner(String expression) {
            return new RecordingScanner(expression);
        }

        @Override
        protected AstNode nonliteral() throws Scanner.ScanException, ParseException {
            Scanner.Token first = getToken();
            AstNode node = super.nonliteral();
            Integer at = scanner().identifierPositions.get(first);
            if (node != null && at != null) positions.put(node, at);
            return node;
        }

        @Override
        protected AstDot createAstDot(AstNode prefix, String name, boolean lvalue) {
            return new NamedDot(prefix, name, lvalue);
        }

        @Override
        protected AstDict createAstDict(Map<AstNode, AstNode> dict) {
            AstDict node = super.createAstDict(dict);
            List<AstNode> children = new ArrayList<>();
            dict.forEach((key, value) -> {
                if (!(key instanceof AstIdentifier)) children.add(key); // {name: 1} means the string 'name'
                children.add(value);
            });
            literalChildren.put(node, children);
            return node;
        }

        @Override
        protected AstList createAstList(AstParameters parameters) throws Scanner.ScanException, ParseException {
            return remember(super.createAstList(parameters), parameters);
        }

        @Override
        protected AstTuple createAstTuple(AstParameters parameters) throws Scanner.ScanException, ParseException {
            return remember(super.createAstTuple(parameters), parameters);
        }

        @Override
        protected AstRangeBracket createAstRangeBracket(AstNode base, AstNode start, AstNode max, boolean lvalue, boolean strict) {
            AstRangeBracket node = super.createAstRangeBracket(base, start, max, lvalue, strict);
            List<AstNode> children = new ArrayList<>();
            children.add(base);
            if (start != null) children.add(start);
            if (max != null) children.add(max);
            literalChildren.put(node, children);
            return node;
        }

        @Override
        protected AstFilterChain createAstFilterChain(AstNode input, List<FilterSpec> filterSpecs) {
            AstFilterChain node = super.createAstFilterChain(input, filterSpecs);
            List<AstNode> children = new ArrayList<>();
            children.add(input);
            for (FilterSpec spec : filterSpecs) {
                if (spec.getParams() != null) children.add(spec.getParams());
            }
            literalChildren.put(node, children);
            return node;
        }

        private <T extends AstNode> T remember(T node, AstParameters parameters) {
            List<AstNode> children = new ArrayList<>();
            for (int i = 0; i < parameters.getCardinality(); i++) children.add(parameters.getChild(i));
            literalChildren.put(node, children);
            return node;
        }
    }
}
