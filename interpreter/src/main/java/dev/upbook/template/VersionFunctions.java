package dev.upbook.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;

/**
 * {@code satisfies(version, range)} for templates. Jinjava calls functions as static methods, so
 * the renderer's version predicate travels with the interpreter ({@link StrictInterpreters}) and
 * the function asks the current interpreter for it. No static state.
 */
final class VersionFunctions {

    private VersionFunctions() {}

    /** Called by Jinjava for {@code satisfies(version, range)}. */
    static boolean satisfies(Object version, Object range) {
        JinjavaInterpreter current = JinjavaInterpreter.getCurrent();
        if (!(current instanceof StrictInterpreters.Interpreter)) {
            throw new IllegalStateException("satisfies() is only available while upbook renders a template");
        }
        String v = requireText(version, "version");
        String r = requireText(range, "range");
        return ((StrictInterpreters.Interpreter) current).versions().test(v, r);
    }

    private static String requireText(Object value, String what) {
        if (value == null) {
            throw new IllegalArgumentException("satisfies(version, range): the " + what + " is undefined");
        }
        return value.toString();
    }
}
