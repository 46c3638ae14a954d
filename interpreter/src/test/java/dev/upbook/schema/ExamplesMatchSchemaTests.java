package dev.upbook.schema;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.upbook.spec.MarkdownExamples;
import dev.upbook.spec.MarkdownExamples.Example;
import dev.upbook.spec.RepoPaths;
import dev.upbook.spec.spi.StepTypes;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The schema accepts every valid example of the reference, read as an editor reads YAML (so
 * {@code 1.10} is a number there), and rejects typical mistakes.
 *
 * <p>The validator is {@code com.networknt:json-schema-validator} (test scope). It is called
 * through reflection only so that this class compiles before the dependency is declared in
 * {@code interpreter/pom.xml}; without it the tests are skipped with a message saying so.
 */
class ExamplesMatchSchemaTests {
    private static final String FACTORY = "com.networknt.schema.JsonSchemaFactory";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> everyValidExampleMatchesTheSchema() {
        Validator validator = Validator.load();
        return MarkdownExamples.yamlExamples(RepoPaths.dslSpec()).stream()
                .filter(e -> !e.isFragment() && e.expectedCode().isEmpty())
                .map(e -> DynamicTest.dynamicTest(e.name(), () -> {
                    Collection<?> problems = validator.validate(asEditorSees(e));
                    assertTrue(problems.isEmpty(), e.name() + " is valid for lint but not for the schema: " + problems);
                }));
    }

    @Test
    void mistakesAreRejected() throws Exception {
        Validator validator = Validator.load();
        String hop = "upbook: 1\nproduct: {name: a}\nversions: {releases: [1.0.0, 1.1.0]}\n"
                + "edges:\n  - from: 1.0.0\n    to: 1.1.0\n    steps:\n      - ";
        for (String step : new String[] {
                "{id: a, type: exec, with: {argv: [x], bogus: 1}}",  // unknown parameter
                "{id: a, type: exec}",                                // missing required parameter
                "{id: a, type: exce, with: {argv: [x]}}",             // unknown step type
                "{id: a, type: manual, with: {instruction: x}, guard: {type: manual, with: {instruction: x}}}", // not a check
                "{id: a, type: manual, with: {instruction: x}, timeout: 30}", // not a duration
                "{id: B, type: manual, with: {instruction: x}}"}) {    // not an id
            Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(hop + step + "\n");
            assertFalse(validator.validate(JSON.valueToTree(doc)).isEmpty(), "the schema accepts the step " + step);
        }
    }

    @Test
    void theSchemaIsAValidDraft07Schema() throws Exception {
        Validator meta = Validator.load().metaSchema();
        JsonNode schema = JSON.readTree(JsonSchemaGenerator.generate(StepTypes.load(getClass().getClassLoader())));
        Collection<?> problems = meta.validate(schema);
        assertTrue(problems.isEmpty(), "the generated schema is not a valid draft-07 schema: " + problems);
    }

    private static JsonNode asEditorSees(Example example) {
        return JSON.valueToTree(new Yaml(new SafeConstructor(new LoaderOptions())).load(example.text()));
    }

    /** The few calls into networknt's API: {@code factory.getSchema(...).validate(node)}. */
    private record Validator(Object factory, Object schema) {
        static Validator load() {
            Class<?> factoryClass;
            try {
                factoryClass = Class.forName(FACTORY);
            } catch (ClassNotFoundException e) {
                assumeTrue(false, "com.networknt:json-schema-validator is not on the test class path; add it to "
                        + "interpreter/pom.xml (test scope) to check the examples against the schema");
                throw new AssertionError(e);
            }
            try {
                Class<?> flags = Class.forName("com.networknt.schema.SpecVersion$VersionFlag");
                Object v7 = flags.getMethod("valueOf", String.class).invoke(null, "V7");
                Object factory = factoryClass.getMethod("getInstance", flags).invoke(null, v7);
                JsonNode schema = JSON.readTree(JsonSchemaGenerator.generate(StepTypes.load(ExamplesMatchSchemaTests.class.getClassLoader())));
                return new Validator(factory, factoryClass.getMethod("getSchema", JsonNode.class).invoke(factory, schema));
            } catch (ReflectiveOperationException | java.io.IOException e) {
                throw new IllegalStateException("cannot set up the JSON Schema validator", e);
            }
        }

        Validator metaSchema() throws ReflectiveOperationException {
            Method getSchema = factory.getClass().getMethod("getSchema", java.net.URI.class);
            return new Validator(factory, getSchema.invoke(factory, java.net.URI.create("http://json-schema.org/draft-07/schema#")));
        }

        Collection<?> validate(JsonNode document) throws ReflectiveOperationException {
            return (Collection<?>) schema.getClass().getMethod("validate", JsonNode.class).invoke(schema, document);
        }
    }
}
