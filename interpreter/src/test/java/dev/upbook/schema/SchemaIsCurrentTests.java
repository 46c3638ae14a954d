package dev.upbook.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.upbook.spec.RepoPaths;
import dev.upbook.spec.spi.StepTypes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The committed {@code dsl-spec/playbook.schema.json} is what the generator makes from the
 * language model and the standard step types. Run with {@code -Dupbook.updateSchema=true} to
 * rewrite it instead of failing.
 */
class SchemaIsCurrentTests {

    static final String REGENERATE = "Regenerate it with: cd " + "<repo> && mvn -q -B -pl interpreter -am test "
            + "-Dtest=SchemaIsCurrentTests -Dsurefire.failIfNoSpecifiedTests=false -Dupbook.updateSchema=true "
            + "(or run dev.upbook.schema.JsonSchemaGenerator#main from the repository root), and commit the file.";

    @Test
    void committedSchemaIsWhatTheGeneratorMakes() throws IOException {
        Path file = RepoPaths.root().resolve(JsonSchemaGenerator.SCHEMA_FILE);
        String generated = JsonSchemaGenerator.generate(StepTypes.load(getClass().getClassLoader()));
        if (Boolean.getBoolean("upbook.updateSchema")) {
            Files.writeString(file, generated, StandardCharsets.UTF_8);
            return;
        }
        assertTrue(Files.exists(file), file + " is missing. " + REGENERATE);
        String committed = Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
        assertEquals(generated, committed, file + " is out of date with the language model or the step types. " + REGENERATE);
    }

    @Test
    void generationIsDeterministic() {
        StepTypes types = StepTypes.load(getClass().getClassLoader());
        assertEquals(JsonSchemaGenerator.generate(types), JsonSchemaGenerator.generate(types));
    }
}
