package dev.upbook.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.upbook.cli.StepTypeReference;
import dev.upbook.spec.spi.StepType;
import dev.upbook.spec.spi.StepTypes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code dsl-spec/steps.md} is the page of the standard library's step types generated at build
 * time (each type's entry comes from its {@code @StepDefinition}). Run with
 * {@code -Dupbook.updateDocs=true} to rewrite it.
 */
class StepsPageIsCurrentTests {
    static final String REGENERATE = "Regenerate with: mvn -q -B -pl interpreter -am test -Dtest=StepsPageIsCurrentTests "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dupbook.updateDocs=true, then review and commit " + StepTypeReference.STEPS_PAGE + ".";

    private final StepTypes types = StepTypes.load(getClass().getClassLoader());

    @Test
    void stepsPageMatchesTheDeclarations() throws IOException {
        Path page = RepoPaths.dslSpec().resolve("steps.md");
        String expected = StepTypeReference.page(types.all());
        if (Boolean.getBoolean("upbook.updateDocs")) {
            Files.writeString(page, expected, StandardCharsets.UTF_8);
            return;
        }
        String actual = Files.exists(page) ? Files.readString(page, StandardCharsets.UTF_8) : "(missing)";
        assertEquals(expected, actual, page + " is out of date. " + REGENERATE);
    }

    @Test
    void everyBuiltInTypeHasAGeneratedEntry() {
        for (StepType type : types.all()) {
            assertTrue(type.referenceEntry().isPresent(), type.name() + " has no generated reference entry: declare it with @StepDefinition");
            assertTrue(type.parameterSchema().isPresent(), type.name() + " has no generated schema fragment");
        }
    }
}
