package dev.upbook.schema;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.upbook.spec.MarkdownExamples;
import dev.upbook.spec.MarkdownExamples.Example;
import dev.upbook.spec.RepoPaths;
import dev.upbook.spec.spi.StepTypes;
import java.util.Collection;
import java.util.List;
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
 * <p>The validator is {@code com.networknt:json-schema-validator} (test scope). The shipped
 * playbooks are checked too, so the schema an editor uses and the linter agree on them.
 */
class ExamplesMatchSchemaTests {
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

    @TestFactory
    Stream<DynamicTest> everyShippedPlaybookMatchesTheSchema() throws java.io.IOException {
        Validator validator = Validator.load();
        java.nio.file.Path root = RepoPaths.root().resolve("playbooks");
        List<java.nio.file.Path> files;
        try (Stream<java.nio.file.Path> walk = java.nio.file.Files.walk(root)) {
            files = walk.filter(dev.upbook.lint.Linter::isPlaybookFile).filter(p -> !p.toString().contains("/target/")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no playbooks under " + root);
        return files.stream().map(f -> DynamicTest.dynamicTest(root.relativize(f).toString(), () -> {
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(1000); // as upbook's own loader allows
            Object doc = new Yaml(new SafeConstructor(options)).load(java.nio.file.Files.readString(f));
            Collection<?> problems = validator.validate(JSON.valueToTree(doc));
            assertTrue(problems.isEmpty(), f + " lints clean but the schema reports: " + problems);
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

    /** networknt's validator for the generated schema (or, for {@link #metaSchema}, draft-07 itself). */
    private record Validator(JsonSchemaFactory factory, JsonSchema schema) {
        static Validator load() {
            JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
            try {
                JsonNode schema = JSON.readTree(JsonSchemaGenerator.generate(StepTypes.load(ExamplesMatchSchemaTests.class.getClassLoader())));
                return new Validator(factory, factory.getSchema(schema));
            } catch (java.io.IOException e) {
                throw new IllegalStateException("cannot read the generated schema", e);
            }
        }

        Validator metaSchema() {
            return new Validator(factory, factory.getSchema(java.net.URI.create("http://json-schema.org/draft-07/schema#")));
        }

        Collection<ValidationMessage> validate(JsonNode document) {
            return schema.validate(document);
        }
    }
}
