package dev.upbook.spec.processor;

import dev.upbook.spec.model.KeySpec;
import dev.upbook.spec.model.TypeSchemas;
import dev.upbook.spec.spi.Param;
import dev.upbook.spec.spi.StepDeclaration;
import dev.upbook.spec.spi.StepDefinition;
import dev.upbook.spec.spi.StepResources;
import dev.upbook.spec.spi.StepType;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * The annotation processor behind {@link StepDefinition}: for each declared step type it checks the
 * declaration (errors point at the class or the record component) and generates the binding class
 * (JavaPoet), the JSON Schema fragment of {@code with:} and the reference entry. It is registered
 * in {@code META-INF/services/javax.annotation.processing.Processor}, so javac runs it in any
 * project that has {@code upbook-dsl-spec} on its class path; the standard library's build names
 * it explicitly.
 */
@SupportedAnnotationTypes("dev.upbook.spec.spi.StepDefinition")
public final class StepTypeProcessor extends AbstractProcessor {
    private static final Pattern TYPE_NAME = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)*");
    private final Map<String, String> namesSeen = new HashMap<>();

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        for (Element element : round.getElementsAnnotatedWith(StepDefinition.class)) {
            read(element).ifPresent(this::generate);
        }
        return true;
    }

    private Optional<Generated> read(Element element) {
        if (element.getKind() != ElementKind.CLASS || element.getModifiers().contains(Modifier.ABSTRACT)
                || ((TypeElement) element).getNestingKind() != NestingKind.TOP_LEVEL) {
            return error(element, "@StepDefinition belongs on a top-level, non-abstract class that implements StepType");
        }
        TypeElement type = (TypeElement) element;
        StepDefinition definition = type.getAnnotation(StepDefinition.class);
        boolean ok = true;
        TypeElement stepType = processingEnv.getElementUtils().getTypeElement(StepType.class.getName());
        if (!processingEnv.getTypeUtils().isAssignable(type.asType(), stepType.asType())) {
            ok = fail(type, "step type " + type.getSimpleName() + " must implement " + StepType.class.getName());
        }
        if (!hasPublicNoArgConstructor(type)) {
            ok = fail(type, "step type " + type.getSimpleName() + " needs a public constructor without arguments (ServiceLoader creates it)");
        }
        if (!TYPE_NAME.matcher(definition.name()).matches()) {
            ok = fail(type, "step type name '" + definition.name() + "' must be dot-separated lower-case words, e.g. file.backup");
        }
        String previous = namesSeen.putIfAbsent(definition.name(), type.getQualifiedName().toString());
        if (previous != null && !previous.equals(type.getQualifiedName().toString())) {
            ok = fail(type, "step type name '" + definition.name() + "' is already declared by " + previous);
        }
        if (definition.uses().length == 0) ok = fail(type, "step type '" + definition.name() + "' must declare at least one use");
        if (definition.summary().isBlank() || definition.idempotency().isBlank()) {
            ok = fail(type, "step type '" + definition.name() + "' needs a summary and an idempotency statement");
        }
        Optional<TypeElement> with = ElementFilter.typesIn(type.getEnclosedElements()).stream()
                .filter(e -> e.getSimpleName().contentEquals("With")).findFirst();
        if (with.isEmpty() || with.get().getKind() != ElementKind.RECORD) {
            fail(type, "step type " + type.getSimpleName() + " must declare its parameters as a nested 'record With(...)'"
                    + " whose components carry @Param (use 'record With() {}' for none)");
            return Optional.empty();
        }
        List<ParameterModel> parameters = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (RecordComponentElement component : with.get().getRecordComponents()) {
            Element at = positioned(with.get(), component);
            Param param = component.getAnnotation(Param.class);
            if (param == null) {
                ok = fail(at, "record component '" + component.getSimpleName() + "' of " + type.getSimpleName()
                        + ".With needs @Param(\"what it means\")");
                continue;
            }
            List<String> problems = new ArrayList<>();
            Optional<ParameterModel> model = ParameterModel.read(component.getSimpleName().toString(),
                    component.asType().toString(), param, problems::add);
            problems.forEach(p -> fail(at, p));
            if (model.isEmpty()) {
                ok = false;
                continue;
            }
            if (!names.add(model.get().name)) ok = fail(at, "two parameters are named '" + model.get().name + "'");
            parameters.add(model.get());
        }
        List<List<String>> groups = new ArrayList<>();
        for (String group : definition.exactlyOneOf()) {
            List<String> members = Arrays.stream(group.split("\\|")).map(String::strip).toList();
            for (String member : members) {
                Optional<ParameterModel> p = parameters.stream().filter(m -> m.name.equals(member)).findFirst();
                if (p.isEmpty()) ok = fail(type, "exactlyOneOf group '" + group + "' names '" + member + "', which is not a parameter");
                else if (p.get().key.required()) ok = fail(type, "exactlyOneOf group '" + group + "' names '" + member
                        + "', which is required; make it Optional or give it a default");
            }
            if (members.size() < 2) ok = fail(type, "exactlyOneOf group '" + group + "' needs two or more names joined by |");
            groups.add(members);
        }
        if (!ok) return Optional.empty();
        Set<StepType.Use> uses = EnumSet.copyOf(Arrays.asList(definition.uses()));
        StepDeclaration declaration = new StepDeclaration(definition.name(), definition.summary(), new LinkedHashSet<>(uses),
                definition.idempotency(), definition.idempotent(), definition.registers(),
                parameters.stream().map(p -> p.key).toList(), groups);
        String details = details(type);
        PackageElement pkg = processingEnv.getElementUtils().getPackageOf(type);
        return Optional.of(new Generated(type, new StepModel(pkg.getQualifiedName().toString(), type.getSimpleName().toString(),
                declaration, parameters, details)));
    }

    /** The class Javadoc as Markdown, without a first paragraph that only repeats the name and summary. */
    private String details(TypeElement type) {
        String doc = processingEnv.getElementUtils().getDocComment(type);
        JavadocMarkdown markdown = new JavadocMarkdown(name -> constant(type, name));
        List<String> paragraphs = new ArrayList<>(markdown.paragraphs(doc));
        if (!paragraphs.isEmpty() && paragraphs.get(0).startsWith("Step type ")) paragraphs.remove(0);
        return String.join("\n\n", paragraphs);
    }

    private static String constant(TypeElement type, String name) {
        for (VariableElement field : ElementFilter.fieldsIn(type.getEnclosedElements())) {
            if (field.getSimpleName().contentEquals(name) && field.getConstantValue() != null) return String.valueOf(field.getConstantValue());
        }
        return null;
    }

    /**
     * The element to report a component's problems on: javac 17 gives record components no source
     * position, but the component's private field carries the component's.
     */
    private static Element positioned(TypeElement record, RecordComponentElement component) {
        return ElementFilter.fieldsIn(record.getEnclosedElements()).stream()
                .filter(f -> f.getSimpleName().contentEquals(component.getSimpleName()))
                .<Element>map(f -> f).findFirst().orElse(component);
    }

    private static boolean hasPublicNoArgConstructor(TypeElement type) {
        List<ExecutableElement> constructors = ElementFilter.constructorsIn(type.getEnclosedElements());
        return type.getModifiers().contains(Modifier.PUBLIC) && constructors.stream()
                .anyMatch(c -> c.getParameters().isEmpty() && c.getModifiers().contains(Modifier.PUBLIC));
    }

    private void generate(Generated g) {
        try {
            BindingWriter.write(g.model).writeTo(processingEnv.getFiler());
            resource(g, StepResources.schema(g.model.name), schema(g.model));
            resource(g, StepResources.reference(g.model.name), ReferenceWriter.write(g.model));
        } catch (IOException e) {
            error(g.element, "cannot write the generated files of step type '" + g.model.name + "': " + e.getMessage());
        }
    }

    private void resource(Generated g, String path, String content) throws IOException {
        FileObject file = processingEnv.getFiler().createResource(StandardLocation.CLASS_OUTPUT, "", path, g.element);
        try (Writer writer = file.openWriter()) {
            writer.write(content);
        }
    }

    /** The JSON Schema of {@code with:}, printed the way {@code upbook schema} prints (two spaces, \n). */
    private static String schema(StepModel model) throws IOException {
        List<KeySpec> keys = model.parameters.stream().map(p -> p.key).toList();
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        return new ObjectMapper().writer(printer).writeValueAsString(new TypeSchemas(JsonNodeFactory.instance)
                .withSchema(model.summary, keys)) + "\n";
    }

    private boolean fail(Element element, String message) {
        processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, message, element);
        return false;
    }

    private <T> Optional<T> error(Element element, String message) {
        fail(element, message);
        return Optional.empty();
    }

    /** A class read successfully and the model to generate from. */
    private static final class Generated {
        final Element element;
        final StepModel model;

        Generated(Element element, StepModel model) {
            this.element = element;
            this.model = model;
        }
    }
}
