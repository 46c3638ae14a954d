package dev.upbook.spec.processor;

import dev.upbook.spec.model.ExampleValues;
import dev.upbook.spec.model.KeySpec;
import dev.upbook.spec.spi.StepType;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference entry of one step type in Markdown ({@code META-INF/upbook/steps/NAME.md}):
 * heading, summary, the class Javadoc, where it may be used, idempotency, what {@code register}
 * stores, the parameters table, exactly-one-of groups and an example. {@code dsl-spec/steps.md}
 * is these entries of the standard library, in name order.
 */
final class ReferenceWriter {
    private ReferenceWriter() {}

    static String write(StepModel step) {
        StringBuilder md = new StringBuilder();
        md.append("## `").append(step.name).append("`\n\n");
        md.append(step.summary).append("\n\n");
        if (!step.details.isEmpty()) md.append(step.details).append("\n\n");
        md.append("- **Usable as:** ").append(uses(step)).append('\n');
        md.append("- **Idempotency:** ").append(step.idempotency).append('\n');
        md.append("- **After a crash in the middle:** ").append(step.idempotent
                ? "runs again by itself (the type is idempotent)."
                : "runs again only with `idempotent: true` or a `guard` on the step; otherwise `upbook resume` asks the operator.")
                .append('\n');
        md.append("- **`register` stores:** ").append(step.registers.isEmpty() ? "nothing." : step.registers).append("\n\n");
        md.append(parameters(step));
        for (List<String> group : step.exactlyOneOf) {
            List<String> names = new ArrayList<>();
            group.forEach(n -> names.add("`" + n + "`"));
            md.append("Exactly one of ").append(String.join(", ", names)).append(" must be given.\n\n");
        }
        md.append("Example:\n\n```yaml fragment\n")
                .append(ExampleValues.step(step.name, step.uses.contains(StepType.Use.STEP),
                        step.parameters.stream().map(p -> p.key).toList(), step.exactlyOneOf))
                .append("```\n");
        return md.toString();
    }

    private static String uses(StepModel step) {
        List<String> uses = new ArrayList<>();
        if (step.uses.contains(StepType.Use.STEP)) uses.add("a step (in `pre`, `post`, a hop's steps, a recovery)");
        if (step.uses.contains(StepType.Use.CHECK)) uses.add("a check (a precondition, `guard`, `verify`, `until`, a review check, `detect`)");
        return String.join("; ", uses) + ".";
    }

    private static String parameters(StepModel step) {
        if (step.parameters.isEmpty()) return "No parameters.\n\n";
        StringBuilder md = new StringBuilder("| parameter | type | default | description |\n|---|---|---|---|\n");
        for (ParameterModel p : step.parameters) {
            KeySpec k = p.key;
            String def = k.required() ? "*required*" : isProse(k.defaultValue()) ? k.defaultValue() : "`" + k.defaultValue() + "`";
            md.append("| `").append(k.name()).append("` | ").append(cell(k.type().describe())).append(" | ").append(cell(def))
                    .append(" | ").append(cell(k.description())).append(" |\n");
        }
        return md.append('\n').toString();
    }

    /** "none", "the current user": words about the value rather than the value. */
    private static boolean isProse(String defaultValue) {
        if (defaultValue.startsWith("[") || defaultValue.startsWith("{") || defaultValue.startsWith("\"")) return false;
        return defaultValue.equals("none") || defaultValue.contains(" ");
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
