package dev.upbook.cli;

import dev.upbook.spec.model.ExampleValues;
import dev.upbook.spec.model.KeySpec;
import dev.upbook.spec.spi.StepType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The text of {@code upbook explain}: the list of step types, and one type's reference; with
 * {@code --markdown}, the reference entries generated with each type at build time, which make up
 * {@code dsl-spec/steps.md}.
 */
public final class StepTypeReference {
    /** Where the standard library's page lives, relative to the repository root. */
    public static final String STEPS_PAGE = "dsl-spec/steps.md";

    private StepTypeReference() {}

    /**
     * The Markdown page of {@code types}: an index, then each type's generated entry, in name order.
     * {@code dsl-spec/steps.md} is this page for the standard library ({@code StepsPageIsCurrentTests}).
     */
    public static String page(Collection<StepType> types) {
        StringBuilder md = new StringBuilder("""
                # Step types

                <!-- Generated from the step types' declarations (@StepDefinition); do not edit.
                     Regenerate: mvn -q -B -pl interpreter -am test -Dtest=StepsPageIsCurrentTests
                     -Dsurefire.failIfNoSpecifiedTests=false -Dupbook.updateDocs=true -->

                The step types of upbook's standard library. Each entry is generated at build time from the
                type's single declaration, as are the binding of its parameters and its part of the JSON
                Schema; `upbook explain TYPE` prints the same in a terminal, and `upbook explain --markdown`
                prints this page for the types installed (including those on `UPBOOK_PLUGIN_PATH`). The
                language itself (steps, `with`, `register`, `guard`, `idempotent`, …) is in
                [reference.md](reference.md).

                | type | usable as | what it does |
                |---|---|---|
                """);
        for (StepType type : types) {
            md.append("| [`").append(type.name()).append("`](#").append(anchor(type.name())).append(") | ")
                    .append(uses(type)).append(" | ").append(type.summary().replace("|", "\\|")).append(" |\n");
        }
        for (StepType type : types) md.append('\n').append(markdown(type));
        return md.toString();
    }

    /** The GitHub anchor of a heading {@code `name`}: lower case, dots removed. */
    private static String anchor(String name) {
        return name.toLowerCase(Locale.ROOT).replace(".", "");
    }

    /** A type's generated Markdown entry; for a type declared by hand, its text reference in a code block. */
    static String markdown(StepType type) {
        Optional<URL> entry = type.referenceEntry();
        if (entry.isEmpty()) return "## `" + type.name() + "`\n\n```text\n" + reference(type) + "```\n";
        try (InputStream in = entry.get().openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the reference entry of step type '" + type.name() + "' (" + entry.get() + ")", e);
        }
    }

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
        sb.append(new Table("").row("Use", places(type)).row("Idempotency", type.idempotency())
                .row("After a crash", type.idempotent() ? "runs again by itself (the type is idempotent)"
                        : "runs again only with idempotent: true or a guard; otherwise resume asks the operator")
                .row("Register", type.registers().isEmpty() ? "nothing" : type.registers().replace("`", "")).render());
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
