package dev.upbook.template;

import com.hubspot.jinjava.el.ext.AstFilterChain;
import com.hubspot.jinjava.el.ext.AstNamedParameter;
import com.hubspot.jinjava.el.ext.AstRangeBracket;
import com.hubspot.jinjava.el.ext.ExtendedParser;
import com.hubspot.jinjava.el.ext.FilterSpec;
import com.hubspot.jinjava.interpret.Context;
import dev.upbook.spec.diag.Suggestions;
import dev.upbook.template.TemplateProblem.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import jinjava.de.odysseus.el.tree.impl.ast.AstBracket;
import jinjava.de.odysseus.el.tree.impl.ast.AstDot;
import jinjava.de.odysseus.el.tree.impl.ast.AstFunction;
import jinjava.de.odysseus.el.tree.impl.ast.AstIdentifier;
import jinjava.de.odysseus.el.tree.impl.ast.AstMethod;
import jinjava.de.odysseus.el.tree.impl.ast.AstNode;
import jinjava.de.odysseus.el.tree.impl.ast.AstParameters;
import jinjava.de.odysseus.el.tree.impl.ast.AstProperty;

/**
 * Checks one expression (the inside of {@code {{ }}}, a tag's condition, a {@code when:}) against
 * the scope and the template-local names visible where it stands. Walks every node of the parse
 * tree, so both sides of {@code and}/{@code or}/{@code if-else} are checked, not just the branch a
 * sample render would take.
 *
 * <p>A reference is a root name plus, for {@code ns.key} and {@code ns['key']}, the first key:
 * deeper keys ({@code vars.result.stdout}) are values only known at run time.
 */
final class ExpressionCheck {
    private final TemplateScope scope;
    private final Context library;
    private final Set<String> locals;
    private final Problems problems;

    /**
     * @param library Jinjava's global context: the filters, tests and functions that exist
     * @param locals names the template itself introduced and that are visible here
     */
    ExpressionCheck(TemplateScope scope, Context library, Set<String> locals, Problems problems) {
        this.scope = scope;
        this.library = library;
        this.locals = locals;
        this.problems = problems;
    }

    /** Checks {@code expression}, which starts at {@code offset} of the template. */
    void check(String expression, int offset) {
        ExpressionTree tree;
        try {
            tree = ExpressionTree.parse(expression);
        } catch (ExpressionTree.SyntaxError e) {
            problems.add(Kind.SYNTAX, e.getMessage() + " in '" + expression.strip() + "'", offset + e.position);
            return;
        }
        new Visit(tree, offset, expression).node(tree.root());
    }

    /** One walk over one parsed expression. */
    private final class Visit {
        private final ExpressionTree tree;
        private final int offset;
        private final int firstChar;

        Visit(ExpressionTree tree, int offset, String expression) {
            this.tree = tree;
            this.offset = offset;
            this.firstChar = expression.length() - expression.stripLeading().length();
        }

        void node(AstNode node) {
            if (node instanceof AstIdentifier) {
                reference((AstIdentifier) node, null);
            } else if (node instanceof AstMethod) {
                method((AstMethod) node);
            } else if (node instanceof AstProperty && !(node instanceof AstRangeBracket)
                    && ((AstProperty) node).getChild(0) instanceof AstIdentifier) {
                property((AstProperty) node);
            } else {
                if (node instanceof AstFunction) function((AstFunction) node);
                if (node instanceof AstFilterChain) filterChain((AstFilterChain) node);
                children(node);
            }
        }

        private void children(AstNode node) {
            for (AstNode child : tree.children(node)) {
                if (child instanceof AstNamedParameter && !(node instanceof AstParameters)) {
                    // Jinjava evaluates "a=1" outside a call's arguments to an object, or fails at the top level
                    problems.add(Kind.SYNTAX, "'=' names an argument of a call, as in default(value='x'); "
                            + "to assign a variable use {% set name = ... %}", at(tree.position(child)));
                }
                node(child);
            }
        }

        /** {@code ns.key} or {@code ns['key']} or {@code ns[expr]}. */
        private void property(AstProperty property) {
            AstIdentifier root = (AstIdentifier) property.getChild(0);
            if (property instanceof AstDot) {
                reference(root, ExpressionTree.dotName((AstDot) property));
            } else {
                AstNode key = property.getChild(1);
                reference(root, property instanceof AstBracket ? ExpressionTree.literalKey(key) : null);
                if (key != null) node(key);
            }
        }

        private void reference(AstIdentifier identifier, String key) {
            String name = identifier.getName();
            OptionalInt written = tree.position(identifier);
            // the parser invents filter:/exptest:/interpreter names without a position; written ones are variables
            if ((isJinjavaInternal(name) && written.isEmpty()) || locals.contains(name)
                    || StrictInterpreters.NULL_NAMES.contains(name)) {
                return;
            }
            int at = at(written);
            if (!scope.hasNamespace(name)) {
                problems.add(Kind.UNKNOWN_VARIABLE, unknownName(name), at);
            } else if (key != null && !scope.keys(name).contains(key)) {
                Kind kind = name.equals(TemplateScope.INPUTS) ? Kind.UNKNOWN_INPUT : Kind.UNKNOWN_VARIABLE;
                problems.add(kind, unknownKey(name, key), at);
            }
        }

        /** {@code x | f} (Jinjava: {@code filter:f.filter(x, ...)}), {@code x is t}, or a real method call. */
        private void method(AstMethod method) {
            AstProperty property = (AstProperty) method.getChild(0);
            AstNode target = property.getChild(0);
            String targetName = target instanceof AstIdentifier ? ((AstIdentifier) target).getName() : "";
            if (targetName.startsWith(ExtendedParser.FILTER_PREFIX)) {
                filter(targetName.substring(ExtendedParser.FILTER_PREFIX.length()));
            } else if (targetName.startsWith(ExtendedParser.EXPTEST_PREFIX)) {
                test(targetName.substring(ExtendedParser.EXPTEST_PREFIX.length()));
            } else {
                String name = property instanceof AstDot ? ExpressionTree.dotName((AstDot) property) : "[...]";
                if (!TemplateDialect.METHODS.contains(name)) {
                    problems.add(Kind.SYNTAX, "method call '." + name + "()' is not available in templates; "
                            + "use a filter (e.g. '| upper') or one of " + TemplateDialect.METHODS, at(tree.memberPosition(name)));
                }
                node(target);
            }
            children((AstNode) method.getChild(1));
        }

        private void function(AstFunction function) {
            String name = function.getName();
            int at = at(tree.position(function));
            if (name.equals(TemplateScope.SATISFIES)) {
                if (function.getParamCount() != 2) {
                    problems.add(Kind.SYNTAX, "satisfies(version, range) takes 2 arguments, got "
                            + function.getParamCount(), at);
                }
            } else if (!TemplateDialect.hasFunction(library, name)) {
                Set<String> known = new TreeSet<>(TemplateDialect.functionNames(library));
                problems.add(Kind.UNKNOWN_VARIABLE, "unknown function '" + name + "()'; "
                        + Suggestions.didYouMean(name, known, "templates can call satisfies(version, range) and Jinjava's functions such as range()"), at);
            }
        }

        private void filterChain(AstFilterChain chain) {
            for (FilterSpec spec : chain.getFilterSpecs()) filter(spec.getName());
        }

        private void filter(String name) {
            if (TemplateDialect.hasFilter(library, name)) return;
            String message = TemplateDialect.DISABLED_FILTERS.contains(name)
                    ? "filter '" + name + "' is not available in upbook templates"
                    : "unknown filter '" + name + "'; " + Suggestions.didYouMean(name, TemplateDialect.filterNames(library),
                            "see Jinjava's filter list (e.g. default, upper, lower, join, replace)");
            problems.add(Kind.SYNTAX, message, at(tree.filterPosition(name)));
        }

        private void test(String name) {
            if (TemplateDialect.hasTest(library, name)) return;
            problems.add(Kind.SYNTAX, "unknown test 'is " + name + "'; " + Suggestions.didYouMean(name,
                    TemplateDialect.testNames(library), "use e.g. 'is defined', 'is none', 'is string'"), at(tree.testPosition(name)));
        }

        private int at(OptionalInt position) {
            return offset + position.orElse(firstChar);
        }
    }

    private String unknownName(String name) {
        if (name.equals(TemplateScope.EDGE)) {
            return "unknown variable 'edge': edge.from and edge.to exist only in the steps, preconditions "
                    + "and review of edges and rules";
        }
        List<String> candidates = new ArrayList<>(scope.namespaces());
        candidates.addAll(locals);
        return "unknown variable '" + name + "'; " + Suggestions.didYouMean(name, candidates,
                "templates read " + String.join(", ", scope.namespaces())
                        + " and names set by {% for %} or {% set %}");
    }

    private String unknownKey(String namespace, String key) {
        Set<String> keys = scope.keys(namespace);
        String reference = "'" + namespace + "." + key + "'";
        String suggestion = Suggestions.closest(key, keys).map(k -> "did you mean '" + namespace + "." + k + "'?").orElse(null);
        switch (namespace) {
            case TemplateScope.INPUTS:
                if (suggestion != null) return "unknown input " + reference + "; " + suggestion;
                return keys.isEmpty()
                        ? "unknown input " + reference + "; the playbook declares no inputs: declare '" + key + "' under 'inputs'"
                        : "unknown input " + reference + "; declared inputs: " + String.join(", ", keys);
            case TemplateScope.VARS:
                String registered = keys.isEmpty() ? "no step registers a variable before this point"
                        : "registered before this point: " + String.join(", ", keys);
                return "unknown variable " + reference + "; " + (suggestion != null ? suggestion + " " : "")
                        + registered + " (a step with 'register: " + key + "' must run earlier)";
            default:
                return "unknown variable " + reference + "; " + (suggestion != null ? suggestion + " " : "")
                        + namespace + " has " + String.join(", ", keys);
        }
    }

    /** Names Jinjava's parser invents for filters, tests and itself. */
    private static boolean isJinjavaInternal(String name) {
        return name.startsWith(ExtendedParser.FILTER_PREFIX) || name.startsWith(ExtendedParser.EXPTEST_PREFIX)
                || name.equals(ExtendedParser.INTERPRETER);
    }
}
