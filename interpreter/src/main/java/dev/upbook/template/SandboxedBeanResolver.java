package dev.upbook.template;

import com.hubspot.jinjava.el.TypeConvertingMapELResolver;
import com.hubspot.jinjava.el.ext.JinjavaBeanELResolver;
import com.hubspot.jinjava.el.ext.JinjavaListELResolver;
import com.hubspot.jinjava.lib.exptest.ExpTest;
import com.hubspot.jinjava.lib.filter.Filter;
import com.hubspot.jinjava.objects.date.PyishDate;
import com.hubspot.jinjava.util.ForLoop;
import java.util.Map;
import java.util.Set;
import jinjava.javax.el.ArrayELResolver;
import jinjava.javax.el.CompositeELResolver;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELResolver;
import jinjava.javax.el.MethodNotFoundException;

/**
 * Keeps templates away from Java. Jinjava's default resolver reads any bean getter and calls any
 * public method except a short deny list; this one allows by name instead:
 *
 * <ul>
 *   <li>properties: of maps and lists (the context), and of {@code loop} and dates only;
 *   <li>methods: {@code filter} on filters and {@code evaluate}/{@code evaluateNegated} on tests
 *       (how Jinjava runs {@code x | f} and {@code x is t}), {@code items/keys/values/get} on
 *       dicts, {@code cycle} on {@code loop}. Anything else fails the render.
 * </ul>
 */
final class SandboxedBeanResolver extends JinjavaBeanELResolver {

    private static final Set<String> MAP_METHODS = Set.of("items", "keys", "values", "get");
    private static final String LOOP_METHOD = "cycle";
    /** Every method name a template may call, whatever it is called on (for the checker). */
    static final Set<String> CALLABLE_METHODS = Set.of("items", "keys", "values", "get", LOOP_METHOD);
    private static final Set<String> TEST_METHODS = Set.of("evaluate", "evaluateNegated");

    private SandboxedBeanResolver() {
        super(true);
    }

    /** Maps, lists and arrays as Jinjava reads them, then this bean resolver; all read-only. */
    static ELResolver resolver() {
        CompositeELResolver resolver = new CompositeELResolver();
        resolver.add(new ArrayELResolver(true));
        resolver.add(new JinjavaListELResolver(true));
        resolver.add(new TypeConvertingMapELResolver(true));
        resolver.add(new SandboxedBeanResolver());
        return resolver;
    }

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
        return isReadableBean(base) ? super.getValue(context, base, property) : null;
    }

    @Override
    public Class<?> getType(ELContext context, Object base, Object property) {
        return isReadableBean(base) ? super.getType(context, base, property) : null;
    }

    @Override
    public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
        String name = String.valueOf(method);
        if (!isAllowedCall(base, name)) {
            throw new MethodNotFoundException("method calls are not available in upbook templates: '" + name
                    + "()'" + (base == null ? "" : " on a " + describe(base)) + "; use a filter instead");
        }
        return super.invoke(context, base, method, paramTypes, params);
    }

    private static boolean isReadableBean(Object base) {
        return base instanceof ForLoop || base instanceof PyishDate;
    }

    private static boolean isAllowedCall(Object base, String method) {
        return (base instanceof Filter && method.equals("filter"))
                || (base instanceof ExpTest && TEST_METHODS.contains(method))
                || (base instanceof Map && MAP_METHODS.contains(method))
                || (base instanceof ForLoop && method.equals(LOOP_METHOD));
    }

    private static String describe(Object base) {
        if (base instanceof CharSequence) return "string";
        if (base instanceof Number) return "number";
        if (base instanceof Map) return "dict";
        if (base instanceof Iterable) return "list";
        return "value";
    }
}
