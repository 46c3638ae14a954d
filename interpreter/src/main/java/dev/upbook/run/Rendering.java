package dev.upbook.run;

import dev.upbook.spec.SourceRef;
import dev.upbook.spec.ast.Text;
import dev.upbook.spec.ast.Value;
import dev.upbook.spec.model.KeySpec;
import dev.upbook.spec.model.Type;
import dev.upbook.spec.spi.Parameters;
import dev.upbook.spec.spi.StepType;
import dev.upbook.template.RenderResult;
import dev.upbook.template.TemplateRenderer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Renders a step's parsed parameters (never raw YAML text) into plain values for the step type:
 * every string scalar is rendered on its own as a template; plain scalars are typed by the
 * parameter's declared type (so {@code 1.10} stays the text {@code 1.10} where a string is
 * meant); parameters of type expression are evaluated to a Boolean.
 */
final class Rendering {
    private static final Pattern INTEGER = Pattern.compile("[-+]?[0-9]+");

    private final TemplateRenderer renderer;

    Rendering(TemplateRenderer renderer) {
        this.renderer = renderer;
    }

    /** A rendering problem: the parameter path and Jinjava's message. */
    static final class RenderFailure extends Exception {
        RenderFailure(String message) {
            super(message);
        }
    }

    /**
     * The variables templates see: {@code inputs}, {@code run} ({@code id}, {@code from}, {@code to},
     * {@code installation}, {@code started}), {@code vars} and, in a hop, {@code edge}.
     */
    static Map<String, Object> context(InputValues inputs, long runId, String from, String to, String installation,
            java.time.Instant started, Map<String, Object> vars, java.util.Optional<dev.upbook.plan.PlanHop> hop) {
        return context(inputs, runId, from, to, installation, started, vars, Map.of(), hop);
    }

    /** The same, with the values captured before the first step as {@code captured}. */
    static Map<String, Object> context(InputValues inputs, long runId, String from, String to, String installation,
            java.time.Instant started, Map<String, Object> vars, Map<String, Object> captured,
            java.util.Optional<dev.upbook.plan.PlanHop> hop) {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("id", runId);
        run.put("from", from);
        run.put("to", to);
        run.put("installation", installation);
        run.put("started", started.toString());
        Map<String, Object> c = new HashMap<>();
        c.put("inputs", inputs.values());
        c.put("run", run);
        c.put("vars", vars);
        c.put("captured", captured);
        hop.ifPresent(h -> c.put("edge", Map.of("from", h.from().text(), "to", h.to().text())));
        return c;
    }

    Parameters parameters(Value.Mapping with, StepType type, Map<String, ?> context) throws RenderFailure {
        Map<String, Type> types = new HashMap<>();
        for (KeySpec k : type.parameters()) types.put(k.name(), k.type());
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, SourceRef> positions = new HashMap<>();
        for (Map.Entry<String, Value> e : with.entries().entrySet()) {
            out.put(e.getKey(), value(e.getValue(), types.getOrDefault(e.getKey(), new Type.Any()), e.getKey(), context));
            positions.put(e.getKey(), e.getValue().at());
        }
        return new Parameters(out, positions);
    }

    boolean condition(Text expression, Map<String, ?> context) throws RenderFailure {
        RenderResult<Boolean> r = renderer.renderCondition(expression.value(), context);
        if (!r.isSuccess()) throw new RenderFailure("when: " + r.error().orElse("cannot evaluate"));
        return r.value();
    }

    String text(String template, String what, Map<String, ?> context) throws RenderFailure {
        RenderResult<String> r = renderer.render(template, context);
        if (!r.isSuccess()) throw new RenderFailure(what + ": " + r.error().orElse("cannot render"));
        return r.value();
    }

    private Object value(Value value, Type type, String path, Map<String, ?> context) throws RenderFailure {
        if (type instanceof Type.OneOf oneOf) type = pick(oneOf, value);
        if (value instanceof Value.Scalar s) return scalar(s, type, path, context);
        if (value instanceof Value.Sequence seq) {
            Type item = type instanceof Type.ListOf l ? l.item() : new Type.Any();
            List<Object> out = new ArrayList<>(seq.items().size());
            for (int i = 0; i < seq.items().size(); i++) out.add(value(seq.items().get(i), item, path + "[" + i + "]", context));
            return out;
        }
        Value.Mapping map = (Value.Mapping) value;
        Type entry = type instanceof Type.MapOf m ? m.value() : new Type.Any();
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Value> e : map.entries().entrySet()) {
            out.put(e.getKey(), value(e.getValue(), entry, path + "." + e.getKey(), context));
        }
        return out;
    }

    private Object scalar(Value.Scalar s, Type type, String path, Map<String, ?> context) throws RenderFailure {
        if (s.isNull()) return null;
        if (type instanceof Type.Expression) {
            RenderResult<Boolean> r = renderer.renderCondition(s.text(), context);
            if (!r.isSuccess()) throw new RenderFailure("parameter '" + path + "': " + r.error().orElse("cannot evaluate"));
            return r.value();
        }
        String text = text(s.text(), "parameter '" + path + "'", context);
        boolean rendered = !text.equals(s.text());
        if (!s.plain() && !rendered) return text;
        if (type instanceof Type.Int) return INTEGER.matcher(text.trim()).matches() ? Long.parseLong(text.trim()) : text;
        if (type instanceof Type.Bool) return bool(text).orElse(text);
        if (type instanceof Type.Any && s.plain() && !rendered) {
            if (INTEGER.matcher(text).matches() && text.length() < 19) return Long.parseLong(text);
            Object b = bool(text).orElse(null);
            if (b != null) return b;
        }
        return text;
    }

    private static java.util.Optional<Object> bool(String text) {
        switch (text.trim()) {
            case "true": case "True": case "TRUE": return java.util.Optional.of(Boolean.TRUE);
            case "false": case "False": case "FALSE": return java.util.Optional.of(Boolean.FALSE);
            default: return java.util.Optional.empty();
        }
    }

    private static Type pick(Type.OneOf oneOf, Value value) {
        for (Type t : oneOf.options()) {
            if (value instanceof Value.Sequence && t instanceof Type.ListOf) return t;
            if (value instanceof Value.Mapping && t instanceof Type.MapOf) return t;
            if (value instanceof Value.Scalar && !(t instanceof Type.ListOf) && !(t instanceof Type.MapOf)) return t;
        }
        return new Type.Any();
    }
}
