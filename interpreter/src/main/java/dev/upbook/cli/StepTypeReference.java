package dev.upbook.cli;

import dev.upbook.spec.model.ExampleValues;
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

    /** An example step of the type (see {@link ExampleValues#step}). */
    static String example(StepType type) {
        return ExampleValues.step(type.name(), type.uses().contains(StepType.Use.STEP), type.parameters(), type.exactlyOneOf());
    }
}
