package dev.upbook.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.upbook.lint.LintReport;
import dev.upbook.lint.Linter;
import dev.upbook.spec.MarkdownExamples.Example;
import dev.upbook.spec.diag.Code;
import dev.upbook.spec.diag.Diagnostic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every YAML example in {@code dsl-spec/*.md} is linted as a playbook file of its own. A plain
 * {@code yaml} example must produce no diagnostic at all (not even a warning: an example teaches
 * what to write); a {@code yaml error=CODE} example must produce that code and no other error or
 * warning (notes may accompany it);
 * {@code yaml fragment} examples are skipped.
 */
class ReferenceExamplesTests {
    private static final Linter LINTER = Linter.standard();

    @TempDir
    Path temp;

    static List<Example> examples() {
        return MarkdownExamples.yamlExamples(RepoPaths.dslSpec());
    }

    @TestFactory
    Stream<DynamicTest> everyExampleLintsAsItsInfoStringSays() {
        List<Example> examples = examples().stream().filter(e -> !e.isFragment()).toList();
        return java.util.stream.IntStream.range(0, examples.size()).mapToObj(n -> {
            Example example = examples.get(n);
            return DynamicTest.dynamicTest(example.name(), () -> check(example, n));
        });
    }

    private void check(Example example, int n) throws IOException {
        Path file = temp.resolve("example-" + n + ".playbook.yaml");
        Files.writeString(file, example.text(), StandardCharsets.UTF_8);
        LintReport report = LINTER.lint(List.of(file));
        // notes (e.g. "graph checks skipped") accompany errors; the example names the error it shows
        Set<String> codes = report.all().stream().filter(d -> d.severity() != dev.upbook.spec.diag.Severity.NOTE)
                .map(d -> d.code().name()).collect(Collectors.toCollection(TreeSet::new));
        String shown = describe(example, report.all());
        if (example.expectedCode().isPresent()) {
            String expected = example.expectedCode().get();
            assertTrue(isCode(expected), example.name() + ": 'error=" + expected + "' names no diagnostic code");
            assertEquals(Set.of(expected), codes, example.name() + " must report exactly " + expected + ", got:\n" + shown);
        } else if (!report.all().isEmpty()) {
            fail(example.name() + " is shown as a valid playbook, but lint reports:\n" + shown
                    + "\nFix the example, or mark it ```yaml error=CODE (or ```yaml fragment).");
        }
    }

    /** The diagnostics with positions translated to lines of the Markdown file. */
    private static String describe(Example example, List<Diagnostic> diagnostics) {
        return diagnostics.stream()
                .map(d -> "  " + example.file().getFileName() + ":" + (example.line() + d.at().line()) + ":" + d.at().column()
                        + ": " + d.severity().label() + "[" + d.code().name() + "]: " + d.message())
                .collect(Collectors.joining("\n"));
    }

    private static boolean isCode(String name) {
        return Stream.of(Code.values()).anyMatch(c -> c.name().equals(name));
    }

    @Test
    void theReferenceShowsManyCompletePlaybooks() {
        long complete = examples().stream().filter(e -> !e.isFragment()).count();
        assertTrue(complete >= 30, "only " + complete + " complete examples in dsl-spec/*.md");
    }
}
