package dev.upbook.cli;

import dev.upbook.spec.model.KeySpec;
import dev.upbook.spec.spi.StepType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** The text of {@code upbook explain}: the list of step types, and one type's reference. */
final class StepTypeReference {
    private StepTypeReference() {}

    /** Every type as a row: name, where it may be used, summary. */
    static String list(Collection<StepType> types) {
        Table table = new Table("").row("TYPE", "USE", "SUMMARY");
        for (StepType type : types) table.row(type.name(), uses(type), type.summary());
        return table.render() + "\nRun 'upbook explain TYPE' for a type's parameters and an example.\n";
    }

    /** Name and summary, where it may be used, idempotency, parameters, exactly-one-of groups, example. */
    static String reference(StepType type) {
        StringBuilder sb = new StringBuilder();
        sb.append(type.name()).append(": ").append(type.summary()).append("\n\n");
        sb.append(new Table("").row("Use", places(type)).row("Idempotency", type.idempotency()).render());
        sb.append('\n').append(parameters(type));
        for (List<String> group : type.exactlyOneOf()) {
            sb.append("\nExactly one of: ").append(String.join(", ", group)).append('\n');
        }
        sb.append("\nExample:\n").append(example(type));
        return sb.toString();
    }

    private static String uses(StepType type) {
        return String.join(", ", type.uses().stream().sorted().map(u -> u.name().toLowerCase(Locale.ROOT)).toList());
    }

    private static String places(StepType type) {
        List<String> places = new ArrayList<>();
        if (type.uses().contains(StepType.Use.STEP)) {
            places.add("as a step (in pre, post, an edge's or rule's steps, a recovery)");
        }
        if (type.uses().contains(StepType.Use.CHECK)) {
            places.add("as a check (a precondition, a step's guard or verify, a review check, detect)");
        }
        return String.join("; ", places);
    }

    private static String parameters(StepType type) {
        if (type.parameters().isEmpty()) return "Parameters: none\n";
        Table table = new Table("  ").row("NAME", "TYPE", "DEFAULT", "DESCRIPTION");
        for (KeySpec p : type.parameters()) {
            String value = p.required() ? "required" : p.defaultValue() == null ? "none" : p.defaultValue();
            table.row(p.name(), p.type().describe(), value, p.description());
        }
        return "Parameters (under with:):\n" + table.render();
    }

    /**
     * A step (or, for a check-only type, a precondition) with the required parameters and the
     * first of each exactly-one-of group, so that it passes lint once the placeholders are filled.
     */
    static String example(StepType type) {
        List<KeySpec> shown = exampleParameters(type);
        String id = type.name().replace('.', '-');
        StringBuilder sb = new StringBuilder();
        String indent;
        if (type.uses().contains(StepType.Use.STEP)) {
            sb.append("  - id: ").append(id).append('\n').append("    type: ").append(type.name()).append('\n');
            indent = "    ";
        } else {
            sb.append("  - id: ").append(id).append("\n    check:\n      type: ").append(type.name()).append('\n');
            indent = "      ";
        }
        if (!shown.isEmpty()) sb.append(indent).append("with:\n");
        for (KeySpec p : shown) {
            sb.append(indent).append("  ").append(p.name()).append(": ").append(ExampleValues.of(p.type(), p.name())).append('\n');
        }
        return sb.toString();
    }

    private static List<KeySpec> exampleParameters(StepType type) {
        List<String> firstOfGroups = type.exactlyOneOf().stream().map(g -> g.get(0)).toList();
        return type.parameters().stream()
                .filter(p -> p.required() || firstOfGroups.contains(p.name()))
                .toList();
    }
}
