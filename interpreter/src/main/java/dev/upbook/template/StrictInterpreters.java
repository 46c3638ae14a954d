package dev.upbook.template;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.InterpreterFactory;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.UnknownTokenException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * Makes the renderer's Jinjava interpreters. Each carries the renderer's version predicate (for
 * {@code satisfies}), and each render context fails on a name that is not defined at all:
 * Jinjava's {@code failOnUnknownTokens} only fails when a whole expression is null, so
 * {@code {{ 'x' ~ nope }}} would otherwise render as {@code x}. Missing keys of defined maps stay
 * lenient ({@code vars.result.missing | default('')} works), as in Jinja.
 */
final class StrictInterpreters implements InterpreterFactory {

    /** Jinja spells null as {@code none}; Jinjava has no such constant, so it resolves as an undefined name. */
    static final Set<String> NULL_NAMES = Set.of("none", "None");

    private final BiPredicate<String, String> versions;

    StrictInterpreters(BiPredicate<String, String> versions) {
        this.versions = Objects.requireNonNull(versions, "version predicate");
    }

    @Override
    public JinjavaInterpreter newInstance(JinjavaInterpreter orig) {
        return new Interpreter(orig, versions);
    }

    @Override
    public JinjavaInterpreter newInstance(Jinjava application, Context context, JinjavaConfig config) {
        context.setDynamicVariableResolver(name -> {
            if (NULL_NAMES.contains(name)) return null;
            throw new UnknownTokenException(name, 0, 0);
        });
        return new Interpreter(application, context, config, versions);
    }

    /** A Jinjava interpreter that knows how to compare versions for {@code satisfies}. */
    static final class Interpreter extends JinjavaInterpreter {
        private final BiPredicate<String, String> versions;

        Interpreter(Jinjava application, Context context, JinjavaConfig config, BiPredicate<String, String> versions) {
            super(application, context, config);
            this.versions = versions;
        }

        Interpreter(JinjavaInterpreter orig, BiPredicate<String, String> versions) {
            super(orig);
            this.versions = versions;
        }

        BiPredicate<String, String> versions() {
            return versions;
        }
    }
}
