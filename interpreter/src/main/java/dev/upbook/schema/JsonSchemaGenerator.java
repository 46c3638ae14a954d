package dev.upbook.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.upbook.plugin.PluginPath;
import dev.upbook.spec.model.KeySpec;
import dev.upbook.spec.model.Language;
import dev.upbook.spec.model.ObjectSpec;
import dev.upbook.spec.model.TypeSchemas;
import dev.upbook.spec.spi.StepType;
import dev.upbook.spec.spi.StepTypes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Generates the JSON Schema (draft-07, the draft editors such as yaml-language-server support
 * best) of playbook files from the language model {@link Language} and the installed step types.
 * Nothing in the schema is written by hand: each {@link ObjectSpec} becomes a definition, and each
 * step type adds the shape of {@code with} for steps and actions naming it.
 *
 * <p>The output is deterministic: keys appear in the order of the language model, step types
 * sorted by name, two-space indentation, {@code \n} line ends and a trailing newline. The copy in
 * {@code dsl-spec/playbook.schema.json} is checked by {@code SchemaIsCurrentTests}; rewrite it with
 * {@code main} or the test's {@code -Dupbook.updateSchema=true}.
 */
public final class JsonSchemaGenerator {

    /** Where the committed copy lives, relative to the repository root. */
    public static final String SCHEMA_FILE = "dsl-spec/playbook.schema.json";

    private static final String DRAFT_07 = "http://json-schema.org/draft-07/schema#";

    private final JsonNodeFactory json = JsonNodeFactory.instance;
    private final TypeSchemas types = new TypeSchemas(json);
    private final StepTypes stepTypes;

    private JsonSchemaGenerator(StepTypes stepTypes) {
        this.stepTypes = stepTypes;
    }

    /** The schema text for playbooks that may use {@code types}. */
    public static String generate(StepTypes types) {
        return print(new JsonSchemaGenerator(types).schema());
    }

    /**
     * Writes the schema of the step types on the class path to {@code args[0]}, or to
     * {@value #SCHEMA_FILE} below the current directory when no argument is given.
     */
    public static void main(String[] args) throws IOException {
        Path target = Path.of(args.length > 0 ? args[0] : SCHEMA_FILE);
        String schema = generate(PluginPath.stepTypes());
        Files.writeString(target, schema, StandardCharsets.UTF_8);
        System.out.println("wrote " + target.toAbsolutePath().normalize());
    }

    private ObjectNode schema() {
        ObjectSpec playbook = Language.object(Language.PLAYBOOK);
        ObjectNode root = json.objectNode();
        root.put("$schema", DRAFT_07);
        root.put("title", "upbook playbook (DSL version " + Language.DSL_VERSION + ")");
        root.setAll(objectSchema(playbook));
        root.put("description", playbook.description()
                + " Generated from the language model and the installed step types; see dsl-spec/reference.md.");
        ObjectNode definitions = root.putObject("definitions");
        for (ObjectSpec spec : Language.objects()) {
            if (!spec.name().equals(Language.PLAYBOOK)) definitions.set(spec.name(), objectSchema(spec));
        }
        return root;
    }

    /** An object of the language: its keys, which are required, nothing else allowed. */
    private ObjectNode objectSchema(ObjectSpec spec) {
        ObjectNode node = json.objectNode();
        node.put("description", spec.description());
        node.put("type", "object");
        ObjectNode properties = node.putObject("properties");
        for (KeySpec key : spec.keys()) properties.set(key.name(), types.keySchema(key));
        required(node, spec.keys());
        node.put("additionalProperties", false);
        if (spec.name().equals(Language.STEP)) typed(node, StepType.Use.STEP);
        if (spec.name().equals(Language.ACTION)) typed(node, StepType.Use.CHECK);
        return node;
    }

    /**
     * Narrows {@code type} to the installed types of that use and adds one {@code if/then} per type
     * that gives {@code with} the type's parameters. Unknown types are lint errors, so the enum is
     * closed; a third-party jar on the class path when generating adds its types.
     */
    private void typed(ObjectNode object, StepType.Use use) {
        List<StepType> usable = stepTypes.all().stream().filter(t -> t.uses().contains(use)).toList();
        ObjectNode type = (ObjectNode) object.get("properties").get("type");
        ArrayNode names = type.putArray("enum");
        usable.forEach(t -> names.add(t.name()));
        ArrayNode allOf = object.putArray("allOf");
        for (StepType t : usable) allOf.add(parametersFor(t));
    }

    private ObjectNode parametersFor(StepType type) {
        ObjectNode rule = json.objectNode();
        ObjectNode condition = rule.putObject("if");
        condition.putObject("properties").putObject("type").put("const", type.name());
        condition.putArray("required").add("type");
        ObjectNode then = rule.putObject("then");
        then.putObject("properties").set("with", withSchema(type));
        if (type.parameters().stream().anyMatch(KeySpec::required)) then.putArray("required").add("with");
        return rule;
    }

    /** The fragment generated with the type at build time, or (a type declared by hand) one derived from its parameters. */
    private ObjectNode withSchema(StepType type) {
        Optional<URL> fragment = type.parameterSchema();
        if (fragment.isEmpty()) return types.withSchema(type.summary(), type.parameters());
        try (InputStream in = fragment.get().openStream()) {
            return (ObjectNode) new ObjectMapper().readTree(in);
        } catch (IOException | ClassCastException e) {
            throw new IllegalStateException("the schema fragment of step type '" + type.name() + "' (" + fragment.get()
                    + ") cannot be read: " + e.getMessage(), e);
        }
    }

    private static void required(ObjectNode node, List<KeySpec> keys) {
        List<String> names = keys.stream().filter(KeySpec::required).map(KeySpec::name).toList();
        if (!names.isEmpty()) {
            ArrayNode required = node.putArray("required");
            names.forEach(required::add);
        }
    }

    private static String print(ObjectNode schema) {
        try {
            return new ObjectMapper().writer(new SchemaPrinter()).writeValueAsString(schema) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Two-space indentation, {@code "key": value}, arrays one item a line, empty ones as {@code []}. */
    private static final class SchemaPrinter extends DefaultPrettyPrinter {
        private static final long serialVersionUID = 1L;

        SchemaPrinter() {
            super(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""));
            DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
            indentObjectsWith(indenter);
            indentArraysWith(indenter);
        }

        @Override
        public SchemaPrinter createInstance() {
            return new SchemaPrinter();
        }
    }
}
