package dev.upbook.template;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.DisabledException;
import com.hubspot.jinjava.interpret.InterpreterFactory;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import com.hubspot.jinjava.lib.tag.Tag;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * The upbook template language: Jinjava restricted to what playbook strings need. The checker
 * and the renderer both take their rules from here, so what lints clean renders, and what the
 * renderer refuses the checker reports.
 *
 * <p>Restrictions: only the tags in {@link #TAGS} (no include/import/extends/macro: templates are
 * single strings); no {@code render} filter (it would render input values as templates); method
 * calls only as listed in {@link SandboxedBeanResolver}; no re-rendering of output
 * ("nested interpretation"); unknown variables fail the render.
 */
final class TemplateDialect {

    /** Tags upbook templates may use; every other Jinjava tag is disabled. */
    static final Set<String> TAGS = ordered(
            "if", "elif", "else", "unless", "for", "break", "continue", "set", "print", "do", "raw");

    static final Set<String> DISABLED_FILTERS = Set.of("render");
    static final Set<String> DISABLED_FUNCTIONS = Set.of("super");

    /** Method names templates may call: {@code dict.items()} and friends, {@code loop.cycle(...)}. */
    static final Set<String> METHODS = SandboxedBeanResolver.CALLABLE_METHODS;

    /** A rendered playbook string larger than this is a runaway loop, not a value. */
    static final long MAX_OUTPUT_BYTES = 8L * 1024 * 1024;

    private TemplateDialect() {}

    /** The Jinjava the checker parses with: every tag enabled, so it can name unsupported ones itself. */
    static Jinjava checkingEngine() {
        Jinjava jinjava = new Jinjava(JinjavaConfig.newBuilder().withFailOnUnknownTokens(true).build());
        jinjava.registerFunction(satisfiesFunction());
        return jinjava;
    }

    /** The Jinjava the renderer uses; {@code interpreters} carries the version predicate. */
    static Jinjava renderingEngine(InterpreterFactory interpreters) {
        JinjavaConfig config = JinjavaConfig.newBuilder()
                .withFailOnUnknownTokens(true)
                .withNestedInterpretationEnabled(false)
                .withKeepTrailingNewline(true)
                .withMaxOutputSize(MAX_OUTPUT_BYTES)
                .withElResolver(SandboxedBeanResolver.resolver())
                .withDisabled(disabledLibraries())
                .withInterperterFactory(interpreters)
                .build();
        Jinjava jinjava = new Jinjava(config);
        jinjava.registerFunction(satisfiesFunction());
        return jinjava;
    }

    static boolean supportsTag(String name) {
        return TAGS.contains(name);
    }

    static boolean hasFilter(Context context, String name) {
        return !DISABLED_FILTERS.contains(name) && lookup(() -> context.getFilter(name) != null);
    }

    static boolean hasTest(Context context, String name) {
        return lookup(() -> context.getExpTest(name) != null);
    }

    static boolean hasFunction(Context context, String name) {
        return !DISABLED_FUNCTIONS.contains(name) && lookup(() -> context.getFunction(functionKey(name)) != null);
    }

    /** Jinjava keys functions as {@code namespace:name}; {@code range} is {@code :range}. */
    private static String functionKey(String name) {
        return name.contains(":") ? name : ":" + name;
    }

    private static String functionName(String key) {
        return key.startsWith(":") ? key.substring(1) : key;
    }

    /** Every filter name templates may use, for "did you mean". */
    static Set<String> filterNames(Context context) {
        Set<String> names = new TreeSet<>();
        context.getAllFilters().forEach(f -> names.add(f.getName()));
        names.removeAll(DISABLED_FILTERS);
        return names;
    }

    static Set<String> testNames(Context context) {
        Set<String> names = new TreeSet<>();
        context.getAllExpTests().forEach(t -> names.add(t.getName()));
        return names;
    }

    static Set<String> functionNames(Context context) {
        Set<String> names = new TreeSet<>();
        context.getAllFunctions().forEach(f -> names.add(functionName(f.getName())));
        names.removeAll(DISABLED_FUNCTIONS);
        return names;
    }

    private static Map<Context.Library, Set<String>> disabledLibraries() {
        Set<String> tags = new TreeSet<>();
        for (Tag tag : new Jinjava().getGlobalContext().getAllTags()) {
            if (!supportsTag(tag.getName()) && !isEndOfSupportedTag(tag.getName())) tags.add(tag.getName());
        }
        return Map.of(
                Context.Library.TAG, tags,
                Context.Library.FILTER, DISABLED_FILTERS,
                Context.Library.FUNCTION, DISABLED_FUNCTIONS.stream().map(TemplateDialect::functionKey).collect(Collectors.toSet()));
    }

    /** End tags ({@code endif}) are tags to Jinjava; they stay enabled with their opening tag. */
    private static boolean isEndOfSupportedTag(String name) {
        return name.startsWith("end") && TAGS.contains(name.substring("end".length()));
    }

    private static ELFunctionDefinition satisfiesFunction() {
        try {
            Method method = VersionFunctions.class.getDeclaredMethod("satisfies", Object.class, Object.class);
            method.setAccessible(true); // the holder is package-private; JUEL invokes it reflectively
            return new ELFunctionDefinition("", TemplateScope.SATISFIES, method);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("VersionFunctions.satisfies(Object, Object) is missing", e);
        }
    }

    private static boolean lookup(BooleanSupplier lookup) {
        try {
            return lookup.getAsBoolean();
        } catch (DisabledException e) {
            return false;
        }
    }

    private static Set<String> ordered(String... names) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(List.of(names)));
    }
}
