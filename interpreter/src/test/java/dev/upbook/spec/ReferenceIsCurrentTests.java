package dev.upbook.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.upbook.spec.spi.StepTypes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/**
 * The generated tables of {@code dsl-spec/reference.md} (keys of every object, diagnostic codes,
 * step types) match the code. Run with {@code -Dupbook.updateDocs=true} to rewrite them.
 */
class ReferenceIsCurrentTests {
    static final String REGENERATE = "Regenerate with: mvn -q -B -pl interpreter -am test -Dtest=ReferenceIsCurrentTests "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dupbook.updateDocs=true, then review and commit dsl-spec/reference.md.";

    private final ReferenceTables tables = new ReferenceTables(StepTypes.load(getClass().getClassLoader()));

    @Test
    void generatedTablesMatchTheCode() throws IOException {
        Path reference = RepoPaths.dslSpec().resolve("reference.md");
        String markdown = MarkdownExamples.read(reference);
        String updated = tables.update(markdown);
        if (Boolean.getBoolean("upbook.updateDocs")) {
            Files.writeString(reference, updated, StandardCharsets.UTF_8);
            return;
        }
        assertEquals(markdown, updated, "the generated tables in " + reference + " are out of date. " + REGENERATE);
    }

    @Test
    void everyRegionIsPresentOnce() {
        String markdown = MarkdownExamples.read(RepoPaths.dslSpec().resolve("reference.md"));
        List<String> found = new ArrayList<>();
        Matcher m = ReferenceTables.REGION.matcher(markdown);
        while (m.find()) found.add(m.group(2));
        for (String name : tables.regionNames()) {
            assertTrue(found.contains(name), "reference.md has no region <!-- BEGIN GENERATED " + name + " --> … "
                    + "<!-- END GENERATED " + name + " -->; add the two markers where the table belongs. " + REGENERATE);
        }
        assertEquals(found.size(), found.stream().distinct().count(), "a generated region appears twice: " + found);
        assertTrue(tables.regionNames().containsAll(found), "unknown generated regions in " + found);
    }
}
