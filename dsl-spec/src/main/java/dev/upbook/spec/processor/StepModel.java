package dev.upbook.spec.processor;

import dev.upbook.spec.spi.StepDeclaration;
import dev.upbook.spec.spi.StepType;
import java.util.List;
import java.util.Set;

/** One {@code @StepDefinition} class as the processor read it. */
final class StepModel {
    final String packageName;
    final String simpleName;
    final String name;
    final String summary;
    final Set<StepType.Use> uses;
    final String idempotency;
    final boolean idempotent;
    final String registers;
    final List<ParameterModel> parameters;
    final List<List<String>> exactlyOneOf;
    /** The class Javadoc as Markdown paragraphs, for the reference entry. */
    final String details;

    StepModel(String packageName, String simpleName, StepDeclaration declaration, List<ParameterModel> parameters, String details) {
        this.packageName = packageName;
        this.simpleName = simpleName;
        this.name = declaration.name();
        this.summary = declaration.summary();
        this.uses = declaration.uses();
        this.idempotency = declaration.idempotency();
        this.idempotent = declaration.idempotent();
        this.registers = declaration.registers();
        this.parameters = List.copyOf(parameters);
        this.exactlyOneOf = declaration.exactlyOneOf();
        this.details = details;
    }

    StepDeclaration declaration() {
        return new StepDeclaration(name, summary, uses, idempotency, idempotent, registers,
                parameters.stream().map(p -> p.key).toList(), exactlyOneOf);
    }
}
