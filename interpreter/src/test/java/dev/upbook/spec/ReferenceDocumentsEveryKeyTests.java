package dev.upbook.spec;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.upbook.spec.diag.Code;
import dev.upbook.spec.model.KeySpec;
import dev.upbook.spec.model.Language;
import dev.upbook.spec.model.ObjectSpec;
import dev.upbook.spec.spi.StepType;
import dev.upbook.spec.spi.StepTypes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code dsl-spec/reference.md} documents the whole language: a section per object with a table
 * row per key, every diagnostic code and every step type.
 */
class ReferenceDocumentsEveryKeyTests {
    private final String reference = MarkdownExamples.read(RepoPaths.dslSpec().resolve("reference.md"));

    @Test
    void everyObjectHasASectionWithARowPerKey() {
        List<String> missing = new ArrayList<>();
        for (ObjectSpec object : Language.objects()) {
            String section = section(object.name());
            if (section == null) {
                missing.add("section '### `" + object.name() + "`'");
                continue;
            }
            for (KeySpec key : object.keys()) {
                if (!section.contains("\n| `" + key.name() + "` |")) missing.add(object.name() + "." + key.name());
            }
        }
        assertTrue(missing.isEmpty(), "reference.md does not document: " + missing);
    }

    @Test
    void everyDiagnosticCodeIsDocumented() {
        List<String> missing = new ArrayList<>();
        for (Code code : Code.values()) {
            if (!reference.contains("| `" + code.name() + "` |")) missing.add(code.name());
        }
        assertTrue(missing.isEmpty(), "reference.md has no table row for the codes " + missing);
    }

    @Test
    void everyStepTypeIsListed() {
        List<String> missing = new ArrayList<>();
        for (StepType type : StepTypes.load(getClass().getClassLoader()).all()) {
            if (!reference.contains("| `" + type.name() + "` |")) missing.add(type.name());
        }
        assertTrue(missing.isEmpty(), "reference.md does not list the step types " + missing);
    }

    /** The text from the heading {@code ### `name`} to the next heading of level 1 to 3. */
    private String section(String name) {
        String heading = "\n### `" + name + "`\n";
        int start = reference.indexOf(heading);
        if (start < 0) return null;
        int end = reference.length();
        for (String next : List.of("\n# ", "\n## ", "\n### ")) {
            int i = reference.indexOf(next, start + heading.length());
            if (i >= 0) end = Math.min(end, i);
        }
        return reference.substring(start, end);
    }
}
