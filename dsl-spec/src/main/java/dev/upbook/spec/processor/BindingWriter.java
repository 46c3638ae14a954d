package dev.upbook.spec.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import dev.upbook.spec.model.KeySpec;
import dev.upbook.spec.model.Type;
import dev.upbook.spec.spi.Parameters;
import dev.upbook.spec.spi.StepDeclaration;
import dev.upbook.spec.spi.StepType;
import java.util.EnumSet;
import java.util.List;
import javax.annotation.processing.Generated;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code <Class>Binding} with JavaPoet: the type's {@link StepDeclaration} as a constant and
 * {@code bind(Parameters)}, which builds the {@code With} record from the rendered parameters.
 */
final class BindingWriter {
    private static final ClassName TYPE = ClassName.get(Type.class);

    private BindingWriter() {}

    static JavaFile write(StepModel step) {
        ClassName stepClass = ClassName.get(step.packageName, step.simpleName);
        ClassName with = stepClass.nestedClass("With");
        FieldSpec declaration = FieldSpec.builder(StepDeclaration.class, "DECLARATION", Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("What {@code $L} declares: name, uses, idempotency, register, parameters.\n", step.name)
                .initializer(declaration(step))
                .build();
        MethodSpec bind = MethodSpec.methodBuilder("bind")
                .addModifiers(Modifier.STATIC)
                .addJavadoc("The rendered parameters as {@link $T}; a missing or ill-shaped value throws\n"
                        + "{@link $T.ParameterException} naming the parameter and its position.\n", with, Parameters.class)
                .returns(with)
                .addParameter(Parameters.class, "p")
                .addCode(bindBody(step, with))
                .build();
        TypeSpec binding = TypeSpec.classBuilder(step.simpleName + "Binding")
                .addModifiers(Modifier.FINAL)
                .addAnnotation(com.palantir.javapoet.AnnotationSpec.builder(Generated.class)
                        .addMember("value", "$S", StepTypeProcessor.class.getName()).build())
                .addJavadoc("The declaration and parameter binding of step type {@code $L}, generated from\n"
                        + "{@link $T}'s {@code @StepDefinition} and its {@code With} record. Do not edit.\n", step.name, stepClass)
                .addField(declaration)
                .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build())
                .addMethod(bind)
                .build();
        return JavaFile.builder(step.packageName, binding).skipJavaLangImports(true).indent("    ").build();
    }

    private static CodeBlock declaration(StepModel step) {
        CodeBlock uses = CodeBlock.of("$T.of($L)", EnumSet.class, CodeBlock.join(step.uses.stream()
                .map(u -> CodeBlock.of("$T.Use.$L", StepType.class, u.name())).toList(), ", "));
        CodeBlock parameters = list(step.parameters.stream().map(p -> key(p.key)).toList());
        CodeBlock groups = list(step.exactlyOneOf.stream()
                .map(g -> CodeBlock.of("$T.of($L)", List.class, CodeBlock.join(g.stream().map(n -> CodeBlock.of("$S", n)).toList(), ", ")))
                .toList());
        return CodeBlock.builder().add("new $T(\n", StepDeclaration.class).indent().indent()
                .add("$S,\n$S,\n$L,\n$S,\n$L,\n$S,\n$L,\n$L)", step.name, step.summary, uses, step.idempotency, step.idempotent,
                        step.registers, parameters, groups)
                .unindent().unindent().build();
    }

    private static CodeBlock list(List<CodeBlock> items) {
        if (items.isEmpty()) return CodeBlock.of("$T.of()", List.class);
        return CodeBlock.builder().add("$T.of(\n", List.class).indent().indent()
                .add(CodeBlock.join(items, ",\n")).add(")").unindent().unindent().build();
    }

    private static CodeBlock key(KeySpec key) {
        return CodeBlock.of("new $T($S, $L, $L, $S, $S, $S)", KeySpec.class, key.name(), type(key.type()), key.required(),
                key.defaultValue(), key.description(), key.example());
    }

    /** Java source that builds {@code type}. */
    static CodeBlock type(Type type) {
        if (type instanceof Type.Str) return CodeBlock.of("new $T.Str($L)", TYPE, ((Type.Str) type).templated());
        if (type instanceof Type.Secret) return CodeBlock.of("new $T.Secret()", TYPE);
        if (type instanceof Type.Int) {
            Type.Int i = (Type.Int) type;
            return CodeBlock.of("new $T.Int($LL, $LL)", TYPE, i.min(), i.max());
        }
        if (type instanceof Type.Bool) return CodeBlock.of("new $T.Bool()", TYPE);
        if (type instanceof Type.Duration) return CodeBlock.of("new $T.Duration()", TYPE);
        if (type instanceof Type.Expression) return CodeBlock.of("new $T.Expression()", TYPE);
        if (type instanceof Type.Any) return CodeBlock.of("new $T.Any()", TYPE);
        if (type instanceof Type.Enum) {
            return CodeBlock.of("new $T.Enum($T.of($L))", TYPE, List.class,
                    CodeBlock.join(((Type.Enum) type).values().stream().map(v -> CodeBlock.of("$S", v)).toList(), ", "));
        }
        if (type instanceof Type.ListOf) return CodeBlock.of("new $T.ListOf($L)", TYPE, type(((Type.ListOf) type).item()));
        if (type instanceof Type.MapOf) return CodeBlock.of("new $T.MapOf($L)", TYPE, type(((Type.MapOf) type).value()));
        if (type instanceof Type.OneOf) {
            return CodeBlock.of("new $T.OneOf($T.of($L))", TYPE, List.class,
                    CodeBlock.join(((Type.OneOf) type).options().stream().map(BindingWriter::type).toList(), ", "));
        }
        throw new IllegalArgumentException("a step parameter cannot have type " + type);
    }

    private static CodeBlock bindBody(StepModel step, ClassName with) {
        CodeBlock.Builder body = CodeBlock.builder();
        List<String> required = step.parameters.stream().filter(p -> p.key.required()).map(p -> p.name).toList();
        if (!required.isEmpty()) {
            body.addStatement("p.require($L)", CodeBlock.join(required.stream().map(n -> CodeBlock.of("$S", n)).toList(), ", "));
        }
        if (step.parameters.isEmpty()) return body.addStatement("return new $T()", with).build();
        return body.add("return new $T(\n", with).indent().indent()
                .add(CodeBlock.join(step.parameters.stream().map(ParameterModel::binding).toList(), ",\n"))
                .add(");\n").unindent().unindent().build();
    }
}
