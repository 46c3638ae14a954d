package dev.upbook.spec;

import dev.upbook.spec.diag.Code;
import dev.upbook.spec.model.KeySpec;
import dev.upbook.spec.model.Language;
import dev.upbook.spec.model.ObjectSpec;
import dev.upbook.spec.model.Type;
import dev.upbook.spec.spi.StepType;
import dev.upbook.spec.spi.StepTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The parts of {@code dsl-spec/reference.md} that are generated from code, so they are never
 * written twice by hand: one key table per object of {@link Language}, the table of diagnostic
 * {@link Code}s and the list of step types. Each sits between
 * {@code <!-- BEGIN GENERATED name -->} and {@code <!-- END GENERATED name -->}; the prose around
 * them is hand-written.
 */
public final class ReferenceTables {
    static final Pattern REGION = Pattern.compile(
            "(<!-- BEGIN GENERATED ([a-z:-]+) -->\\n)(.*?)(<!-- END GENERATED \\2 -->)", Pattern.DOTALL);

    private final StepTypes types;

    public ReferenceTables(StepTypes types) {
        this.types = types;
    }

    /** The names of every region the reference must contain. */
    public List<String> regionNames() {
        List<String> names = new ArrayList<>();
        Language.objects().forEach(o -> names.add("keys:" + o.name()));
        names.add("codes");
        names.add("step-types");
        return names;
    }

    /** The content of region {@code name}, ending with a newline. */
    public String render(String name) {
        if (name.startsWith("keys:")) return keys(Language.object(name.substring("keys:".length())));
        if (name.equals("codes")) return codes();
        if (name.equals("step-types")) return stepTypes();
        throw new IllegalArgumentException("no generated region '" + name + "'");
    }

    /** {@code markdown} with every generated region replaced by its current content. */
    public String update(String markdown) {
        Matcher m = REGION.matcher(markdown);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + render(m.group(2)) + m.group(4)));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    static String keys(ObjectSpec spec) {
        StringBuilder sb = new StringBuilder("| key | type | default | meaning |\n|---|---|---|---|\n");
        for (KeySpec key : spec.keys()) {
            sb.append("| `").append(key.name()).append("` | ").append(describe(key.type())).append(" | ")
                    .append(defaultText(key)).append(" | ").append(cell(key.description())).append(" |\n");
        }
        return sb.toString();
    }

    static String codes() {
        StringBuilder sb = new StringBuilder("| code | severity | meaning | default hint |\n|---|---|---|---|\n");
        for (Code code : Code.values()) {
            sb.append("| `").append(code.name()).append("` | ").append(code.defaultSeverity().label()).append(" | ")
                    .append(cell(code.summary())).append(" | ").append(cell(code.hint())).append(" |\n");
        }
        return sb.toString();
    }

    private String stepTypes() {
        StringBuilder sb = new StringBuilder("| type | usable as | what it does |\n|---|---|---|\n");
        for (StepType type : types.all()) {
            String uses = type.uses().stream().sorted().map(u -> u.name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", "));
            sb.append("| `").append(type.name()).append("` | ").append(uses).append(" | ")
                    .append(cell(type.summary())).append(" |\n");
        }
        return sb.toString();
    }

    /** How a type reads in the reference, with links to the objects and value kinds it names. */
    static String describe(Type type) {
        if (type instanceof Type.Str) return ((Type.Str) type).templated() ? "[template](#templates)" : "string";
        if (type instanceof Type.Int) {
            Type.Int range = (Type.Int) type;
            if (range.min() == range.max()) return "`" + range.min() + "`";
            return range.min() == 0 ? "integer ≥ 0" : "integer";
        }
        if (type instanceof Type.Bool) return "boolean";
        if (type instanceof Type.Duration) return "[duration](#durations)";
        if (type instanceof Type.Id) return "[id](#ids)";
        if (type instanceof Type.Version) return "[version](#versions-and-ranges)";
        if (type instanceof Type.Range) return "[range](#versions-and-ranges)";
        if (type instanceof Type.Expression) return "[expression](#expressions)";
        if (type instanceof Type.Enum) {
            return ((Type.Enum) type).values().stream().map(v -> "`" + v + "`").collect(Collectors.joining(" or "));
        }
        if (type instanceof Type.ListOf) return "list of " + describe(((Type.ListOf) type).item());
        if (type instanceof Type.MapOf) return "map of name → " + describe(((Type.MapOf) type).value());
        if (type instanceof Type.Ref) return "[" + ((Type.Ref) type).object() + "](#" + ((Type.Ref) type).object() + ")";
        if (type instanceof Type.OneOf) {
            return ((Type.OneOf) type).options().stream().map(ReferenceTables::describe).collect(Collectors.joining(" or "));
        }
        return "any";
    }

    /** Literal defaults in code font; defaults that describe a value ("the id", "none") as words. */
    static String defaultText(KeySpec key) {
        if (key.required()) return "**required**";
        String d = key.defaultValue();
        if (d == null) return "—";
        if (d.contains(" ") || d.equals("none")) return cell(d);
        return "`" + d + "`";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
